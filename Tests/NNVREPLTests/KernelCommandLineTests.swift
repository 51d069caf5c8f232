import Foundation
import Testing

/// `nnv kernel install`, `nnv kernel` and `nnv notebook` on the command line.
@Suite struct KernelCommandLineTests {
  let commandLine = CommandLineTests()

  func temporaryDirectory() throws -> String {
    let directory = NSTemporaryDirectory() + "nnv-kernel-command-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return directory
  }

  @Test func installWritesASpecThatStartsThisBinary() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let result = try commandLine.run(["kernel", "install", "--prefix", directory])
    #expect(result.status == 0, "\(result.output)")
    let file = directory + "/share/jupyter/kernels/nnv/kernel.json"
    let data = try Data(contentsOf: URL(fileURLWithPath: file))
    let spec = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let argv = try #require(spec?["argv"] as? [String])
    let binary = try #require(TerminalTests.binary)
    let resolved = URL(fileURLWithPath: binary).resolvingSymlinksInPath().path
    #expect(argv == [resolved, "kernel", "{connection_file}"])
  }

  @Test func aLessonBecomesANotebook() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let lesson = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Scripts/lessons/02-hidden-layer-xor.nnv").standardized.path
    let result = try commandLine.run(["notebook", lesson, "-o", "xor.ipynb"], in: directory)
    #expect(result.status == 0, "\(result.output)")
    let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/xor.ipynb"))
    let notebook = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let cells = try #require(notebook?["cells"] as? [[String: Any]])
    #expect(cells.contains { $0["cell_type"] as? String == "markdown" })
    #expect(result.output.contains("wrote xor.ipynb (\(cells.count) cells)"))
  }

  @Test func mistakesOnTheCommandLine() throws {
    let missing = try commandLine.run(["kernel", "/nonexistent/kernel-1.json"])
    #expect(missing.status == 64)
    #expect(missing.output.contains("the connection file: cannot read /nonexistent/kernel-1.json"))
    let both = try commandLine.run(["kernel", "install", "--user", "--prefix", "/tmp/x"])
    #expect(both.status == 64)
    #expect(both.output.contains("Give either --user or --prefix, not both."))
    let script = try commandLine.run(["notebook", "/nonexistent/lesson.nnv", "-o", "x.ipynb"])
    #expect(script.status == 64)
  }
}
