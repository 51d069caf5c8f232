import Foundation
import NNVCore
import NNVONNX
import NNVTestSupport

/// Small models of every layer kind, with random weights and biases, for the ONNX tests.
enum ONNXFixtures {
  /// Every parameter of `model` replaced by random values (biases too, so their layout counts).
  static func randomized(_ model: Sequential, seed: UInt64) -> Sequential {
    var copy = model
    var next = seed
    copy.parameters = model.parameters.map { tensors in
      tensors.map { tensor in
        next += 1
        return randomTensor(tensor.shape, seed: next, in: -0.8...0.8)
      }
    }
    return copy
  }

  /// Dense layers with every activation, a dropout layer, standardization and class names.
  static func perceptron() throws -> Sequential {
    var model = try Sequential(name: "mlp", inputShape: [4])
    try model.append(Dense(inputSize: 4, outputSize: 6, activation: .gelu, name: "hidden"))
    try model.append(Dropout(rate: 0.25, name: "drop"))
    try model.append(
      Dense(inputSize: 6, outputSize: 5, activation: .leakyRelu(slope: 0.2), name: "leaky"))
    try model.append(Dense(inputSize: 5, outputSize: 5, activation: .tanh, name: "squash"))
    try model.append(Dense(inputSize: 5, outputSize: 4, activation: .sigmoid, name: "gate"))
    try model.append(Dense(inputSize: 4, outputSize: 3, activation: .relu, name: "rect"))
    try model.append(Dense(inputSize: 3, outputSize: 3, activation: .softmax, name: "out"))
    model = randomized(model, seed: 10)
    model.standardizer = Standardizer(
      mean: [0.5, -1, 2, 0.25], deviation: [2, 0.5, 1.5, 3])
    model.classNames = ["cat", "dog, \"big\"", "bird"]
    model.featureNames = ["a", "b", "c", "d"]
    return model
  }

  /// Convolutions (same and valid padding, strides 1 and 2), both poolings and flatten.
  static func convolutional() throws -> Sequential {
    var model = try Sequential(name: "cnn", inputShape: [2, 9, 9])
    try model.append(
      Conv2D(
        inputChannels: 2, filters: 3, kernelSize: 3, padding: .same, activation: .relu,
        name: "c1"))
    try model.append(MaxPool2D(size: 2, stride: 1, name: "p1"))
    try model.append(
      Conv2D(
        inputChannels: 3, filters: 4, kernelSize: 3, stride: 2, padding: .same,
        activation: .gelu, name: "c2"))
    try model.append(
      Conv2D(inputChannels: 4, filters: 2, kernelSize: 2, activation: .tanh, name: "c3"))
    try model.append(AvgPool2D(size: 2, name: "p2"))
    try model.append(Flatten(name: "flat"))
    try model.append(Dense(inputSize: 2, outputSize: 3, activation: .softmax, name: "out"))
    model = randomized(model, seed: 20)
    model.standardizer = Standardizer(
      mean: (0..<162).map { Float($0) / 100 }, deviation: (0..<162).map { 1 + Float($0) / 50 })
    return model
  }

  /// An LSTM and a GRU giving every step, a dense layer at every step, an rnn giving the last.
  static func recurrent() throws -> Sequential {
    var model = try Sequential(name: "seq", inputShape: [5, 3])
    try model.append(Recurrent(.lstm, inputSize: 3, units: 4, returnsSequences: true, name: "l"))
    try model.append(Recurrent(.gru, inputSize: 4, units: 3, returnsSequences: true, name: "g"))
    try model.append(Dense(inputSize: 3, outputSize: 4, activation: .tanh, name: "step"))
    try model.append(Recurrent(.rnn(.relu), inputSize: 4, units: 3, name: "r"))
    try model.append(Dense(inputSize: 3, outputSize: 2, activation: .sigmoid, name: "out"))
    return randomized(model, seed: 30)
  }

  /// Recurrent layers without biases, giving the last step, and an rnn with tanh.
  static func recurrentWithoutBias() throws -> Sequential {
    var model = try Sequential(name: "nobias", inputShape: [4, 2])
    try model.append(
      Recurrent(.lstm, inputSize: 2, units: 3, returnsSequences: true, bias: false, name: "l"))
    try model.append(
      Recurrent(.rnn(.tanh), inputSize: 3, units: 3, returnsSequences: true, name: "r"))
    try model.append(Recurrent(.gru, inputSize: 3, units: 2, bias: false, name: "g"))
    return randomized(model, seed: 40)
  }

  /// Activations as layers of their own (after pooling, and one after another).
  static func activationLayers() throws -> Sequential {
    var model = try Sequential(name: "acts", inputShape: [1, 4, 4])
    try model.append(MaxPool2D(size: 2, name: "pool"))
    try model.append(ActivationLayer(.tanh, name: "t"))
    try model.append(Flatten(name: "flat"))
    try model.append(Dense(inputSize: 4, outputSize: 3, activation: .relu, name: "d"))
    try model.append(ActivationLayer(.sigmoid, name: "s"))
    try model.append(ActivationLayer(.linear, name: "same"))
    return randomized(model, seed: 50)
  }

  static var all: [Sequential] {
    get throws {
      [
        try perceptron(), try convolutional(), try recurrent(), try recurrentWithoutBias(),
        try activationLayers(),
      ]
    }
  }

  /// A random batch of `count` samples for `model`.
  static func batch(for model: Sequential, count: Int = 6, seed: UInt64 = 99) -> Tensor {
    randomTensor([count] + model.inputShape, seed: seed, in: -2...2)
  }
}
