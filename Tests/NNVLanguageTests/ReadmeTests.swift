import Foundation
import NNVLanguage
import Testing

/// The README's command table and nnv examples stay true to the code.
@Suite struct ReadmeTests {
  static var readme: String {
    get throws {
      try String(
        contentsOf: ScriptRunner.repositoryRoot.appendingPathComponent("README.md"),
        encoding: .utf8)
    }
  }

  @Test func commandTableIsGeneratedFromTheDeclarations() throws {
    let table = BuiltinRegistry.markdownTable()
    let matches = try Self.readme.contains(table)
    if !matches {
      // Leave the current table where a maintainer can copy it into the README.
      let path = NSTemporaryDirectory() + "nnv-readme-command-table.md"
      try? table.write(toFile: path, atomically: true, encoding: .utf8)
      Issue.record("README.md's command table is out of date; the current one is in \(path)")
    }
  }

  /// Every ```nnv block in the README runs without error.
  @Test func nnvExamplesRun() throws {
    let blocks = try Self.readme.components(separatedBy: "```nnv\n").dropFirst()
      .compactMap { $0.components(separatedBy: "```").first }
    #expect(blocks.count >= 2)
    for (index, block) in blocks.enumerated() {
      let (result, _) = ScriptRunner.run(block, name: "README block \(index + 1)")
      let rendered = DiagnosticRenderer(color: false).render(result.diagnostics)
      #expect(result.status == .success, "README block \(index + 1): \(rendered)")
    }
  }
}
