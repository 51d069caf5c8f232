import NNVCore

/// What the checker knows of the generated sequence sets: their samples' shape and targets,
/// when the sizes are written as numbers or left out.
extension Checker {
  /// The default number of steps of each sequence generator.
  static let sequenceLengths = ["parity": 16, "brackets": 20, "waves": 32]

  /// The data set `parity(...)`, `brackets(...)` or `waves(...)` makes, named `name`.
  static func sequenceData(
    _ generator: String, _ bound: [String: Argument], name: String
  ) -> StaticData {
    func whole(_ label: String, _ fallback: Int) -> Int? {
      guard let argument = bound[label] else { return fallback }
      return wholeNumber(argument.value)
    }
    let length = whole("length", sequenceLengths[generator] ?? 1)
    func steps(_ each: LossCompatibility.Targets) -> LossCompatibility.Targets {
      length.map { .steps($0, each: each) } ?? .unknown
    }
    switch generator {
    case "parity":
      return StaticData(
        name: name, sampleShape: length.map { [$0, 1] }, targets: steps(.classes(2)))
    case "waves":
      return StaticData(
        name: name, sampleShape: length.map { [$0, 1] }, targets: steps(.values(1)))
    default:
      let shape = length.map { [$0, SequenceDatasets.bracketSymbols.count] }
      var word: String? = SequenceDatasets.BracketTarget.depth.rawValue
      if let argument = bound["target"] {
        switch argument.value.kind {
        case .name(let text), .string(let text): word = text
        default: word = nil
        }
      }
      switch word {
      case SequenceDatasets.BracketTarget.balanced.rawValue:
        return StaticData(name: name, sampleShape: shape, targets: .classes(2))
      case SequenceDatasets.BracketTarget.depth.rawValue:
        let depth = whole("depth", 4)
        return StaticData(
          name: name, sampleShape: shape,
          targets: depth.map { steps(.classes($0 + 1)) } ?? .unknown)
      default:
        return StaticData(name: name, sampleShape: shape, targets: .unknown)
      }
    }
  }
}
