import Foundation
import NNVLanguage
import Testing

/// Runs every `Tests/Scripts/<feature>/<case>.nnv` and checks its inline expectations.
///
/// - `# expect: TEXT` — the next line of output (in file order).
/// - `# expect error: FRAGMENT` — a syntax or check error on this line (exit status 65);
///   `# expect error 12: FRAGMENT` also pins the column.
/// - `# expect runtime error: FRAGMENT` — the runtime error on this line (exit status 70).
@Suite struct ScriptCorpusTests {
  struct Expectations {
    var output: [String] = []
    var errors: [(line: Int, column: Int?, fragment: String, runtime: Bool)] = []

    init(_ text: String) {
      for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated()
      {
        if let match = line.firstMatch(of: /# expect: (.*)$/) {
          output.append(String(match.output.1))
        } else if let match = line.firstMatch(of: /# expect (runtime )?error( [0-9]+)?: (.*)$/) {
          let column = match.output.2.flatMap { Int($0.dropFirst()) }
          errors.append((index + 1, column, String(match.output.3), match.output.1 != nil))
        }
      }
    }

    var status: NNVLanguage.ExitStatus {
      if errors.contains(where: { !$0.runtime }) { return .dataError }
      return errors.isEmpty ? .success : .software
    }
  }

  static let directory = ScriptRunner.repositoryRoot.appendingPathComponent("Tests/Scripts")

  static let cases: [String] = {
    let enumerator = FileManager.default.enumerator(atPath: directory.path)
    var files: [String] = []
    while let path = enumerator?.nextObject() as? String {
      if path.hasSuffix(".nnv") { files.append(path) }
    }
    return files.sorted()
  }()

  @Test func thereAreEnoughCases() {
    #expect(Self.cases.count >= 40)
  }

  @Test(arguments: cases)
  func script(_ path: String) throws {
    let text = try String(
      contentsOf: Self.directory.appendingPathComponent(path), encoding: .utf8)
    let expected = Expectations(text)
    let (result, output) = ScriptRunner.run(text, name: path)
    let rendered = DiagnosticRenderer(color: false).render(result.diagnostics)
    #expect(result.status == expected.status, "\(rendered)")
    #expect(output.lines == expected.output)
    #expect(result.diagnostics.count == expected.errors.count, "\(rendered)")
    for (diagnostic, error) in zip(result.diagnostics, expected.errors) {
      #expect(diagnostic.line == error.line, "\(rendered)")
      if let column = error.column { #expect(diagnostic.column == column, "\(rendered)") }
      #expect(diagnostic.text.contains(error.fragment), "\(rendered)")
      #expect(rendered.contains("^"))
    }
  }
}
