import Foundation
import NNVCore

// W7 `rnn-char` and W8 `lstm-char` (peers/seq_peers.py): a token stream x_0 = 1, x_1 = 2,
// x_i = (x_{i−1} + x_{i−2}) mod 16, except where u_i < 0.1 (uniform seed 72) x_i = ⌊16·u'_i⌋
// (uniform seed 71); 128 windows of 32 one-hot inputs, targets the next token at every step.
// Model: a bias-free Elman RNN (W_xh seed 700, W_hh 701) or LSTM (W_ih 800, W_hh 801, gates
// i, f, g, o), hidden 64, every step's state; then a dense layer of 16 at every step (W_hy
// seed 702 / 802, b_y = 0); softmax cross-entropy averaged over batch and time on the logits.
// 20 epochs of 8 batches of 16 windows in the peers' order, Adam 0.01 (torch form), full BPTT.

/// The peers' token stream, `count` tokens.
func sequenceTokens(count n: Int = 128 * 32 + 1) -> [Int] {
  let noise = RandomGenerator.uniformValues(seed: 72, count: n)
  let draw = RandomGenerator.uniformValues(seed: 71, count: n)
  var x = [Int](repeating: 0, count: n)
  for i in 0..<n {
    if noise[i] < 0.1 {
      x[i] = Int(draw[i] * 16)
    } else if i < 2 {
      x[i] = i + 1
    } else {
      x[i] = (x[i - 1] + x[i - 2]) % 16
    }
  }
  return x
}

/// The 128 windows as a data set: inputs `[128, 32, 16]` one-hot, and the next token as the
/// class at every step (`targetSteps` 32).
func sequenceWindows() throws -> Dataset {
  let (windows, steps, symbols) = (128, 32, 16)
  let x = sequenceTokens()
  var inputs = [Float](repeating: 0, count: windows * steps * symbols)
  var labels: [Int] = []
  for k in 0..<windows {
    for t in 0..<steps {
      inputs[(k * steps + t) * symbols + x[k * steps + t]] = 1
      labels.append(x[k * steps + t + 1])
    }
  }
  return Dataset(
    name: "tokens", features: try Tensor(shape: [windows, steps, symbols], scalars: inputs),
    labels: labels, classNames: (0..<symbols).map(String.init), targetSteps: steps)
}

/// The W7 or W8 network: a bias-free recurrent layer over every step (input weights from
/// `seed`, recurrent weights from `seed + 1`), then a dense layer of 16 (seed `seed + 2`).
func sequenceModel(_ cell: RecurrentCell, seed: UInt64) throws -> Sequential {
  var model = try Sequential(name: "char", inputShape: [32, 16])
  try model.append(
    Recurrent(
      cell, inputSize: 16, units: 64, returnsSequences: true, bias: false, seed: seed,
      name: "recurrent"))
  try model.append(
    Dense(inputSize: 64, outputSize: 16, activation: .softmax, seed: seed + 2, name: "output"))
  return model
}

/// Checks the weights against the peers' `glorot(seed, fan_in, fan_out, shape)`, each matrix
/// over its full shape.
func checkSequenceWeights(_ model: Sequential, gates: Int, seed: UInt64) {
  let expected: [(Int, Int, UInt64, Int, Int)] = [
    (0, 0, seed, 16, gates * 64), (0, 1, seed + 1, 64, gates * 64), (1, 0, seed + 2, 64, 16),
  ]
  for (layer, index, weightSeed, fanIn, fanOut) in expected {
    let parameters = model.layers[layer].parameters
    check(
      index < parameters.count && parameters[index].shape == [fanIn, fanOut]
        && parameters[index].scalars
          == referenceGlorot(seed: weightSeed, fanIn: fanIn, fanOut: fanOut),
      "layer \(layer) weight \(index) differs from the peers' glorot(seed \(weightSeed))")
  }
  check(model.layers[0].parameters.count == 2, "the recurrent layer has biases")
  check(
    model.layers[1].parameters.last?.scalars.allSatisfy { $0 == 0 } == true,
    "the output biases are not zero")
}

/// W7 or W8: trains with `Trainer.train`, then prints the result line with the loss and the
/// accuracy at every step over all 128 windows (`Metrics.evaluate`).
func runSequence(_ name: String, cell: RecurrentCell, seed: UInt64) throws {
  let data = try sequenceWindows()
  var model = try sequenceModel(cell, seed: seed)
  checkSequenceWeights(model, gates: cell.gateCount, seed: seed)
  checkGenerator(samples: data.count)
  let shortened = environmentInt("NNV_BENCH_EPOCHS")
  let options = TrainingOptions(
    epochs: shortened ?? 20, batchSize: 16, loss: .categoricalCrossEntropy, seed: 7,
    shuffle: true)
  let optimizer = Adam(learningRate: 0.01)
  let run = try timed {
    try Trainer.train(&model, on: data, optimizer: optimizer, options: options)
  }
  check(
    run.result == .completed(epochs: options.epochs), "training did not complete: \(run.result)")
  let (loss, accuracy) = try Metrics.evaluate(model, on: data, loss: .categoricalCrossEntropy)
  emit(
    name, seconds: run.seconds, finalLoss: Double(loss), accuracy: Double(accuracy ?? .nan),
    cpu: run.cpu)
  checkFinalLoss(name, loss: loss, shortened: shortened != nil)
}
