import Foundation
import NNVCore
import Testing

/// Recurrent networks learn what needs memory: the running parity of bits, and the characters
/// of a text well beyond how often each occurs.
@Suite struct RecurrentLearningTests {
  @Test func anLSTMLearnsRunningParity() throws {
    let train = try SequenceDatasets.parity(n: 512, length: 10, seed: 51)
    let test = try SequenceDatasets.parity(n: 200, length: 10, seed: 52)
    var model = try Sequential(name: "parity", inputShape: [10, 1])
    try model.append(Recurrent(.lstm, inputSize: 1, units: 16, returnsSequences: true, seed: 53))
    try model.append(Dense(inputSize: 16, outputSize: 2, activation: .softmax, seed: 55))
    let options = TrainingOptions(epochs: 40, batchSize: 32, loss: .categoricalCrossEntropy)
    try Trainer.train(&model, on: train, optimizer: Adam(learningRate: 0.02), options: options)
    let result = try Metrics.evaluate(model, on: test, loss: .categoricalCrossEntropy)
    let accuracy = try #require(result.accuracy)
    #expect(accuracy > 0.95, "per-step accuracy on held-out bits \(accuracy)")
  }

  /// The entropy (nats) of the characters a text's windows predict, each by its frequency: the
  /// loss of the best model that ignores what came before.
  static func unigramEntropy(_ data: Dataset) -> Double {
    var counts = [Int](repeating: 0, count: data.classNames.count)
    for label in data.labels { counts[label] += 1 }
    let total = Double(data.labels.count)
    return counts.filter { $0 > 0 }.reduce(0.0) { sum, c in
      let p = Double(c) / total
      return sum - p * log(p)
    }
  }

  @Test func aCharacterModelBeatsTheUnigramBaseline() throws {
    let book = try TextDatasets.text(TextDatasets.corpus(), name: "alice", window: 32)
    let entropy = Self.unigramEntropy(book)
    #expect(entropy > 2.5 && entropy < 3.5, "unigram entropy \(entropy) nats")
    let v = book.classNames.count
    var model = try Sequential(name: "alice", inputShape: [32, v])
    try model.append(Recurrent(.lstm, inputSize: v, units: 48, returnsSequences: true, seed: 61))
    try model.append(Dense(inputSize: 48, outputSize: v, activation: .softmax, seed: 63))
    let before = try Metrics.evaluate(model, on: book, loss: .categoricalCrossEntropy)
    #expect(Double(before.loss) > entropy)
    let options = TrainingOptions(
      epochs: 6, batchSize: 32, loss: .categoricalCrossEntropy, clip: 5)
    try Trainer.train(&model, on: book, optimizer: Adam(learningRate: 0.01), options: options)
    let after = try Metrics.evaluate(model, on: book, loss: .categoricalCrossEntropy)
    #expect(Double(after.loss) < entropy - 0.5, "loss \(after.loss), unigram \(entropy)")
    // What it writes from a fixed seed is the same every time.
    let options2 = CharacterSampler.Options(length: 80, temperature: 0.8, seed: 3, prime: "Alice")
    let text = try CharacterSampler.sample(model, from: book, options: options2)
    #expect(text == (try CharacterSampler.sample(model, from: book, options: options2)))
    #expect(text.hasPrefix("Alice") && text.unicodeScalars.count == 85)
  }
}
