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

/// The 128 windows: inputs `[128, 32, 16]` one-hot, targets `[128, 32, 16]` one-hot of the
/// next token, and the target tokens themselves.
func sequenceWindows() throws -> (inputs: Tensor, targets: Tensor, labels: [Int]) {
  let (windows, steps, symbols) = (128, 32, 16)
  let x = sequenceTokens()
  var inputs = [Float](repeating: 0, count: windows * steps * symbols)
  var targets = inputs
  var labels: [Int] = []
  for k in 0..<windows {
    for t in 0..<steps {
      let row = (k * steps + t) * symbols
      inputs[row + x[k * steps + t]] = 1
      targets[row + x[k * steps + t + 1]] = 1
      labels.append(x[k * steps + t + 1])
    }
  }
  let shape = [windows, steps, symbols]
  return (
    try Tensor(shape: shape, scalars: inputs), try Tensor(shape: shape, scalars: targets), labels
  )
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

/// One Adam step on the windows at `indices`: forward through the model to the logits, the
/// fused cross-entropy over every step, backward through time.
///
/// Each step is written out with the core's public training primitives (the tape, the model's
/// forward pass, the loss, the optimizer), as `Trainer` runs them, because the trainer's data
/// sets carry one target per sample, not one per step. A function of its own, so the tape is
/// gone before the optimizer updates the parameters in place.
func sequenceGradients(
  _ model: Sequential, _ parameters: [[Tensor]], inputs: Tensor, targets: Tensor
) throws -> [[Tensor]] {
  let tape = Tape()
  let variables = parameters.map { $0.map { tape.variable($0) } }
  var context = ForwardContext(isTraining: true)
  let logits = try model.forward(
    Variable(inputs), parameters: variables, context: &context, stopBeforeFinalActivation: true)
  let loss = Loss.categoricalCrossEntropy
  let gradients = tape.gradients(of: try loss(logits, targets, fromLogits: true))
  return variables.map { $0.map { gradients[$0] } }
}

/// W7 or W8: trains, then prints the result line with the loss and per-step accuracy over all
/// 128 windows.
func runSequence(_ name: String, cell: RecurrentCell, seed: UInt64) throws {
  let (inputs, targets, labels) = try sequenceWindows()
  var model = try sequenceModel(cell, seed: seed)
  checkSequenceWeights(model, gates: cell.gateCount, seed: seed)
  checkGenerator(samples: inputs.rows)
  let epochs = environmentInt("NNV_BENCH_EPOCHS") ?? 20
  let optimizer = Adam(learningRate: 0.01)
  let run = try timed { () throws -> [[Tensor]] in
    var parameters = model.parameters
    for epoch in 0..<epochs {
      var shuffler = RandomGenerator(seed: 7 + UInt64(epoch))
      let order = shuffler.permutation(inputs.rows)
      for start in stride(from: 0, to: order.count, by: 16) {
        let batch = Array(order[start..<min(start + 16, order.count)])
        let gradients = try sequenceGradients(
          model, parameters, inputs: try inputs.gatheringRows(batch),
          targets: try targets.gatheringRows(batch))
        optimizer.update(&parameters, along: gradients)
      }
    }
    return parameters
  }
  model.parameters = run.result
  var context = ForwardContext.inference
  let logits = try model.forward(
    Variable(inputs), parameters: model.parameters.map { $0.map { Variable($0) } },
    context: &context, stopBeforeFinalActivation: true
  ).value
  let crossEntropy = Loss.categoricalCrossEntropy
  let loss = try crossEntropy(Variable(logits), targets, fromLogits: true)
  let predicted = try logits.reshaped([labels.count, 16]).argmax(axis: 1)
  let accuracy = Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
  emit(
    name, seconds: run.seconds, finalLoss: Double(loss.value.scalar), accuracy: accuracy,
    cpu: run.cpu)
  checkFinalLoss(name, loss: loss.value.scalar, shortened: epochs != 20)
}
