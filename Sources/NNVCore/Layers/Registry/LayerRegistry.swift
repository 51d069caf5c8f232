/// Every kind of layer nnv knows, each declared once as a `LayerKind`.
///
/// Adding a kind (conv2d, maxpool, avgpool, rnn, lstm, gru): write its `Layer` type, with the
/// forward pass, in `Layers/`. Then declare it here, in `LayerKind+Name.swift`: its name,
/// one-line summary and a runnable example; its parameters (type, positional or labelled,
/// default, help, bounds, limit, and `saved:` for those a model file must record); the input
/// ranks it accepts; its shape rule (output and parameter shapes for an input shape, checking
/// sizes against `ResourceLimits` before anything is allocated); how it is made (seeded), how
/// it is restored from a model file's record and tensors, and how a built layer's
/// configuration is read back; and its presentation in the views. Finally list it in `kinds`.
/// Nothing else changes: the language's layer line, `:help` and completion, the checker's
/// shape inference and its messages, `Sequential.append`, model files, `summary`, `diagram`,
/// `weights` and the loss check all read the kind from here, and the registry's tests run its
/// example, round-trip it through a model file and compare the checker's shapes with the built
/// model's. A saved parameter's name must have the same type in every kind that records it,
/// since model files store them side by side.
public enum LayerRegistry {
  /// Every kind, in the order help lists them.
  public static let kinds: [LayerKind] = [
    .dense, .conv, .maxpool, .avgpool, .rnn, .lstm, .gru, .dropout, .flatten, .activation,
  ]

  private static let byName: [String: LayerKind] = Dictionary(
    kinds.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

  /// The kind called `name` (as `Layer.kind` and model files name it), if there is one.
  public static func kind(named name: String) -> LayerKind? { byName[name] }

  /// The kinds a model block writes by name (the language's layer lines).
  public static var namedKinds: [LayerKind] { kinds.filter { $0.spelling == .name } }

  /// The kind a model-block line starting with `word` declares, with the configuration the
  /// word itself gives (`relu`: the activation kind with `activation` relu).
  public static func kind(
    writtenAs word: String
  ) -> (kind: LayerKind, configuration: LayerConfiguration)? {
    for kind in kinds {
      switch kind.spelling {
      case .name:
        if kind.name == word { return (kind, LayerConfiguration()) }
      case .word(let parameter):
        if case .choice(let words)? = kind.parameter(named: parameter)?.type, words.contains(word) {
          return (kind, LayerConfiguration([parameter: .word(word)]))
        }
      }
    }
    return nil
  }

  /// Every parameter some kind records in model files, each name once, in the order of
  /// `kinds` (the order a model file's fields are read).
  public static let savedParameters: [LayerParameter] = {
    var seen: Set<String> = []
    return kinds.flatMap(\.savedParameters).filter { seen.insert($0.name).inserted }
  }()

  /// The output shape of a built layer on samples of shape `input`: its kind's shape rule for
  /// the configuration it holds, when it was made for such inputs (its parameters have the
  /// shapes the rule gives). Otherwise the layer's own check names what it expects.
  ///
  /// - Throws: `LayerError.incompatibleInput` naming the layer and both shapes, `LimitError`.
  public static func outputShape(of layer: any Layer, for input: [Int]) throws -> [Int] {
    guard let kind = kind(named: layer.kind) else { return try layer.outputShape(for: input) }
    do {
      if let shapes = try kind.shapes(for: input, configuration: kind.configuration(of: layer)),
        shapes.parameters == layer.parameters.map(\.shape)
      {
        return shapes.output
      }
    } catch {
      _ = try layer.outputShape(for: input)
      throw error
    }
    _ = try layer.outputShape(for: input)
    throw LayerError.incompatibleInput(
      layer: "\(layer.name) (\(kind.name))",
      expected: kind.input?.description ?? "an input of another shape", got: input)
  }
}

extension Layer {
  /// The layer's kind in `LayerRegistry`; nil for a type that is not registered.
  public var registeredKind: LayerKind? { LayerRegistry.kind(named: kind) }

  /// How views and the loss check describe the layer: its kind's presentation (for a type
  /// that is not registered: a block, or pass-through when it has no parameters).
  public var presentation: LayerPresentation {
    registeredKind?.presentation ?? .unregistered(parameterless: parameters.isEmpty)
  }

  /// The summary's activation text (`relu`; empty for a layer that only reshapes or drops).
  public var shownActivation: String { presentation.activationText(of: self) }

  /// The weight matrix the views show, if the layer has one.
  public var weightMatrix: LayerWeights? { presentation.weights(of: self) }

  /// The layer as written in a model block (`dense 8 tanh`); nil for an unregistered type.
  public func written(number: (Float) -> String = { "\($0)" }) -> String? {
    registeredKind.map { $0.written($0.configuration(of: self), number: number) }
  }
}
