import Foundation
import NNVCore
import NNVLanguage
import Testing

/// The language's layer lines come from the core's `LayerRegistry`: each kind's example runs,
/// the checker infers the shapes the built model has, and a kind's input ranks are checked
/// with the same message before and while running.
@Suite struct LayerKindTests {
  /// The layer lines of the model block in `example`, with the block's first line.
  static func block(_ example: String) throws -> (header: String, lines: [String]) {
    let lines = example.split(separator: "\n").map(String.init)
    let start = try #require(lines.firstIndex { $0.hasPrefix("model ") && $0.hasSuffix("{") })
    let end = try #require(
      lines[start...].firstIndex { $0.trimmingCharacters(in: .whitespaces) == "}" })
    return (lines[start], Array(lines[(start + 1)..<end]))
  }

  /// The model named `name` after running `text`, and what the checker inferred for it.
  static func model(
    named name: String, in text: String
  ) throws -> (model: Sequential, inferred: StaticModel) {
    let output = CollectingOutput()
    let interpreter = Interpreter(output: output, directory: NSTemporaryDirectory())
    let source = SourceFile(name: "kind.nnv", text: text)
    let result = interpreter.run(source)
    #expect(
      result.status == .success, "\(DiagnosticRenderer(color: false).render(result.diagnostics))")
    guard case .model(let reference)? = interpreter.value(named: name) else {
      throw Failure(description: "\(name) is not a model after:\n\(text)")
    }
    let program = Parser.parse(source).program
    guard case .model(let inferred)? = Checker.facts(after: program, in: source)[name] else {
      throw Failure(description: "the checker knows nothing of \(name) in:\n\(text)")
    }
    return (reference.model, inferred)
  }

  struct Failure: Error, CustomStringConvertible { var description: String }

  @Test func layerBuiltinsAreExactlyTheRegistrysKinds() throws {
    let layers = BuiltinRegistry.all.filter { $0.kind == .layer }
    #expect(layers.map(\.name) == ["input"] + LayerRegistry.namedKinds.map(\.name))
    for kind in LayerRegistry.namedKinds {
      let builtin = try #require(BuiltinRegistry.builtin(named: kind.name))
      #expect(builtin.summary == kind.summary && builtin.example == kind.example)
      #expect(builtin.parameters.map(\.name) == kind.parameters.map(\.name))
      for (parameter, declared) in zip(builtin.parameters, kind.parameters) {
        #expect(parameter.isPositional == declared.isPositional)
        #expect(parameter.defaultText == declared.defaultText)
        #expect(parameter.summary == declared.help)
        #expect(parameter.limit == declared.limit)
        #expect(parameter.bounds?.lower == declared.bounds?.lower)
        #expect(parameter.bounds?.upper == declared.bounds?.upper)
        #expect(parameter.bounds?.hint == declared.bounds?.hint)
      }
    }
    // Kinds written as a word are written as the words of their choice (the activations).
    for kind in LayerRegistry.kinds {
      guard case .word(let name) = kind.spelling else { continue }
      guard case .choice(let words)? = kind.parameter(named: name)?.type else {
        Issue.record("\(kind.name) has no choice parameter \(name)")
        continue
      }
      #expect(words == BuiltinRegistry.activationNames)
    }
  }

  /// Each kind's example runs, builds a layer of the kind, and its model round-trips through a
  /// model file.
  @Test(arguments: LayerRegistry.kinds.map(\.name))
  func exampleRunsAndSaves(_ name: String) throws {
    let kind = try #require(LayerRegistry.kind(named: name))
    let (header, _) = try Self.block(kind.example)
    let modelName = String(header.dropFirst("model ".count).prefix { $0 != " " })
    let (model, _) = try Self.model(named: modelName, in: kind.example)
    #expect(model.layers.contains { $0.kind == kind.name })
    let bytes = try ModelArchive.encode(model)
    let loaded = try ModelArchive.decode(bytes)
    #expect(try ModelArchive.encode(loaded) == bytes)
    #expect(loaded.layers.map(\.kind) == model.layers.map(\.kind))
  }

  /// For every prefix of each kind's example model, the checker's inferred output shape (and
  /// output layer) equals the model the interpreter builds.
  @Test(arguments: LayerRegistry.kinds.map(\.name))
  func checkerInfersTheShapesTheModelHas(_ name: String) throws {
    let kind = try #require(LayerRegistry.kind(named: name))
    let (header, lines) = try Self.block(kind.example)
    let modelName = String(header.dropFirst("model ".count).prefix { $0 != " " })
    var sawKind = false
    for count in 1...lines.count {
      let text = ([header] + lines.prefix(count) + ["}"]).joined(separator: "\n")
      let (model, inferred) = try Self.model(named: modelName, in: text)
      #expect(inferred.inputShape == model.inputShape, "\(text)")
      #expect(inferred.outputShape == model.outputShape, "\(text)")
      if !model.layers.isEmpty {
        #expect(inferred.output?.layer == LossCompatibility.Output(of: model).layer, "\(text)")
        #expect(inferred.output?.units == LossCompatibility.Output(of: model).units, "\(text)")
      }
      sawKind = sawKind || model.layers.last?.kind == kind.name
    }
    #expect(sawKind)
  }

  /// A kind that takes inputs of some ranks only reports any other with its own words: in the
  /// checker for a literal input shape, and at run time for a computed one.
  @Test(arguments: LayerRegistry.kinds.filter { $0.input != nil }.map(\.name))
  func unsupportedInputRanksAreReportedByTheKind(_ name: String) throws {
    let kind = try #require(LayerRegistry.kind(named: name))
    let requirement = try #require(kind.input)
    let (_, lines) = try Self.block(kind.example)
    let line = try #require(
      lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(kind.name) })
    let rank = try #require((1...3).first { !requirement.ranks.contains($0) })
    let shape = "[" + Array(repeating: "2", count: rank).joined(separator: ", ") + "]"
    let expected =
      "`\(kind.name)` needs \(requirement.description), but its input has shape \(shape)."
    let literal = "model m {\n  input \(shape)\n\(line)\n}"
    let column = line.prefix { $0 == " " }.count + 1
    let checked = Interpreter(output: CollectingOutput()).check(
      SourceFile(name: "a", text: literal))
    #expect(checked.map(\.text) == [expected])
    #expect(checked.first?.hint == requirement.hint)
    #expect(checked.first.map { [$0.line, $0.column] } == [3, column])
    let computed = "let s = \(shape)\nmodel m {\n  input s\n\(line)\n}"
    let result = Interpreter(output: CollectingOutput()).run(SourceFile(name: "b", text: computed))
    #expect(result.diagnostics.map(\.text) == [expected])
    #expect(result.diagnostics.first?.hint == requirement.hint)
    #expect(result.diagnostics.first.map { [$0.line, $0.column] } == [4, column])
  }
}
