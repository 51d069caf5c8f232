import Foundation

/// Generates text from a character model, one character at a time, as Karpathy's char-rnn does.
///
/// A character model reads windows of T characters one-hot over a text's vocabulary, `[T, V]`,
/// and gives the next character's scores at every step (`[T, V]`) or after the last (`[V]`).
/// Generation starts from a prime, feeds it to the model, draws the next character from
/// softmax(scores / temperature) with a seeded generator, appends it, and repeats. The model
/// always reads the last T characters at most (fewer while the text is shorter), from a zero
/// state, exactly as it read the windows it was trained on; its layers run on those steps alone,
/// so every layer must work step by step (`rnn`, `lstm`, `gru`, `dense`, `dropout`, an
/// activation).
///
/// Temperature 0 always takes the most likely character (the first one on a tie); temperatures
/// near 0 come close to that, 1 draws from the model's own distribution, and larger ones flatten
/// it towards uniform.
public enum CharacterSampler {
  /// What to generate.
  public struct Options: Sendable, Equatable {
    /// New characters to generate, after the prime.
    public var length: Int
    /// Divides the scores before the softmax; 0 takes the most likely character.
    public var temperature: Double
    /// Seeds the draws.
    public var seed: UInt64
    /// The text to start from; nil for the first character of the data's first window.
    public var prime: String?

    public init(length: Int = 200, temperature: Double = 1, seed: UInt64 = 0, prime: String? = nil)
    {
      self.length = length
      self.temperature = temperature
      self.seed = seed
      self.prime = prime
    }
  }

  /// The largest temperature accepted.
  public static let maximumTemperature: Double = 100

  /// Why `sample` cannot run.
  public enum Problem: Error, Equatable, CustomStringConvertible {
    /// The data set is not characters of a text.
    case notText(String)
    /// The model does not read and predict characters of this text; with what to do.
    case notCharacterModel(String, hint: String)
    /// Characters of the prime that the vocabulary does not hold, by their names.
    case unknownCharacters([String])
    /// A length, temperature or prime outside what is accepted.
    case invalidSetting(String)
    /// The model's scores are not finite numbers.
    case notFinite(String)

    public var description: String {
      switch self {
      case .notText(let message), .notCharacterModel(let message, _), .invalidSetting(let message),
        .notFinite(let message):
        return message
      case .unknownCharacters(let names):
        return "the prime has characters the text does not: " + names.joined(separator: " ")
      }
    }
  }

  /// The layer kinds that work step by step.
  static func isStepwise(_ layer: any Layer) -> Bool {
    layer is Recurrent || layer is Dense || layer is Dropout || layer is ActivationLayer
  }

  /// Why `model` is not a character model for `vocabulary`; nil when it is.
  public static func problem(_ model: Sequential, vocabulary: [String]) -> Problem? {
    let v = vocabulary.count
    let shape = Tensor.describe(model.inputShape)
    guard model.inputShape.count == 2, model.inputShape[1] == v else {
      return .notCharacterModel(
        "\(model.name) reads inputs of shape \(shape), not windows of characters one-hot over "
          + "the text's \(v) characters, [T, \(v)]",
        hint: "declare `input [32, \(v)]`, a recurrent layer and `dense \(v) softmax`")
    }
    let steps = model.inputShape[0]
    guard model.outputShape == [steps, v] || model.outputShape == [v],
      let last = model.layers.last, case .softmax = last.activation
    else {
      return .notCharacterModel(
        "\(model.name) gives outputs of shape \(Tensor.describe(model.outputShape)), not the "
          + "next character's probabilities over \(v) characters",
        hint: "end the model with `dense \(v) softmax` after `sequences true`")
    }
    if let other = model.layers.first(where: { !isStepwise($0) }) {
      return .notCharacterModel(
        "\(model.name) has a `\(other.kind)` layer, which does not read a sequence step by step",
        hint: "generate from a model of rnn, lstm, gru, dense and dropout layers")
    }
    if model.standardizer != nil {
      return .notCharacterModel(
        "\(model.name) standardizes its inputs, which are characters here",
        hint: "train the character model without `standardize true`")
    }
    if !model.classNames.isEmpty, model.classNames != vocabulary {
      return .notCharacterModel(
        "\(model.name) was trained on other characters (\(model.classNames.count) classes) "
          + "than this text's \(v)",
        hint: "sample from the text the model was trained on")
    }
    return nil
  }

