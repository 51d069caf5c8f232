import NNVCore

/// What the checker knows about a model before anything runs.
///
/// Each part is known when the script writes it as numbers (`input 2`, `dense 3 softmax`), or
/// exactly for a model already in the REPL session.
public struct StaticModel: Sendable {
  /// The shape of one input sample.
  public var inputShape: [Int]?
  /// The shape of one output sample, when every layer's size is known.
  public var outputShape: [Int]?
  /// The last layer's activation and units, for `LossCompatibility`.
  public var output: LossCompatibility.Output?

  public init(
    inputShape: [Int]? = nil, outputShape: [Int]? = nil, output: LossCompatibility.Output? = nil
  ) {
    self.inputShape = inputShape
    self.outputShape = outputShape
    self.output = output
  }

  /// Everything about a model that exists.
  public init(_ model: Sequential) {
    self.init(
      inputShape: model.inputShape, outputShape: model.outputShape,
      output: LossCompatibility.Output(of: model))
  }
}

/// What the checker knows about a data set: its samples' shape and its targets.
public struct StaticData: Sendable {
  /// How messages name it: the expression as written (`parts.train`).
  public var name: String
  public var sampleShape: [Int]?
  public var targets: LossCompatibility.Targets

  public init(name: String, sampleShape: [Int]?, targets: LossCompatibility.Targets) {
    self.name = name
    self.sampleShape = sampleShape
    self.targets = targets
  }

  /// Everything about a data set that exists, named `name`.
  public init(_ data: Dataset, name: String) {
    self.init(
      name: name, sampleShape: data.sampleShape, targets: LossCompatibility.Targets(of: data))
  }
}

/// A value the checker knows something about, bound to a name.
public enum StaticValue: Sendable {
  case model(StaticModel)
  case data(StaticData)
  /// A record of data sets, such as the `{train, test}` of `split`.
  case record([String: StaticData])
}

/// Inferring data sets from expressions: the generators, the bundled sets, `split` parts.
extension Checker {
  /// The sample shapes and targets of the data sets the builtins make, by builtin name.
  static let bundledData: [String: (sampleShape: [Int], targets: LossCompatibility.Targets)] = [
    "xor": ([2], .classes(2)), "circles": ([2], .classes(2)), "moons": ([2], .classes(2)),
    "plane": ([2], .values(1)), "sine": ([1], .values(1)), "iris": ([4], .classes(3)),
    "digits": ([64], .classes(10)),
  ]

  /// The builtin a call expression calls, unless the name is shadowed by a variable.
  func calledBuiltin(_ expression: Expression) -> (Builtin, [Argument])? {
    guard case .call(let callee, let arguments) = expression.kind,
      case .name(let name) = callee.kind, !scopes.contains(where: { $0.contains(name) }),
      let builtin = BuiltinRegistry.builtin(named: name)
    else { return nil }
    return (builtin, arguments)
  }

  /// What the script says about the data set `expression` evaluates to, if anything.
  func staticData(of expression: Expression) -> StaticData? {
    let name = source.text(in: expression.range)
    switch expression.kind {
    case .name(let variable):
      guard case .data(var data) = knownValue(variable) else { return nil }
      data.name = name
      return data
    case .field(let base, let field):
      guard var data = staticRecord(of: base)?[field.text] else { return nil }
      data.name = name
      return data
    case .call:
      guard let (builtin, arguments) = calledBuiltin(expression) else { return nil }
      let bound = ArgumentBinder.bind(arguments, to: builtin, at: expression.range).bound
      switch builtin.name {
      case "standardize":
        guard var data = bound["data"].flatMap({ staticData(of: $0.value) }) else { return nil }
        data.name = name
        return data
      case "spiral", "gauss":
        var targets = LossCompatibility.Targets.classes(builtin.name == "spiral" ? 3 : 2)
        if let argument = bound["classes"] {
          targets = Checker.wholeNumber(argument.value).map { .classes($0) } ?? .unknown
        }
        return StaticData(name: name, sampleShape: [2], targets: targets)
      case "parity", "brackets", "waves":
        return Checker.sequenceData(builtin.name, bound, name: name)
      case "bars", "shapes":
        // Images [1, size, size]: their size is known when written as a number or left out.
        let size =
          bound["size"].map { Checker.wholeNumber($0.value) } ?? (builtin.name == "bars" ? 8 : 12)
        return StaticData(
          name: name, sampleShape: size.map { [1, $0, $0] },
          targets: .classes(builtin.name == "bars" ? 2 : 4))
      default:
        guard let known = Checker.bundledData[builtin.name] else { return nil }
        return StaticData(name: name, sampleShape: known.sampleShape, targets: known.targets)
      }
    default:
      return nil
    }
  }

  /// The data sets in a record: `split(data)` or a name bound to one.
  func staticRecord(of expression: Expression) -> [String: StaticData]? {
    if case .name(let variable) = expression.kind, case .record(let fields) = knownValue(variable) {
      return fields
    }
    guard let (builtin, arguments) = calledBuiltin(expression), builtin.name == "split",
      let argument = ArgumentBinder.bind(arguments, to: builtin, at: expression.range)
        .bound["data"],
      let data = staticData(of: argument.value)
    else { return nil }
    return ["train": data, "test": data]
  }

  /// What is known about the value of `expression`, to remember for the name it is bound to.
  func staticValue(of expression: Expression) -> StaticValue? {
    if let model = staticModel(of: expression) { return .model(model) }
    if let data = staticData(of: expression) { return .data(data) }
    if let record = staticRecord(of: expression) { return .record(record) }
    return nil
  }

  /// The known value of a name, unless a function may assign it when called.
  func knownValue(_ name: String) -> StaticValue? {
    guard !assignedInFunctions.contains(name) else { return nil }
    return facts[name]
  }

  /// The model a name refers to, if known.
  func staticModel(of expression: Expression) -> StaticModel? {
    guard case .name(let name) = expression.kind, case .model(let model) = knownValue(name)
    else { return nil }
    return model
  }

  /// A whole number written as a literal.
  static func wholeNumber(_ expression: Expression) -> Int? {
    guard case .number(let x)? = literal(expression) else { return nil }
    return Int(exactly: x)
  }

  /// Every name assigned (`x = ...`) in `statements`, at any depth, function bodies included.
  static func assignedNames(in statements: [Statement]) -> Set<String> {
    var names: Set<String> = []
    for statement in statements {
      switch statement.kind {
      case .assignment(let name, _): names.insert(name.text)
      case .ifElse(_, let body, let otherwise):
        names.formUnion(assignedNames(in: body))
        names.formUnion(assignedNames(in: otherwise ?? []))
      case .forLoop(_, _, let body), .whileLoop(_, let body):
        names.formUnion(assignedNames(in: body))
      case .function(let declaration):
        names.formUnion(assignedNames(in: declaration.body))
      default: break
      }
    }
    return names
  }

  /// Names assigned inside function bodies: a call may change them at any point.
  static func assignedInFunctions(_ statements: [Statement]) -> Set<String> {
    var names: Set<String> = []
    for statement in statements {
      switch statement.kind {
      case .function(let declaration):
        names.formUnion(assignedNames(in: declaration.body))
      case .ifElse(_, let body, let otherwise):
        names.formUnion(assignedInFunctions(body))
        names.formUnion(assignedInFunctions(otherwise ?? []))
      case .forLoop(_, _, let body), .whileLoop(_, let body):
        names.formUnion(assignedInFunctions(body))
      default: break
      }
    }
    return names
  }
}
