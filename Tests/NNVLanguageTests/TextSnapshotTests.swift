import NNVTestSupport
import Testing

/// The golden-file comparison says where two texts differ, in a way that can be read.
@Suite struct TextSnapshotTests {
  @Test func equalTextsHaveNoDifference() {
    #expect(TextSnapshot.difference(expected: "a\nb\n", actual: "a\nb\n") == nil)
  }

  @Test func theFirstDifferingLineIsQuotedAndTheDiffMarksBothSides() throws {
    let report = try #require(
      TextSnapshot.difference(expected: "one\ntwo\nthree\n", actual: "one\ntwo \nthree\n"))
    #expect(report.hasPrefix("first difference at line 2 of 4 expected, 4 actual:\n"))
    #expect(report.contains("  expected: \"two\"\n  actual:   \"two \"\n"), "\(report)")
    #expect(report.hasSuffix("  one\n- two\n+ two \n  three\n  "), "\(report)")
  }

  @Test func aMissingLastLineBreakShows() throws {
    let report = try #require(TextSnapshot.difference(expected: "a\n", actual: "a"))
    #expect(report.contains("first difference at line 2 of 2 expected, 1 actual"), "\(report)")
    #expect(report.contains("expected: \"\"\n  actual:   (no line)"), "\(report)")
  }

  @Test func aLongDiffIsCut() throws {
    let old = (0..<200).map { "line \($0)" }.joined(separator: "\n")
    let new = (0..<200).map { "LINE \($0)" }.joined(separator: "\n")
    let report = try #require(TextSnapshot.difference(expected: old, actual: new))
    #expect(report.hasSuffix("  ... (340 more)"), "\(report.suffix(200))")
  }
}
