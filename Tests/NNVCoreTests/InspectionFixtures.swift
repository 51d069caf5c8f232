import NNVCore

/// Small models with weights set by hand, whose outputs the inspection tests work out on paper.
enum InspectionFixtures {
  /// A dense layer with the given weights (`inputs × outputs`, row by row) and biases.
  static func dense(
    _ inputs: Int, _ outputs: Int, _ activation: Activation, weights: [Float], bias: [Float],
    name: String = "dense"
  ) throws -> Dense {
    var layer = try Dense(
      inputSize: inputs, outputSize: outputs, activation: activation, name: name)
    layer.weight = try Tensor(shape: [inputs, outputs], scalars: weights)
    layer.bias = try Tensor(shape: [outputs], scalars: bias)
    return layer
  }

  /// A model of the given layers on inputs of `inputs` features.
  static func model(_ inputs: Int, _ layers: [any Layer]) throws -> Sequential {
    var model = try Sequential(name: "net", inputShape: [inputs])
    for layer in layers { try model.append(layer) }
    return model
  }

  /// A classification set of rows of features.
  static func data(_ rows: [[Float]], labels: [Int], classes: [String] = []) throws -> Dataset {
    let width = rows.first?.count ?? 0
    let features = try Tensor(shape: [rows.count, width], scalars: rows.flatMap { $0 })
    return Dataset(name: "points", features: features, labels: labels, classNames: classes)
  }

  /// The square -1…1 × -1…1 split into 2 × 2 cells, whose centres are (∓0.5, ±0.5): top left
  /// (-0.5, 0.5), top right (0.5, 0.5), bottom left (-0.5, -0.5), bottom right (0.5, -0.5).
  static let square = PlaneGrid(x: -1...1, y: -1...1, columns: 2, rows: 2)
}
