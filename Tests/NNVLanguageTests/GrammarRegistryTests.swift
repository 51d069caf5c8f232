import Foundation
import NNVLanguage
import Testing

/// The grammar names every builtin command and layer kind the registry declares, and nothing
/// else: the lists in Grammar/nnv.ebnf (the COMMAND rule and the comment over layerLine) are
/// read and compared with `BuiltinRegistry` in both directions.
@Suite struct GrammarRegistryTests {
  static let path = "Grammar/nnv.ebnf"

  static func grammar() throws -> String {
    try String(
      contentsOf: ScriptRunner.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
  }

  /// The words after `marker`, up to `end` (exclusive); nil when the marker is missing.
  static func list(in text: String, after marker: String, until end: String) -> [String]? {
    guard let start = text.range(of: marker) else { return nil }
    let rest = text[start.upperBound...]
    let stop = rest.range(of: end)?.lowerBound ?? rest.endIndex
    return rest[..<stop].split(whereSeparator: \.isWhitespace).map(String.init)
  }

  /// What differs between a list in the grammar and the registry, as instructions.
  static func differences(grammar listed: [String], registry: [String], place: String)
    -> [String]
  {
    let missing = registry.filter { !listed.contains($0) }
    let extra = listed.filter { !registry.contains($0) }
    var problems: [String] = []
    if !missing.isEmpty {
      problems.append("add \(missing.joined(separator: " ")) to \(place) in \(path)")
    }
    if !extra.isEmpty {
      problems.append(
        "\(extra.joined(separator: " ")) in \(place) of \(path) is not in BuiltinRegistry: "
          + "remove it there, or declare it in Sources/NNVLanguage/Builtins")
    }
    let repeated = Set(listed.filter { word in listed.filter { $0 == word }.count > 1 })
    if !repeated.isEmpty {
      problems.append("\(repeated.sorted().joined(separator: " ")) listed twice in \(place)")
    }
    return problems
  }

  @Test func theCommandRuleListsEveryBuiltinCommand() throws {
    let text = try Self.grammar()
    // The rule's words run from its marker to the next lexical rule.
    let listed = try #require(
      Self.list(in: text, after: "(BuiltinRegistry, kind .command):", until: "::="),
      "the COMMAND rule lost its marker '(BuiltinRegistry, kind .command):'")
    let words = listed.dropLast()  // the name of the next rule
    #expect(listed.last == "CLAUSE_WORD", "the COMMAND rule should come before CLAUSE_WORD")
    let problems = Self.differences(
      grammar: Array(words), registry: BuiltinRegistry.commandNames, place: "the COMMAND rule")
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }

  @Test func theLayerLineCommentListsEveryLayerKind() throws {
    let text = try Self.grammar()
    let listed = try #require(
      Self.list(in: text, after: "(BuiltinRegistry, kind .layer):", until: "*)"),
      "the comment over layerLine lost its marker '(BuiltinRegistry, kind .layer):'")
    let layers = BuiltinRegistry.all.filter { $0.kind == .layer }.map(\.name)
    let problems = Self.differences(
      grammar: listed, registry: layers, place: "the comment over layerLine")
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    let after = text.components(separatedBy: "(BuiltinRegistry, kind .layer):").last ?? ""
    let next = after.components(separatedBy: "*)").dropFirst().first ?? ""
    #expect(
      next.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("layerLine"),
      "the layer kinds belong in the comment just over the layerLine production")
  }

  @Test func theComparisonSaysWhatToAddWhere() {
    let problems = Self.differences(
      grammar: ["train", "bogus", "train"], registry: ["train", "conv"], place: "the rule")
    #expect(
      problems == [
        "add conv to the rule in Grammar/nnv.ebnf",
        "bogus in the rule of Grammar/nnv.ebnf is not in BuiltinRegistry: remove it there, "
          + "or declare it in Sources/NNVLanguage/Builtins",
        "train listed twice in the rule",
      ])
  }
}
