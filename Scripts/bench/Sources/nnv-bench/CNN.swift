import Foundation
import NNVCore

// W4 `cnn-small` (peers/common.py `images`, `cnn_weights`; numpy_peer.py `CNN`; torch_peer.py):
// 2,000 images 1×28×28 with a bright bar whose place is the class; conv 8 3×3 valid relu,
// maxpool 2, conv 16 3×3 valid relu, maxpool 2 (floor: 11 → 5), flatten (400), dense 10;
// softmax cross-entropy on the logits; batches of 32 in the peers' order (62 × 32 + 16);
// one epoch of plain SGD with learning rate 0.01.

/// W4's data: noise `0.5u` (seed 42) plus 0.5 on a 3-pixel bar, class `⌊10u⌋` (seed 41):
/// classes 0–4 are rows 2 + 5k ... 2 + 5k + 2, classes 5–9 the same columns.
func barImages(count n: Int = 2000) throws -> Dataset {
  let labels = RandomGenerator.uniformValues(seed: 41, count: n).map { Int($0 * 10) }
  var pixels = RandomGenerator.uniformValues(seed: 42, count: n * 784).map { $0 * 0.5 }
  for (i, label) in labels.enumerated() {
    let start = 2 + 5 * (label % 5)
    for along in 0..<28 {
      for across in start..<(start + 3) {
        let (row, column) = label < 5 ? (across, along) : (along, across)
        pixels[i * 784 + row * 28 + column] += 0.5
      }
    }
  }
  return Dataset(
    name: "bars", features: try Tensor(shape: [n, 1, 28, 28], scalars: pixels), labels: labels,
    classNames: (0..<10).map(String.init))
}

/// W4's network, built with the core's layers: Glorot weights from seeds 400, 401, 402 (conv
/// fans count the 3×3 window: in · 9 and out · 9), zero biases.
func smallCNN() throws -> Sequential {
  var model = try Sequential(name: "cnn-small", inputShape: [1, 28, 28])
  try model.append(
    Conv2D(
      inputChannels: 1, filters: 8, kernelSize: 3, activation: .relu, seed: 400,
      name: "conv_1"))
  try model.append(MaxPool2D(size: 2, name: "maxpool_1"))
  try model.append(
    Conv2D(
      inputChannels: 8, filters: 16, kernelSize: 3, activation: .relu, seed: 401,
      name: "conv_2"))
  try model.append(MaxPool2D(size: 2, name: "maxpool_2"))
  try model.append(Flatten())
  try model.append(
    Dense(inputSize: 400, outputSize: 10, activation: .softmax, seed: 402, name: "dense_1"))
  return model
}

/// Checks W4's weights against the peers' `glorot(seed, fan_in, fan_out, shape)`.
func checkCNNWeights(_ model: Sequential) {
  // (layer index, seed, fan in, fan out, shape) as in peers/common.py `cnn_weights`.
  let expected: [(Int, UInt64, Int, Int, [Int])] = [
    (0, 400, 9, 72, [8, 1, 3, 3]), (2, 401, 72, 144, [16, 8, 3, 3]), (5, 402, 400, 10, [400, 10]),
  ]
  for (index, seed, fanIn, fanOut, shape) in expected {
    let parameters = model.layers[index].parameters
    let a = Float((6.0 / Double(fanIn + fanOut)).squareRoot())
    let values = referenceSplitmix64(seed: seed, count: shape.reduce(1, *)).map { bits in
      (2 * (Float(bits >> 40) * 0x1p-24) - 1) * a
    }
    check(
      parameters.count == 2 && parameters[0].shape == shape && parameters[0].scalars == values
        && parameters[1].scalars.allSatisfy { $0 == 0 },
      "layer \(index) weights differ from the peers' glorot(seed \(seed))")
  }
}

/// W4: trains the small CNN with `Trainer.train` and prints its result line.
func runCNN() throws {
  let data = try barImages()
  var model = try smallCNN()
  checkCNNWeights(model)
  checkGenerator(samples: data.count)
  let shortened = environmentInt("NNV_BENCH_EPOCHS")
  let options = TrainingOptions(
    epochs: shortened ?? 1, batchSize: 32, loss: .categoricalCrossEntropy, seed: 7,
    shuffle: true)
  let optimizer = SGD(learningRate: 0.01)
  let run = try timed {
    try Trainer.train(&model, on: data, optimizer: optimizer, options: options)
  }
  check(
    run.result == .completed(epochs: options.epochs), "training did not complete: \(run.result)")
  let (loss, accuracy) = try Metrics.evaluate(model, on: data, loss: .categoricalCrossEntropy)
  emit(
    "cnn-small", seconds: run.seconds, finalLoss: Double(loss),
    accuracy: Double(accuracy ?? .nan), cpu: run.cpu)
  checkFinalLoss("cnn-small", loss: loss, shortened: shortened != nil)
}
