import Foundation
import NNVCore
import NNVTestSupport
import Testing

/// Generating text from character models, and the models that cannot.
@Suite struct CharacterSamplerTests {
  static let rhyme = "the cat sat on the mat. the cat ate the rat. a rat sat on a hat. "

  func characterModel(_ data: Dataset, units: Int = 16, seed: UInt64 = 41) throws -> Sequential {
    let v = data.classNames.count
    var model = try Sequential(name: "writer", inputShape: data.sampleShape)
    try model.append(
      Recurrent(.lstm, inputSize: v, units: units, returnsSequences: true, seed: seed))
    try model.append(Dense(inputSize: units, outputSize: v, activation: .softmax, seed: seed + 2))
    return model
  }

  @Test func theSameSeedWritesTheSameText() throws {
    let data = try TextDatasets.text(Self.rhyme, window: 8, step: 2)
    let model = try characterModel(data)
    let options = CharacterSampler.Options(length: 60, temperature: 1, seed: 5, prime: "the ")
    let first = try CharacterSampler.sample(model, from: data, options: options)
    let again = try CharacterSampler.sample(model, from: data, options: options)
    #expect(first == again)
    #expect(first.hasPrefix("the ") && first.unicodeScalars.count == 64)
    var other = options
    other.seed = 6
    #expect(try CharacterSampler.sample(model, from: data, options: other) != first)
    // Every character is one of the text's.
    let vocabulary = Set(Self.rhyme.unicodeScalars)
    #expect(first.unicodeScalars.allSatisfy { vocabulary.contains($0) })
  }

  @Test func temperatureZeroTakesTheMostLikelyCharacter() throws {
    let data = try TextDatasets.text(Self.rhyme, window: 8, step: 2)
    let model = try characterModel(data)
    let greedy = { (seed: UInt64) in
      try CharacterSampler.sample(
        model, from: data,
        options: CharacterSampler.Options(length: 30, temperature: 0, seed: seed, prime: "a"))
    }
    let text = try greedy(1)
    #expect(try greedy(2) == text)
    // Each character is the argmax of the model's output over the (at most 8) before it.
    let v = data.classNames.count
    let scalars = Array(text.unicodeScalars)
    let codes = try CharacterSampler.codes(of: text, vocabulary: data.classNames)
    for k in 1..<scalars.count {
      let context = codes[max(0, k - 8)..<k]
      var input = [Float](repeating: 0, count: context.count * v)
      for (t, c) in context.enumerated() { input[t * v + c] = 1 }
      var ctx = ForwardContext.inference
      let out = try model.forward(
        Variable(try Tensor(shape: [1, context.count, v], scalars: input)),
        parameters: model.parameters.map { $0.map { Variable($0) } }, context: &ctx
      ).value.scalars.suffix(v)
      let best = out.indices.max { out[$0] < out[$1] }.map { $0 - out.startIndex }
      #expect(best == codes[k], "character \(k)")
    }
    // A very small temperature draws the same characters.
    let cold = try CharacterSampler.sample(
      model, from: data,
      options: CharacterSampler.Options(length: 30, temperature: 1e-6, seed: 9, prime: "a"))
    #expect(cold == text)
  }

  @Test func drawsFollowTheSoftmax() throws {
    var random = RandomGenerator(seed: 3)
    let logits: [Float] = [0, log(3), -Float.greatestFiniteMagnitude / 2]
    var counts = [0, 0, 0]
    for _ in 0..<4000 {
      counts[try CharacterSampler.draw(logits[...], temperature: 1, random: &random)] += 1
    }
    #expect(counts[2] == 0)
    #expect(abs(Double(counts[1]) / 4000 - 0.75) < 0.03, "\(counts)")
    #expect(throws: CharacterSampler.Problem.self) {
      try CharacterSampler.draw([0, .nan][...], temperature: 1, random: &random)
    }
  }

  @Test func whatCannotGenerateIsRefused() throws {
    let data = try TextDatasets.text(Self.rhyme, window: 8, step: 2)
    let model = try characterModel(data)
    func sample(_ m: Sequential, _ d: Dataset, _ options: CharacterSampler.Options) -> Bool {
      (try? CharacterSampler.sample(m, from: d, options: options)) == nil
    }
    // Unknown characters in the prime are named.
    #expect(throws: CharacterSampler.Problem.unknownCharacters(["Z", "!"])) {
      try CharacterSampler.sample(
        model, from: data, options: CharacterSampler.Options(length: 1, prime: "aZ!Z"))
    }
    #expect(sample(model, data, CharacterSampler.Options(length: 100_001)))
    #expect(sample(model, data, CharacterSampler.Options(length: 1, temperature: -1)))
    #expect(sample(model, data, CharacterSampler.Options(length: 1, prime: "")))
    // Not text, or a model for other data.
    let bits = try SequenceDatasets.parity(n: 4, length: 8, seed: 1)
    #expect(sample(model, bits, CharacterSampler.Options(length: 1)))
    var flat = try Sequential(name: "flat", inputShape: data.sampleShape)
    try flat.append(Flatten())
    let v = data.classNames.count
    try flat.append(Dense(inputSize: 8 * v, outputSize: v, activation: .softmax, seed: 1))
    #expect(CharacterSampler.problem(flat, vocabulary: data.classNames) != nil)
    let other = try TextDatasets.text("abcabcabcabcabc", window: 4)
    #expect(CharacterSampler.problem(model, vocabulary: other.classNames) != nil)
    #expect(CharacterSampler.problem(model, vocabulary: data.classNames) == nil)
  }
}
