import Foundation
import NNVLanguage
import Testing

/// Scripts are read up to a limit and must be UTF-8; a bad byte is reported where it is.
@Suite struct ScriptReaderTests {
  static func file(_ bytes: [UInt8]) throws -> String {
    let path = ScriptRunner.temporaryDirectory + "/reader-\(UUID().uuidString).nnv"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func aUTF8FileIsRead() throws {
    let path = try Self.file(Array("print \"é\"\n".utf8))
    let source = try ScriptReader.read(path: path, name: "ok.nnv").get()
    #expect(source.text == "print \"é\"\n")
    #expect(source.name == "ok.nnv")
  }

  @Test func anInvalidByteIsADiagnosticAtItsPosition() throws {
    let path = try Self.file(Array("print 1\nprint \"é".utf8) + [0xFF] + Array("\"\n".utf8))
    guard case .failure(.notUTF8(let diagnostic)) = ScriptReader.read(path: path, name: "bad.nnv")
    else {
      Issue.record("an invalid byte was accepted")
      return
    }
    #expect(diagnostic.line == 2 && diagnostic.column == 9)
    #expect(diagnostic.text.contains("byte 0xFF"))
    let text = DiagnosticRenderer(color: false).render(diagnostic)
    #expect(text.hasPrefix("bad.nnv:2:9: error: The script is not UTF-8 text"))
    #expect(text.contains("print \"é\u{FFFD}\"\n        ^\n"))
  }

  @Test func aTruncatedSequenceAtTheEndIsFound() {
    let result = ScriptReader.source(from: Array("ab".utf8) + [0xE2, 0x82], name: "t")
    guard case .failure(let diagnostic) = result else {
      Issue.record("a truncated character was accepted")
      return
    }
    #expect(diagnostic.range.start == 2)
    #expect(diagnostic.text.contains("byte 0xE2"))
  }

  @Test func readingStopsPastTheLimit() throws {
    let path = try Self.file(
      [UInt8](repeating: UInt8(ascii: "#"), count: ScriptReader.maximumLength + 1))
    // A file is refused from its size, before it is read.
    guard case .failure(.unreadable(let reason)) = ScriptReader.read(path: path, name: "big.nnv")
    else {
      Issue.record("a script over the limit was read")
      return
    }
    #expect(reason.contains("more than the 4 MiB nnv reads for a script"))
    let exact = try Self.file(
      [UInt8](repeating: UInt8(ascii: "#"), count: ScriptReader.maximumLength))
    #expect((try? ScriptReader.read(path: exact, name: "exact.nnv").get()) != nil)
  }

  @Test func aDeviceIsRefusedBeforeItIsRead() {
    #expect(
      ScriptReader.read(path: "/dev/zero", name: "zero")
        == .failure(.unreadable("it is a character device, not a regular file")))
  }

  @Test func aMissingFileOrADirectoryIsUnreadable() {
    #expect(
      ScriptReader.read(path: "/nonexistent/x.nnv", name: "x")
        == .failure(.unreadable("no such file: the folder does not exist")))
    #expect(
      ScriptReader.read(path: NSTemporaryDirectory(), name: "d")
        == .failure(.unreadable("it is a directory")))
  }
}
