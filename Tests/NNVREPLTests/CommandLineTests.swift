import Foundation
import Testing

/// The `nnv` command line: options, exit statuses and messages, run as a user would.
@Suite struct CommandLineTests {
  /// Runs the built `nnv` with `arguments` in `directory`; its status and what it printed.
  func run(_ arguments: [String], in directory: String? = nil) throws
    -> (status: Int32, output: String)
  {
    let binary = try #require(TerminalTests.binary, "the nnv binary was not found")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let output = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = output
    process.environment = ["NNV_NO_HISTORY": "1", "TERM": "dumb"]
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test func anUnknownOptionIsNamedWithTheClosestOne() throws {
    // `never` used to be taken as the file, which gave "give either a file or -e".
    let british = try run(["--colour", "never", "-e", "print 1"])
    #expect(british.status == 64)
    #expect(british.output.contains("Unknown option '--colour'. Did you mean '--color'?"))
    #expect(!british.output.contains("either a file"))
    let typo = try run(["--chek", "-e", "print 1"])
    #expect(typo.output.contains("Unknown option '--chek'. Did you mean '--check'?"))
  }

  @Test func theSeedIsAWholeNumberZeroOrMore() throws {
    let negative = try run(["--seed", "-3", "-e", "print 1"])
    #expect(negative.status == 64)
    #expect(
      negative.output.contains("The seed is a whole number from 0 to 999999999999999, not '-3'."))
    #expect(!negative.output.contains("Missing value"))
    let word = try run(["--seed", "seven", "-e", "print 1"])
    #expect(
      word.output.contains("The seed is a whole number from 0 to 999999999999999, not 'seven'."))
    let good = try run(["--seed=7", "-e", "print 1 + 1"])
    #expect(good.status == 0)
    #expect(good.output == "2\n")
  }

  @Test func aMissingScriptIsNamedByItsAbsolutePath() throws {
    let directory = NSTemporaryDirectory() + "nnv-command-line-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let result = try run(["lessons/missing.nnv"], in: directory)
    #expect(result.status == 64)
    let tried = URL(fileURLWithPath: directory + "/lessons/missing.nnv").standardized.path
    let real =
      URL(fileURLWithPath: directory).resolvingSymlinksInPath().path + "/lessons/missing.nnv"
    #expect(
      result.output.contains("Cannot read \(tried): no such file")
        || result.output.contains("Cannot read \(real): no such file"), "\(result.output)")
  }

  /// What `--check` passes runs; what would stop at once is a check error (65), not 70.
  @Test func checkCatchesWhatWouldFailAtOnce() throws {
    for script in [
      "model m { input 0; dense 1 }", "model m { input 2; dropout 1.5; dense 1 }",
      "model m { input 2; dense 1 }\nprint predict(m, [1, 2, 3])",
      "let d = xor()\nmodel m { input 2; dense 1 softmax }\ntrain m on d",
    ] {
      let checked = try run(["--check", "-e", script])
      #expect(checked.status == 65, "\(script): \(checked.output)")
      let ran = try run(["-e", script])
      #expect(ran.status == 65, "\(script): \(ran.output)")
    }
  }
}
