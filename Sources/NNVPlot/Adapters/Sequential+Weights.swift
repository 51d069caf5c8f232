import NNVCore

/// The weights views' data: which layers have weights to show, and how their distributions
/// moved during training.
extension ModelViews {
  /// A layer whose weights the `weights` view shows: a dense layer's matrix, or a conv
  /// layer's kernels.
  public enum WeightLayer: Sendable {
    case matrix(name: String, weights: Matrix, bias: [Double])
    case kernels(KernelDistribution)

    public var name: String {
      switch self {
      case .matrix(let name, _, _): name
      case .kernels(let distribution): distribution.kernels.name
      }
    }
  }

  /// Every layer with weights to show, in the order they run: dense layers' matrices and conv
  /// layers' kernels (`layer N` of the `weights` view is number N of these, from 1).
  public static func weightLayers(_ model: Sequential) -> [WeightLayer] {
    var convNumber = 0
    return model.layers.compactMap { layer in
      if let matrix = layer.weightMatrix {
        return .matrix(
          name: layer.name,
          weights: Matrix(
            rows: matrix.inputs, columns: matrix.outputs,
            values: matrix.weight.scalars.map(Double.init)),
          bias: matrix.bias.scalars.map(Double.init))
      }
      guard layer is Conv2D else { return nil }
      convNumber += 1
      return KernelDistribution.of(model, number: convNumber).map { .kernels($0) }
    }
  }

  // MARK: Weights over epochs

  /// How each layer's weights moved during training: per layer, its minimum, 16th percentile,
  /// median, 84th percentile and maximum at the end of every epoch recorded (TensorBoard's
  /// distribution dashboard, as lines). Empty when no epoch recorded distributions.
  public static func weightsOverEpochs(
    _ model: Sequential, options: ChartOptions = ChartOptions()
  ) -> [LineChart] {
    let epochs = model.history.epochs
    let layerNames = (epochs.last?.weights ?? []).filter { !$0.isBias }.map(\.layer)
    let bands: [(name: String, percentile: Float, shade: Double)] = [
      ("max", 100, 0.35), ("84%", 84, 0.65), ("median", 50, 1), ("16%", 16, 0.65), ("min", 0, 0.35),
    ]
    let blue = RGB(hex: 0x2166ac)
    return layerNames.map { layer in
      let series = bands.compactMap { band -> Series? in
        guard let index = WeightDistribution.percentiles.firstIndex(of: band.percentile) else {
          return nil
        }
        let points = epochs.enumerated().compactMap { i, e -> (x: Double, y: Double)? in
          guard let d = e.weights?.first(where: { $0.layer == layer && !$0.isBias }),
            index < d.values.count
          else { return nil }
          return (Double(i + 1), Double(d.values[index]))
        }
        let color = RGB(255, 255, 255).mixed(with: blue, band.shade)
        return Series(
          band.name, points: points, dashed: band.percentile == 0 || band.percentile == 100,
          color: color)
      }
      var o = options
      // A conv layer's weights are its kernels' values.
      let isConv = model.layers.contains { $0.name == layer && $0 is Conv2D }
      o.title = "\(layer) \(isConv ? "kernel weights" : "weights") over epochs"
      o.xLabel = "epoch"
      return LineChart(series, options: o)
    }
  }
}
