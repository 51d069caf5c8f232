import Foundation
import NNVLanguage
import Testing

/// One rule for every path: `~` is home, relative paths start from the session's directory,
/// and the result is absolute.
@Suite struct PathResolverTests {
  let paths = PathResolver(directory: "/school/lesson", home: "/home/ada")

  @Test func homeIsExpandedEverywhere() {
    #expect(paths.resolve("~") == "/home/ada")
    #expect(paths.resolve("~/models/net.nnvm") == "/home/ada/models/net.nnvm")
    // Only a leading `~/` is home: `~ada` and `a~b` are ordinary names.
    #expect(paths.resolve("~ada/x") == "/school/lesson/~ada/x")
    #expect(paths.resolve("a~b") == "/school/lesson/a~b")
  }

  @Test func relativePathsStartFromTheDirectory() {
    #expect(paths.resolve("net.nnvm") == "/school/lesson/net.nnvm")
    #expect(paths.resolve("data/points.csv") == "/school/lesson/data/points.csv")
    #expect(paths.resolve("./net.nnvm") == "/school/lesson/net.nnvm")
    #expect(paths.resolve("../shared/iris.csv") == "/school/shared/iris.csv")
    #expect(paths.resolve("/tmp/x.svg") == "/tmp/x.svg")
  }

  @Test func withoutADirectoryTheCurrentOneIsUsed() {
    let current = FileManager.default.currentDirectoryPath
    let resolved = PathResolver(home: "/home/ada").resolve("x.nnv")
    #expect(resolved == URL(fileURLWithPath: current + "/x.nnv").standardized.path)
    #expect(resolved.hasPrefix("/"))
  }

  @Test func problemsAndHintsNameWhatWasTried() throws {
    let directory = NSTemporaryDirectory() + "nnv-paths-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let local = PathResolver(directory: directory, home: "/home/ada")
    #expect(local.problem(reading: local.resolve("missing.csv")) == "no such file")
    #expect(local.problem(reading: directory) == "it is a directory")
    try "x".write(toFile: directory + "/here.csv", atomically: true, encoding: .utf8)
    #expect(local.problem(reading: local.resolve("here.csv")) == nil)
    #expect(local.hint(for: "missing.csv").contains(directory))
    #expect(local.hint(for: "~/missing.csv") == "`~` is the home directory")
  }

  /// `load`, `csv` and `save` in a script share the rule with `~` (the REPL's `:load` did
  /// already; `load("~/x")` looked for a folder named `~`).
  @Test func scriptsExpandHome() throws {
    let name = "no-such-model-\(UUID().uuidString).nnvm"
    let (result, _) = ScriptRunner.run("let m = load(\"~/\(name)\")")
    let message = try #require(result.diagnostics.first).text
    #expect(message.hasPrefix("Cannot read /"))
    #expect(!message.contains("~"))
    #expect(message.hasSuffix("/\(name): no such file."))
  }
}