  /// The indices into `vocabulary` of `text`'s characters (a CR LF is one line break).
  public static func codes(of text: String, vocabulary: [String]) throws -> [Int] {
    let index = Dictionary(
      vocabulary.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    var codes: [Int] = []
    var unknown: [String] = []
    for scalar in try TextDatasets.scalars(of: text) {
      let name = CharacterNames.name(of: scalar)
      if let code = index[name] {
        codes.append(code)
      } else if !unknown.contains(name) {
        unknown.append(name)
      }
    }
    guard unknown.isEmpty else { throw Problem.unknownCharacters(unknown) }
    return codes
  }

  /// The prime followed by `options.length` characters generated by `model`.
  ///
  /// - Throws: `Problem` for data that is not text, a model that is not a character model for
  ///   it, an empty prime or one with characters outside the vocabulary, a length over
  ///   `ResourceLimits.generatedCharacters` or a temperature outside 0...100;
  ///   `CancellationError` when cancelled (checked before every character).
  public static func sample(
    _ model: Sequential, from data: Dataset, options: Options = Options()
  ) throws -> String {
    guard let vocabulary = data.vocabulary, data.count > 0 else {
      throw Problem.notText(
        "\(data.name) is not characters of a text: `sample` needs a `text(...)` data set")
    }
    if let problem = problem(model, vocabulary: vocabulary) { throw problem }
    guard options.length >= 0, ResourceLimits.generatedCharacters.allows(options.length) else {
      throw Problem.invalidSetting(
        "a length is 0 to \(ResourceLimits.generatedCharacters), not \(options.length)")
    }
    guard options.temperature >= 0, options.temperature <= maximumTemperature else {
      throw Problem.invalidSetting(
        "a temperature is from 0 to \(Int(maximumTemperature)), not \(options.temperature)")
    }
    let prime =
      try options.prime.map { try codes(of: $0, vocabulary: vocabulary) } ?? [
        firstCharacter(of: data)
      ]
    guard !prime.isEmpty else {
      throw Problem.invalidSetting("the prime is empty: give at least one character")
    }
    let characters = vocabulary.map { CharacterNames.character(named: $0) ?? "?" }
    var text = prime
    text.reserveCapacity(prime.count + options.length)
    var random = RandomGenerator(seed: options.seed)
    let runner = Runner(model: model, classes: vocabulary.count)
    for _ in 0..<options.length {
      try Cancellation.check()
      let logits = try runner.nextScores(text.suffix(model.inputShape[0]))
      text.append(try draw(logits, temperature: options.temperature, random: &random))
    }
    var result = ""
    result.unicodeScalars.append(contentsOf: text.map { characters[$0] })
    return result
  }

  /// The code of the first character of the data's first window.
  static func firstCharacter(of data: Dataset) -> Int {
    let v = data.sampleShape.last ?? 1
    let row = data.features.scalars.prefix(v)
    return row.indices.max { row[$0] < row[$1] } ?? 0
  }

  /// Runs the model over the last characters and gives the scores of the character after them.
  struct Runner {
    let model: Sequential
    let classes: Int
    let constants: [[Variable]]

    init(model: Sequential, classes: Int) {
      self.model = model
      self.classes = classes
      self.constants = model.parameters.map { $0.map { Variable($0) } }
    }

    func nextScores(_ codes: ArraySlice<Int>) throws -> ArraySlice<Float> {
      var input = [Float](repeating: 0, count: codes.count * classes)
      for (t, code) in codes.enumerated() { input[t * classes + code] = 1 }
      var context = ForwardContext.inference
      let x = try Tensor(shape: [1, codes.count, classes], scalars: input)
      let out = try model.forward(
        Variable(x), parameters: constants, context: &context, stopBeforeFinalActivation: true
      ).value.scalars
      return out.suffix(classes)
    }
  }

  /// A class drawn from softmax(`logits` / `temperature`); the first largest for 0.
  public static func draw(
    _ logits: ArraySlice<Float>, temperature: Double, random: inout RandomGenerator
  ) throws -> Int {
    guard logits.allSatisfy({ $0.isFinite }), let top = logits.max() else {
      throw Problem.notFinite(
        "the model's scores are not finite numbers: its weights may have diverged")
    }
    let first = logits.startIndex
    guard temperature > 0 else { return (logits.firstIndex(of: top) ?? first) - first }
    let weights = logits.map { exp((Double($0) - Double(top)) / temperature) }
    let total = weights.reduce(0, +)
    let u = Double(random.uniform()) * total
    var sum = 0.0
    for (k, w) in weights.enumerated() {
      sum += w
      if u < sum { return k }
    }
    return (logits.firstIndex(of: top) ?? first) - first
  }
}
