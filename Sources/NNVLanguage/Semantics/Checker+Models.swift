import NNVCore

/// Static checks of model blocks: layer kinds, arguments, and every layer's shape when sizes
/// are written as numbers.
extension Checker {
  mutating func model(_ declaration: ModelDeclaration) {
    var (model, lines) = modelStart(declaration)
    // Parameters and values per sample, while every size is known from a model block alone.
    var totals = model.outputShape.flatMap {
      declaration.base == nil ? ModelShapes.Totals(input: $0) : nil
    }
    /// The line that made the output what it is, for a problem with it.
    var outputLine: LayerLine?
    for line in lines {
      if addLayer(line, to: &model, totals: &totals) { outputLine = line }
    }
    if let line = outputLine { checkOutput(of: &model, madeBy: line) }
    declare(declaration.name)
    facts[declaration.name.text] = .model(model)
  }

  /// The model a block starts from (its base's, or the shape its `input` line declares) and
  /// the layer lines that follow; reports a base that is not defined and a missing input.
  mutating func modelStart(
    _ declaration: ModelDeclaration
  ) -> (StaticModel, ArraySlice<LayerLine>) {
    var model = StaticModel()
    var lines = declaration.layers[...]
    if let base = declaration.base {
      if !isDefined(base.text) {
        report(.unknownName(base.text, candidates: candidateNames), at: base.range)
      }
      if case .model(let known) = knownValue(base.text) { model = known }
    } else if let first = lines.first, first.isUnparsed {
      lines = lines.dropFirst()
    } else if let first = lines.first, first.kind.text == "input" {
      lines = lines.dropFirst()
      layerArguments(first)
      model.inputShape = inputShape(first)
      if let input = model.inputShape, let problem = ModelShapes.inputProblem(input) {
        report(problem, at: first.arguments.first?.value.range ?? first.range)
        model.inputShape = nil
      }
      model.outputShape = model.inputShape
    } else {
      report(
        .missingInput(declaration.name.text),
        at: declaration.layers.first?.range ?? declaration.name.range)
    }
    return (model, lines)
  }

  /// Checks one layer line and infers the model's output and shape after it, adding the layer
  /// to `totals`; false when the line's arguments are wrong (the output is unknown then).
  mutating func addLayer(
    _ line: LayerLine, to model: inout StaticModel, totals: inout ModelShapes.Totals?
  ) -> Bool {
    // A line whose arguments are wrong has no shape to infer (and no second message).
    let reported = diagnostics.count
    guard !line.isUnparsed, layerArguments(line), diagnostics.count == reported else {
      model.outputShape = nil
      model.output = nil
      return false
    }
    model.output = ModelShapes.output(of: line, after: model.output, shape: model.outputShape)
    guard let input = model.outputShape else { return true }
    switch ModelShapes.output(of: line, input: input) {
    case .shape(let output, let parameters):
      model.outputShape = output
      if let problem = totals?.add(output, parameters: parameters) {
        report(problem, at: line.range)
        model.outputShape = nil
      }
    case .unknown: model.outputShape = nil
    case .problem(let message):
      report(message, at: line.range)
      model.outputShape = nil
    }
    return true
  }

  /// Reports a last layer whose output no loss can learn with, whatever the data.
  mutating func checkOutput(of model: inout StaticModel, madeBy line: LayerLine) {
    guard let output = model.output else { return }
    model.output?.location = "line \(source.line(of: line.range.start))"
    // Only a problem with the layer itself: the loss and the data are not known here.
    if let problem = LossCompatibility.problem(
      loss: LossCompatibility.defaultLoss(for: output), lossGiven: false,
      output: output, targets: .unknown), problem.culprit == .output
    {
      report(.lossProblem(problem), at: line.range)
      model.output = nil
    }
  }

