/// Static checks of model blocks: layer kinds, arguments, and every layer's shape when sizes
/// are written as numbers.
extension Checker {
  mutating func model(_ declaration: ModelDeclaration) {
    var shape: [Int]?
    var lines = declaration.layers[...]
    var known = true
    if let base = declaration.base {
      if !isDefined(base.text) {
        report(.unknownName(base.text, candidates: candidateNames), at: base.range)
      }
      shape = modelShapes[base.text]
      known = shape != nil
    } else if let first = lines.first, first.kind.text == "input" {
      lines = lines.dropFirst()
      layerArguments(first)
      shape = ModelShapes.staticShape(first.arguments.first?.value)
      known = shape != nil
    } else {
      report(
        .missingInput(declaration.name.text),
        at: declaration.layers.first?.range ?? declaration.name.range)
      known = false
    }
    for line in lines {
      guard layerArguments(line) else {
        known = false
        continue
      }
      guard known, let input = shape else { continue }
      switch ModelShapes.output(of: line, input: input) {
      case .shape(let output): shape = output
      case .unknown: known = false
      case .problem(let message): report(message, at: line.range); known = false
      }
    }
    declare(declaration.name)
    if known, let shape { modelShapes[declaration.name.text] = shape }
  }

  /// Checks a layer line's kind and arguments; false when the kind is unknown.
  @discardableResult
  mutating func layerArguments(_ line: LayerLine) -> Bool {
    if Activations.names.contains(line.kind.text) {
      for argument in line.arguments {
        report(.activationTakesNoArguments(line.kind.text), at: argument.value.range)
      }
      return true
    }
    guard let builtin = BuiltinRegistry.builtin(named: line.kind.text), builtin.kind == .layer
    else {
      report(.unknownLayer(line.kind.text), at: line.kind.range)
      return false
    }
    arguments(line.arguments, of: builtin, at: line.kind.range)
    return true
  }
}

/// The shape rules of the layer kinds, for checking before anything is built.
///
/// They mirror the layers' `outputShape(for:)` in the core; the interpreter builds real layers
/// with `Sequential.append` and reports a mismatch with the same messages.
enum ModelShapes {
  enum Outcome {
    case shape([Int])
    case unknown
    case problem(Diagnostic.Message)
  }

  /// The sizes written as a number or a list of numbers, if they are literal and valid.
  static func staticShape(_ expression: Expression?) -> [Int]? {
    guard let expression else { return nil }
    switch expression.kind {
    case .number(let x): return Int(exactly: x).map { [$0] }
    case .list(let elements):
      let sizes = elements.compactMap { element -> Int? in
        if case .number(let x) = element.kind { return Int(exactly: x) }
        return nil
      }
      return sizes.count == elements.count ? sizes : nil
    default: return nil
    }
  }

  static func output(of line: LayerLine, input: [Int]) -> Outcome {
    switch line.kind.text {
    case "input":
      return .problem(.inputNotFirst)
    case "dense":
      guard input.count == 1 else { return .problem(.denseNeedsFlatInput(input)) }
      let units = line.arguments.first { $0.label == nil || $0.label?.text == "units" }
      guard let units, case .number(let x) = units.value.kind, let n = Int(exactly: x) else {
        return .unknown
      }
      return n > 0 ? .shape([n]) : .problem(.invalidUnits(x))
    case "flatten":
      return .shape([input.reduce(1, *)])
    default:
      return .shape(input)
    }
  }
}

extension Diagnostic.Message {
  static func missingInput(_ model: String) -> Self {
    Self(
      "Model `\(model)` needs an `input` line first.",
      hint: "start the block with the shape of one sample, as in `input 2` or `input [8, 8]`")
  }
  static let inputNotFirst = Self(
    "`input` can only be the first line of a model.",
    hint: "a model has one input; a model made `from` another keeps that one's input")
  static func denseNeedsFlatInput(_ shape: [Int]) -> Self {
    Self(
      "`dense` needs a flat input of features, but its input has shape \(describe(shape)).",
      hint: "add `flatten` before it")
  }
  static func invalidUnits(_ value: Double) -> Self {
    Self("A dense layer needs at least 1 unit, not \(NumberFormatting.format(value)).")
  }
  static func unknownLayer(_ kind: String) -> Self {
    let kinds = BuiltinRegistry.all.filter { $0.kind == .layer }.map(\.name) + Activations.names
    return Self(
      "Unknown layer kind '\(kind)'.",
      hint: Suggestion.hint(for: kind, among: kinds)
        ?? "layer kinds: \(kinds.joined(separator: ", "))")
  }
  static func activationTakesNoArguments(_ name: String) -> Self {
    Self(
      "The activation layer `\(name)` takes no arguments.",
      hint: "to give a dense layer an activation, write `dense 8 \(name)`")
  }
  static func describe(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
  }
}
