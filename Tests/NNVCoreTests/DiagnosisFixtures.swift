import NNVCore

/// Networks and data made with one problem each, for the diagnosis tests.
enum DiagnosisFixtures {
  /// Two moons of 200 points, split 150 / 50.
  static func moons(noise: Float = 0.1, seed: UInt64 = 3) throws -> (train: Dataset, test: Dataset)
  {
    let parts = try SyntheticDatasets.moons(n: 200, noise: noise, seed: seed).split(
      test: 0.25, seed: 1)
    return (parts.train, parts.test)
  }

  /// A model of dense layers on `inputs` features: `(units, activation)` each.
  static func dense(
    _ inputs: Int, _ layers: [(Int, Activation)], name: String = "net", seed: UInt64 = 1
  ) throws -> Sequential {
    var model = try Sequential(name: name, inputShape: [inputs])
    var width = inputs
    for (k, (units, activation)) in layers.enumerated() {
      try model.append(
        Dense(
          inputSize: width, outputSize: units, activation: activation, seed: seed + UInt64(k),
          name: "dense_\(k + 1)"))
      width = units
    }
    return model
  }

  /// Trains `model` on `data` with Adam (or `optimizer`), validating on `validation`.
  static func train(
    _ model: inout Sequential, on data: Dataset, epochs: Int,
    optimizer: any Optimizer = Adam(learningRate: 0.01),
    loss: Loss = .categoricalCrossEntropy, validation: Dataset? = nil
  ) throws {
    let options = TrainingOptions(
      epochs: epochs, batchSize: 16, loss: loss, seed: 5, validation: validation, recorders: [])
    try Trainer.train(&model, on: data, optimizer: optimizer, options: options)
  }

  /// A healthy moons classifier: 2-16-2, trained 60 epochs with validation.
  static func healthy() throws -> (Sequential, Dataset, Dataset) {
    let (train, test) = try moons()
    var model = try dense(2, [(16, .relu), (2, .softmax)])
    try self.train(&model, on: train, epochs: 60, validation: test)
    return (model, train, test)
  }

  /// `data` with feature `column` multiplied by `factor`.
  static func scaled(_ data: Dataset, column: Int, by factor: Float) -> Dataset {
    var copy = data
    let width = data.features.rowSize
    for k in copy.features.scalars.indices where k % width == column {
      copy.features.scalars[k] *= factor
    }
    return copy
  }

  /// The bias of layer `index` set to `values` (one per unit).
  static func setBias(_ model: inout Sequential, layer index: Int, _ values: [Float]) throws {
    var parameters = model.parameters
    parameters[index][1] = try Tensor(shape: [values.count], scalars: values)
    model.parameters = parameters
  }

  /// Every parameter of `model` multiplied by `factor`.
  static func scaleWeights(_ model: inout Sequential, by factor: Float) {
    model.parameters = model.parameters.map { $0.map { $0 * factor } }
  }

  /// The codes of a diagnosis's findings.
  static func codes(_ report: Diagnosis.Report) -> Set<Finding.Code> {
    Set(report.findings.map(\.code))
  }

  /// A history of one run with these training (and validation) losses and accuracies.
  static func history(
    losses: [Float], validation: [Float]? = nil, accuracy: Float? = 0.95,
    optimizer: String = "adam(lr: 0.01)", loss: Loss = .categoricalCrossEntropy
  ) -> TrainingHistory {
    TrainingHistory(
      epochs: losses.enumerated().map { k, value in
        var metrics = EpochMetrics(
          run: 1, epoch: k + 1, loss: value, accuracy: accuracy,
          validationLoss: validation.map { $0[k] }, validationAccuracy: validation.map { _ in 0.9 })
        metrics.optimizer = optimizer
        metrics.lossFunction = loss
        return metrics
      })
  }
}
