import Foundation
import NNVLanguage
import NNVTestSupport
import Testing

/// Every builtin's declaration is complete and its example runs.
@Suite struct BuiltinExamplesTests {
  @Test(arguments: BuiltinRegistry.all.map(\.name))
  func exampleRuns(_ name: String) throws {
    let builtin = try #require(BuiltinRegistry.builtin(named: name))
    let directory = ScriptRunner.temporaryDirectory + "/examples-\(name)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try "x,y,label\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n".write(
      toFile: directory + "/points.csv", atomically: true, encoding: .utf8)
    // Three 4×4 images and their labels, gzipped as MNIST's files are, for `idx`.
    let images = IDXFixture.images(
      (0..<3).map { k in (0..<16).map { UInt8($0 * 16 + k) } }, rows: 4, columns: 4)
    try Data(try IDXFixture.gzipStored(images)).write(
      to: URL(fileURLWithPath: directory + "/t10k-images-idx3-ubyte.gz"))
    try Data(try IDXFixture.gzipStored(IDXFixture.labels([0, 1, 2]))).write(
      to: URL(fileURLWithPath: directory + "/t10k-labels-idx1-ubyte.gz"))
    let (result, _) = ScriptRunner.run(
      builtin.example, name: "\(name) example", directory: directory)
    #expect(
      result.status == .success,
      "\(DiagnosticRenderer(color: false).render(result.diagnostics))")
    #expect(builtin.example.contains(name))
  }

  @Test func declarationsAreDocumented() {
    for builtin in BuiltinRegistry.all {
      #expect(!builtin.summary.isEmpty && builtin.summary.hasSuffix("."), "\(builtin.name)")
      for parameter in builtin.parameters {
        #expect(!parameter.summary.isEmpty, "\(builtin.name).\(parameter.name)")
      }
    }
    #expect(Set(BuiltinRegistry.all.map(\.name)).count == BuiltinRegistry.all.count)
  }

  @Test func helpIsGeneratedFromTheDeclaration() throws {
    let help = try #require(BuiltinRegistry.helpText(for: "train"))
    #expect(help.hasPrefix("train MODEL on DATA [epochs N] [batch N]"))
    #expect(help.contains("epochs N"))
    // The numbers a parameter accepts, from the same bounds and limits the checker applies.
    #expect(help.contains("passes over the data, 1 or more (default: 10; at most"))
    #expect(help.contains("1,000,000)"))
    let dropout = try #require(BuiltinRegistry.helpText(for: "dropout"))
    #expect(dropout.contains("at least 0 and less than 1"))
    #expect(BuiltinRegistry.helpText(for: "relu")?.contains("dense 8 relu") == true)
    #expect(BuiltinRegistry.helpText(for: "nonsense") == nil)
    // Parameter lines fit 80 columns, apart from the usage line and long choice labels.
    for builtin in BuiltinRegistry.all {
      let text = try #require(BuiltinRegistry.helpText(for: builtin.name))
      let parameters =
        text.components(separatedBy: "\nParameters:\n").dropFirst().first?
        .components(separatedBy: "\n\n").first ?? ""
      for line in parameters.split(separator: "\n") where !line.contains("|") {
        #expect(line.count <= 80, "\(builtin.name): \(line)")
      }
    }
    let index = BuiltinRegistry.helpIndex()
    for builtin in BuiltinRegistry.all { #expect(index.contains(builtin.name)) }
  }

  /// Help follows the terminal's width: at 120 and at 80 columns every line of the index and of
  /// each command's summary fits, and wrapping breaks lines at spaces, never inside a word.
  @Test func helpWrapsAtSpacesToTheWidth() throws {
    for width in [80, 120] {
      let index = BuiltinRegistry.helpIndex(width: width)
      for line in index.split(separator: "\n") { #expect(line.count <= width, "\(line)") }
      // Each summary reads back word for word from its line and the indented lines under it.
      let lines = index.split(separator: "\n", omittingEmptySubsequences: false)
      for builtin in BuiltinRegistry.all {
        let start = try #require(lines.firstIndex { $0.hasPrefix("  \(builtin.name) ") })
        let continued = lines[(start + 1)...].prefix { $0.hasPrefix("      ") }
        let words = ([lines[start]] + continued).flatMap { $0.split(separator: " ") }.dropFirst()
        #expect(Array(words) == builtin.summary.split(separator: " "), "\(builtin.name)")
      }
      // Apart from lists of choices (`a|b|c`), which stay whole, help text fits too.
      let help = try #require(BuiltinRegistry.helpText(for: "saliency", width: width))
      for line in help.split(separator: "\n") where !line.contains("|") {
        #expect(line.count <= width, "\(line)")
      }
    }
  }

  @Test func markdownTableHasARowPerBuiltin() {
    let table = BuiltinRegistry.markdownTable()
    let rows = table.split(separator: "\n").dropFirst(2)
    #expect(rows.count == BuiltinRegistry.all.count)
    #expect(table.contains("| `train` | command |"))
  }
}
