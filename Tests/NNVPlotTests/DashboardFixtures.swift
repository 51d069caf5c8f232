import NNVCore
import NNVPlot

/// Trained models and their data for the dashboard's tests: fixed seeds, so every frame is the
/// same on every run.
enum DashboardFixtures {
  /// A 2-6-2 classifier on two moons, 12 epochs, with validation data.
  static func plane() throws -> (model: Sequential, train: Dataset, validation: Dataset) {
    let train = try SyntheticDatasets.moons(n: 60, noise: 0.1, seed: 1)
    let validation = try SyntheticDatasets.moons(n: 20, noise: 0.1, seed: 2)
    var model = try Sequential(name: "net", inputShape: [2])
    try model.append(Dense(inputSize: 2, outputSize: 6, activation: .tanh, seed: 3))
    try model.append(Dense(inputSize: 6, outputSize: 2, activation: .softmax, seed: 4))
    try Trainer.train(
      &model, on: train, optimizer: Adam(learningRate: 0.05),
      options: TrainingOptions(
        epochs: 12, batchSize: 16, loss: .categoricalCrossEntropy, seed: 5,
        validation: validation))
    return (model, train, validation)
  }

  /// A 1-8-1 regression of a sine, 20 epochs.
  static func curve() throws -> (model: Sequential, train: Dataset) {
    let train = try SyntheticDatasets.sine(n: 40, noise: 0.05, seed: 6)
    var model = try Sequential(name: "wave", inputShape: [1])
    try model.append(Dense(inputSize: 1, outputSize: 8, activation: .tanh, seed: 7))
    try model.append(Dense(inputSize: 8, outputSize: 1, activation: .linear, seed: 8))
    try Trainer.train(
      &model, on: train, optimizer: Adam(learningRate: 0.05),
      options: TrainingOptions(epochs: 20, batchSize: 8, loss: .meanSquaredError, seed: 9))
    return (model, train)
  }

  /// A 4-8-3 classifier of the iris flowers, 30 epochs.
  static func curves() throws -> (model: Sequential, train: Dataset) {
    let train = try BundledDatasets.iris()
    var model = try Sequential(name: "species", inputShape: [4])
    try model.append(Dense(inputSize: 4, outputSize: 8, activation: .tanh, seed: 10))
    try model.append(Dense(inputSize: 8, outputSize: 3, activation: .softmax, seed: 11))
    try Trainer.train(
      &model, on: train, optimizer: Adam(learningRate: 0.05),
      options: TrainingOptions(
        epochs: 30, batchSize: 16, loss: .categoricalCrossEntropy, seed: 12))
    return (model, train)
  }

  /// The status after the model's last epoch, `state`, no time elapsed.
  static func status(
    _ model: Sequential, epochs: Int, state: TrainingStatus.State = .running
  ) -> TrainingStatus {
    TrainingStatus(
      model: model.name, epoch: model.history.last?.epoch ?? 0, epochs: epochs,
      metrics: model.history.last, learningRate: 0.05, state: state)
  }

  /// Chart options in monochrome, or in 24-bit colour.
  static func options(colored: Bool, ascii: Bool = false) -> ChartOptions {
    ChartOptions(colorMode: colored ? .truecolor : .none, glyphs: ascii ? .ascii : .unicode)
  }
}
