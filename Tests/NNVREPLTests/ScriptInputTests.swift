import Foundation
import Testing

/// The `nnv` binary on hostile input: endless or binary standard input, files that are not
/// UTF-8, and text meant to act on the terminal.
@Suite struct ScriptInputTests {
  /// Runs `nnv arguments` with `input` (a file's contents or nil) on standard input.
  func run(_ arguments: [String], input: FileHandle? = nil, bytes: [UInt8]? = nil) throws
    -> (status: Int32, output: String)
  {
    guard let binary = TerminalTests.binary else {
      Issue.record("the nnv binary was not found next to the tests")
      return (-1, "")
    }
    return try PipedRun.run(binary, arguments, input: input, bytes: bytes ?? [])
  }

  func file(_ bytes: [UInt8]) throws -> String {
    let path = TerminalTests.makeDirectory() + "/script.nnv"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test(.timeLimit(.minutes(1))) func endlessStandardInputStopsAtTheLimit() throws {
    let zero = try #require(FileHandle(forReadingAtPath: "/dev/zero"))
    let result = try run(["-"], input: zero)
    #expect(result.status == 65)
    #expect(result.output.contains("The script on standard input is larger than 4 MiB"))
  }

  @Test func invalidUTF8OnStandardInputIsADiagnostic() throws {
    let result = try run(["-"], bytes: Array("print 1\nprint \"a".utf8) + [0xC3, 0x28, 0x22, 0x0A])
    #expect(result.status == 65)
    #expect(result.output.hasPrefix("<stdin>:2:9: error: The script is not UTF-8 text: byte 0xC3"))
    // Nothing ran.
    #expect(!result.output.contains("1\n<stdin>"))
  }

  @Test func invalidUTF8InAFileIsADiagnosticWithItsPosition() throws {
    let path = try file(Array("let a = 1\n  print \"".utf8) + [0xFF, 0x22, 0x0A])
    let result = try run([path])
    #expect(result.status == 65)
    #expect(
      result.output.contains("script.nnv:2:10: error: The script is not UTF-8 text: byte 0xFF"))
    #expect(result.output.contains("\n         ^\n"))
  }

  @Test func printedTextCannotActOnTheTerminal() throws {
    // A raw ESC in a string: the title change and screen clear are printed as escapes.
    let script = Array("print \"\u{1B}]0;owned\u{07}\u{1B}[2J\", [\"\u{1B}c\"]\n".utf8)
    let result = try run(["-"], bytes: script)
    #expect(result.status == 0)
    #expect(result.output == "\\u{1B}]0;owned\\u{07}\\u{1B}[2J [\"\\u{1B}c\"]\n")
  }

  @Test func namesFromAFileAreEscapedInViewsAndDiagnostics() throws {
    let directory = TerminalTests.makeDirectory()
    let csv = "a,b,label\n0,0,x\u{1B}[2J\n1,1,y\n0,1,x\u{1B}[2J\n1,0,y\n"
    try csv.write(toFile: directory + "/evil.csv", atomically: true, encoding: .utf8)
    let script = """
      let d = csv("\(directory)/evil.csv", target: "label")
      model m { input 2; dense 2 softmax }
      confusion m on d
      print d.classes
      print d.classes[9]
      """
    let path = directory + "/views.nnv"
    try script.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try run([path])
    #expect(result.status == 70)
    #expect(!result.output.unicodeScalars.contains("\u{1B}"))
    #expect(result.output.contains("x\\u{1B}[2J"))
  }
}
