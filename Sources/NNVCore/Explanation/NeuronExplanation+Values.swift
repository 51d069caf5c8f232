/// The parameters of one unit and its values over data and over a plane.
extension NeuronExplanation {
  /// The unit's form, weights, what each weight weighs, and its bias.
  static func parameters(
    of layer: any Layer, at index: Int, unit: Int, _ model: Sequential
  ) -> (Form, [Float], [String], [Float]) {
    if let conv = layer as? Conv2D {
      let (c, k) = (conv.inputChannels, conv.kernelSize)
      let size = c * k * k
      let weights = Array(conv.weight.scalars[(unit * size)..<((unit + 1) * size)])
      var names: [String] = []
      for channel in 0..<c {
        for row in 0..<k {
          for column in 0..<k { names.append("channel \(channel + 1) (\(row + 1), \(column + 1))") }
        }
      }
      return (.filter(channels: c, size: k), weights, names, [conv.bias.scalars[unit]])
    }
    if let recurrent = layer as? Recurrent {
      let (features, h) = (recurrent.inputSize, recurrent.units)
      let gates = recurrent.cell.gateNames
      let columns = recurrent.cell.gateCount * h
      var weights: [Float] = []
      var names: [String] = []
      for g in 0..<recurrent.cell.gateCount {
        for i in 0..<features {
          weights.append(recurrent.inputWeight.scalars[i * columns + g * h + unit])
          names.append(gates.isEmpty ? "x\(i + 1)" : "x\(i + 1) → \(gates[g])")
        }
      }
      let bias = recurrent.biases.first.map { b in
        (0..<recurrent.cell.gateCount).map { b.scalars[$0 * h + unit] }
      }
      return (
        .recurrent(cell: recurrent.kind, gates: gates), weights, names, bias ?? []
      )
    }
    guard let matrix = layer.weightMatrix else { return (.dense, [], [], []) }
    let weights = (0..<matrix.inputs).map { matrix.weight.scalars[$0 * matrix.outputs + unit] }
    return (
      .dense, weights, inputNames(of: index, count: matrix.inputs, model),
      [matrix.bias.scalars[unit]]
    )
  }

  /// What the inputs of the dense layer at `index` are: the model's features when it reads
  /// them directly (through flatten or dropout at most), else the units of the layer before.
  static func inputNames(of index: Int, count: Int, _ model: Sequential) -> [String] {
    let before = model.layers[..<index]
    if let previous = before.lastIndex(where: { !$0.parameters.isEmpty }) {
      let name = model.layers[previous].name
      return (0..<count).map { "unit \($0 + 1) of \(name)" }
    }
    if model.featureNames.count == count { return model.featureNames }
    return (0..<count).map { "x\($0 + 1)" }
  }

  /// The unit's value for each sample of `batch`: its output, or its mean over positions
  /// (a filter's map, every step).
  static func values(
    _ model: Sequential, layer: Int, unit: Int, of batch: Tensor
  ) throws -> [Float] {
    let outputs = try model.layerOutputs(batch)
    guard layer < outputs.count else { return [] }
    let out = outputs[layer]
    let shape = Array(out.shape.dropFirst())
    let perSample = out.rowSize
    let rows = out.rows
    var result: [Float] = []
    result.reserveCapacity(rows)
    out.scalars.withUnsafeBufferPointer { v in
      for r in 0..<rows {
        let base = r * perSample
        switch shape.count {
        case 3:
          let area = shape[1] * shape[2]
          var sum = 0.0
          for k in 0..<area { sum += Double(v[base + unit * area + k]) }
          result.append(Float(sum / Double(Swift.max(area, 1))))
        case 2:
          let (steps, width) = (shape[0], shape[1])
          var sum = 0.0
          for t in 0..<steps { sum += Double(v[base + t * width + unit]) }
          result.append(Float(sum / Double(Swift.max(steps, 1))))
        default:
          result.append(v[base + unit])
        }
      }
    }
    return result
  }

  /// The samples of `data` with the largest values of the unit, computed a pass at a time.
  static func topSamples(
    _ model: Sequential, layer: Int, unit: Int, data: Dataset
  ) throws -> [UnitSample] {
    let chunk = Swift.max(1, Swift.min(1024, model.samplesPerPass))
    var values: [Float] = []
    values.reserveCapacity(data.count)
    for start in stride(from: 0, to: data.count, by: chunk) {
      try Cancellation.check()
      let rows = try data.features.rows(start..<Swift.min(start + chunk, data.count))
      values += try Self.values(model, layer: layer, unit: unit, of: rows)
    }
    let key = values.map { $0.isNaN ? -Float.infinity : $0 }
    let top = values.indices.sorted { key[$0] > key[$1] || (key[$0] == key[$1] && $0 < $1) }
      .prefix(topSampleCount)
    return top.map { i in
      let label =
        data.isClassification && !data.hasStepTargets && i < data.labels.count
        ? (data.labels[i] < data.classNames.count
          ? data.classNames[data.labels[i]] : "\(data.labels[i])") : nil
      return UnitSample(index: i, value: values[i], label: label)
    }
  }
}
