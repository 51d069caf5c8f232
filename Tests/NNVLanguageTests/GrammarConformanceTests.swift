import Foundation
import NNVLanguage
import Testing

/// The grammar file, the parser, the lexer and the editor grammar agree.
@Suite struct GrammarConformanceTests {
  static let root = ScriptRunner.repositoryRoot

  func read(_ path: String) throws -> String {
    try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
  }

  /// The productions of nnv.ebnf (comments removed) with their right-hand sides.
  func productions() throws -> [String: String] {
    var text = try read("Grammar/nnv.ebnf")
    while let open = text.range(of: "(*"),
      let close = text.range(of: "*)", range: open.upperBound..<text.endIndex)
    {
      text.removeSubrange(open.lowerBound..<close.upperBound)
    }
    var result: [String: String] = [:]
    var current: String?
    for line in text.split(separator: "\n") {
      if let range = line.range(of: "::=") {
        let name = line[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        current = name
        result[name] = String(line[range.upperBound...])
      } else if let current {
        result[current, default: ""] += " " + line
      }
    }
    return result
  }

  func parserSources() throws -> String {
    let directory = Self.root.appendingPathComponent("Sources/NNVLanguage/Syntax")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasPrefix("Parser") }
    return try files.map {
      try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)
    }
    .joined(separator: "\n")
  }

  @Test func everyProductionHasAParseFunctionOpeningWithIt() throws {
    let productions = try productions()
    #expect(productions.count >= 20)
    let parser = try parserSources()
    for name in productions.keys {
      #expect(parser.contains("func \(name)("), "no parse function for \(name)")
      #expect(parser.contains("// \(name) -> "), "no production comment for \(name)")
    }
  }

  @Test func keywordsOfLexerAndGrammarMatch() throws {
    let grammar = try read("Grammar/nnv.ebnf")
    let rules = try productions().values.joined(separator: " ")
    let quoted = Set(rules.matches(of: /"([a-z]+)"/).map { String($0.output.1) })
    let lexer = Set(Keyword.allCases.map(\.rawValue))
    #expect(quoted.isSubset(of: lexer), "\(quoted.subtracting(lexer))")
    #expect(quoted.count >= 12)
    guard let line = grammar.split(separator: "\n").first(where: { $0.contains("Keywords:") })
    else {
      Issue.record("no keyword list")
      return
    }
    let listed = try read("Grammar/nnv.ebnf").components(separatedBy: "Keywords:")[1]
      .components(separatedBy: "Binary operators")[0]
    let words = Set(listed.matches(of: /"([a-z]+)"/).map { String($0.output.1) })
    #expect(words == lexer, "\(line)")
  }

  @Test func textMateGrammarListsKeywordsCommandsAndActivations() throws {
    let data = try read("Grammar/nnv.tmLanguage.json").data(using: .utf8) ?? Data()
    let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    #expect(json?["scopeName"] as? String == "source.nnv")
    #expect(json?["fileTypes"] as? [String] == ["nnv"])
    let repository = json?["repository"] as? [String: [String: Any]] ?? [:]
    func words(_ key: String) -> Set<String> {
      guard let match = repository[key]?["match"] as? String,
        let open = match.range(of: "\\b("), let close = match.range(of: ")\\b")
      else { return [] }
      return Set(match[open.upperBound..<close.lowerBound].split(separator: "|").map(String.init))
    }
    let keywords = words("keyword").union(words("constant")).union(words("operator-word"))
    #expect(keywords == Set(Keyword.allCases.map(\.rawValue)))
    #expect(words("command") == Set(BuiltinRegistry.commandNames))
    #expect(
      words("layer") == Set(BuiltinRegistry.all.filter { $0.kind == .layer }.map(\.name)))
    #expect(words("activation") == Set(BuiltinRegistry.activationNames))
  }
}
