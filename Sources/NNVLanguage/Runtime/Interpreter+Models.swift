import NNVCore

/// Building models from model blocks, checking each layer's shape as it is added.
extension Interpreter {
  func buildModel(_ declaration: ModelDeclaration, in environment: Environment) throws
    -> Sequential
  {
    var lines = declaration.layers[...]
    var model: Sequential
    if let base = declaration.base {
      let value = try evaluate(
        Expression(kind: .name(base.text), range: base.range), in: environment)
      guard case .model(let reference) = value else {
        throw fail(.notAModel(base.text, value), at: base.range)
      }
      model = reference.model
      model.name = declaration.name.text
    } else {
      guard let first = lines.first, first.kind.text == "input" else {
        throw fail(
          .missingInput(declaration.name.text),
          at: declaration.layers.first?.range ?? declaration.name.range)
      }
      lines = lines.dropFirst()
      guard case .input(let shape) = try layer(first, input: nil, in: environment) else {
        throw fail(.missingInput(declaration.name.text), at: first.range)
      }
      model = try core(at: first.range) {
        try Sequential(name: declaration.name.text, inputShape: shape)
      }
    }
    for line in lines {
      try checkCancellation(at: line.range)
      guard case .layer(var layer) = try self.layer(line, input: model.outputShape, in: environment)
      else {
        throw fail(.inputNotFirst, at: line.range)
      }
      layer.name = model.defaultName(for: layer.kind)
      do {
        try model.append(layer)
      } catch {
        var message = Diagnostic.Message.coreError(error)
        if case LayerError.incompatibleInput = error, let requirement = layer.registeredKind?.input
        {
          message = .unsupportedInput(layer.kind, requirement, model.outputShape)
        }
        throw fail(message, at: line.range)
      }
    }
    return model
  }

  /// The layer (or input shape) a layer line describes.
  func layer(_ line: LayerLine, input: [Int]?, in environment: Environment) throws
    -> Builtin.LayerResult
  {
    // A kind written as a word (`relu`) takes no arguments.
    if let written = LayerRegistry.kind(writtenAs: line.kind.text), written.kind.spelling != .name {
      if let argument = line.arguments.first {
        throw fail(.activationTakesNoArguments(line.kind.text), at: argument.value.range)
      }
      return .layer(
        try core(at: line.range) {
          try written.kind.make(written.configuration, input: input ?? [1], seed: nextLayerSeed)
        })
    }
    guard let builtin = BuiltinRegistry.builtin(named: line.kind.text), builtin.kind == .layer,
      case .layer(let body) = builtin.body
    else {
      throw fail(.unknownLayer(line.kind.text), at: line.kind.range)
    }
    if line.kind.text == "input", input != nil { throw fail(.inputNotFirst, at: line.range) }
    if let input, let kind = LayerRegistry.kind(named: builtin.name), let requirement = kind.input,
      !kind.accepts(input)
    {
      throw fail(.unsupportedInput(kind.name, requirement, input), at: line.range)
    }
    let (bound, problems) = ArgumentBinder.bind(line.arguments, to: builtin, at: line.kind.range)
    if let problem = problems.first { throw fail(problem.message, at: problem.range) }
    var values: [String: Value] = [:]
    var ranges: [String: SourceRange] = [:]
    for parameter in builtin.parameters {
      guard let argument = bound[parameter.name] else { continue }
      var value: Value
      if case .choice(let words) = parameter.type,
        let word = argument.value.choiceWord(among: words),
        words.contains(word)
      {
        value = .string(word)
      } else {
        value = try evaluate(argument.value, in: environment)
      }
      if let problem = parameter.problem(with: value, of: builtin) {
        let message: Diagnostic.Message =
          if case .string(let word) = value, case .choice = parameter.type {
            .unknownChoice(word, parameter: parameter)
          } else {
            problem
          }
        throw fail(message, at: argument.value.range)
      }
      values[parameter.name] = value
      ranges[parameter.name] = argument.value.range
    }
    let invocation = BuiltinCall(
      interpreter: self, builtin: builtin, values: values, ranges: ranges, range: line.range,
      asStatement: true)
    return try core(at: line.range) { try body(invocation, input) }
  }
}

extension Diagnostic.Message {
  static func notAModel(_ name: String, _ value: Value) -> Self {
    Self("`\(name)` is \(value.kindName), not a model.")
  }
}