  /// The shape an `input` line declares, when written as numbers; reports sizes that cannot be.
  mutating func inputShape(_ line: LayerLine) -> [Int]? {
    guard let argument = line.arguments.first, line.arguments.count == 1,
      argument.label == nil || argument.label?.text == "shape",
      let sizes = ModelShapes.literalSizes(argument.value)
    else { return nil }
    guard let shape = Builtins.inputShape(sizes) else {
      report(.invalidShape, at: argument.value.range)
      return nil
    }
    return shape
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

/// The shapes of model blocks, for checking before anything is built.
///
/// Each line's shapes come from its kind's shape rule in the core's `LayerRegistry`, the rule
/// `Sequential.append` and model files use too, so the interpreter reports a mismatch with the
/// same messages when it builds the layers.
enum ModelShapes {
  enum Outcome {
    /// The output shape of one sample, and the layer's number of parameters.
    case shape([Int], parameters: Int)
    case unknown
    case problem(Diagnostic.Message)
  }

  /// The sizes written as a number or a list of numbers, if they are all literal.
  static func literalSizes(_ expression: Expression) -> [Double]? {
    if case .number(let x)? = Checker.literal(expression) { return [x] }
    guard case .list(let elements) = expression.kind else { return nil }
    let sizes = elements.compactMap { element -> Double? in
      if case .number(let x)? = Checker.literal(element) { return x }
      return nil
    }
    return sizes.count == elements.count ? sizes : nil
  }

  /// The model's output after `line` (its last activation and units), when it is known.
  static func output(
    of line: LayerLine, after previous: LossCompatibility.Output?, shape: [Int]?
  ) -> LossCompatibility.Output? {
    // A product that would overflow is reported by the shape rules; here it is just unknown.
    let units = shape.flatMap { try? Shape.elementCount($0) }
    guard let (kind, configuration) = layer(line) else { return nil }
    if kind.presentation.lossLooksPast {
      guard let units else { return nil }
      var output =
        previous ?? LossCompatibility.Output(activation: .linear, units: units, layer: "input")
      output.units = units
      return output
    }
    guard let activation = kind.activation(in: configuration) else { return nil }
    let inferred = shape.flatMap { try? kind.shapes(for: $0, configuration: configuration) }
    guard let output = inferred?.output ?? kind.outputShape(configuration),
      let count = try? Shape.elementCount(output)
    else { return nil }
    return LossCompatibility.Output(
      activation: activation, units: count, layer: kind.written(configuration))
  }

  /// The kind a layer line declares and what its literal arguments configure; nil for `input`
  /// and unknown kinds. Arguments whose values are not literals are marked unknown.
  static func layer(_ line: LayerLine) -> (kind: LayerKind, configuration: LayerConfiguration)? {
    guard let written = LayerRegistry.kind(writtenAs: line.kind.text) else { return nil }
    let kind = written.kind
    var configuration = written.configuration
    guard kind.spelling == .name, let builtin = BuiltinRegistry.builtin(named: kind.name) else {
      return (kind, configuration)
    }
    let bound = ArgumentBinder.bind(line.arguments, to: builtin, at: line.range).bound
    for parameter in kind.parameters {
      guard let argument = bound[parameter.name] else { continue }
      if let value = literal(argument.value, for: parameter) {
        configuration[parameter.name] = value
      } else {
        configuration.unknown.insert(parameter.name)
      }
    }
    return (kind, configuration)
  }

  /// The value of a literal argument for `parameter`, if it is one of the right type.
  static func literal(_ expression: Expression, for parameter: LayerParameter) -> LayerValue? {
    switch parameter.type {
    case .integer:
      return Checker.wholeNumber(expression).map { .integer($0) }
    case .number:
      guard case .number(let x)? = Checker.literal(expression) else { return nil }
      return .number(Float(x))
    case .choice(let words):
      // Only a bare word: a string is a value, known when the line runs.
      return expression.choiceWord(among: words).flatMap { words.contains($0) ? .word($0) : nil }
    case .boolean:
      guard case .boolean(let flag)? = Checker.literal(expression) else { return nil }
      return .boolean(flag)
    }
  }

  /// Whether a shape is one to three positive sizes, as an input shape must be.
  static func isValidInput(_ shape: [Int]) -> Bool {
    (1...3).contains(shape.count) && shape.allSatisfy { $0 > 0 }
  }

  /// A problem with the size of an input shape of positive sizes (`Sequential.init`'s check).
  static func inputProblem(_ shape: [Int]) -> Diagnostic.Message? {
    guard isValidInput(shape) else { return nil }
    return limitProblem {
      _ = try Shape.elementCount(shape, of: "an input sample of shape \(Tensor.describe(shape))")
    }
  }

  /// The message for a `LimitError` thrown by `body`, if any.
  static func limitProblem(_ body: () throws -> Void) -> Diagnostic.Message? {
    do {
      try body()
      return nil
    } catch let error as LimitError {
      return .limitExceeded(error)
    } catch {
      return .coreError(error)
    }
  }

  /// The output shape and parameter count of `line` on `input`, by its kind's shape rule.
  static func output(of line: LayerLine, input: [Int]) -> Outcome {
    if line.kind.text == "input" { return .problem(.inputNotFirst) }
    guard let (kind, configuration) = layer(line) else { return .shape(input, parameters: 0) }
    if let requirement = kind.input, !kind.accepts(input) {
      return .problem(.unsupportedInput(kind.name, requirement, input))
    }
    var shapes: LayerKind.Shapes?
    if let problem = limitProblem({
      shapes = try kind.shapes(for: input, configuration: configuration)
    }) {
      return .problem(problem)
    }
    guard let shapes else { return .unknown }
    return .shape(shapes.output, parameters: shapes.parameterCount)
  }

  /// The running totals `Sequential.append` checks against the limits.
  struct Totals {
    var layers = 0
    var parameters = 0
    var activations: Int

    init(input: [Int]) { activations = Shape.checkedProduct(input) ?? Int.max }

    /// Adds a layer; the message when the model would exceed a limit.
    mutating func add(_ output: [Int], parameters count: Int) -> Diagnostic.Message? {
      layers += 1
      parameters = Shape.sum(parameters, count) ?? Int.max
      activations = Shape.sum(activations, Shape.checkedProduct(output) ?? Int.max) ?? Int.max
      return ModelShapes.limitProblem {
        try ResourceLimits.modelLayers.check(layers, for: "a model of \(layers) layers")
        try ResourceLimits.modelParameters.check(
          parameters, for: "a model with this layer")
        try ResourceLimits.batchActivations.check(
          activations, for: "one sample through a model with this layer")
      }
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
  /// A layer of kind `kind` given an input of a rank it does not take (`dense` after `input
  /// [8, 8]`), in the words of its input requirement.
  static func unsupportedInput(
    _ kind: String, _ requirement: LayerKind.InputRequirement, _ shape: [Int]
  ) -> Self {
    Self(
      "`\(kind)` needs \(requirement.description), but its input has shape \(describe(shape)).",
      hint: requirement.hint)
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
