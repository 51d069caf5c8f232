import NNVCore

/// Curves for teaching: an activation with its derivative, and a loss against the prediction,
/// each with its formulas under it. The numbers are NNVCore's (`ActivationCurve`, `LossCurve`):
/// this only arranges them for a line chart.
extension ModelViews {
  /// An activation and its derivative over -4…4, as the core's `ActivationCurve` samples them
  /// (softmax, which has no curve of one number, gives a chart without lines).
  public static func activationPlot(
    _ activation: Activation, options: ChartOptions = ChartOptions()
  ) -> LineChart {
    guard let curve = try? ActivationCurve(activation) else {
      return LineChart([], options: activationOptions(activation, options))
    }
    return activationPlot(curve, options: options)
  }

  /// The chart of a sampled activation: the function solid, its derivative dashed.
  public static func activationPlot(
    _ curve: ActivationCurve, options: ChartOptions = ChartOptions()
  ) -> LineChart {
    let name = curve.activation.name
    return LineChart(
      [
        Series(name, points: zip(curve.inputs, curve.values).map { (Double($0), Double($1)) }),
        Series(
          "derivative", points: zip(curve.inputs, curve.slopes).map { (Double($0), Double($1)) },
          dashed: true),
      ], options: activationOptions(curve.activation, options))
  }

  static func activationOptions(_ activation: Activation, _ options: ChartOptions)
    -> ChartOptions
  {
    var o = options
    o.title = o.title ?? "\(activation.name)(x) and its derivative"
    o.xLabel = o.xLabel ?? "x"
    return o
  }

  /// `plot activation NAME`: the activation and its derivative with both formulas under them.
  public static func activation(
    _ curve: ActivationCurve, options: ChartOptions = ChartOptions()
  ) -> FormulaView {
    FormulaView(
      activationPlot(curve, options: options),
      formulas: [curve.activation.formula, curve.activation.derivativeFormula])
  }

  /// `plot loss NAME`: one sample's loss against the model's output, a line per target, with
  /// the loss's formula and each target's under it.
  public static func loss(_ curves: [LossCurve], options: ChartOptions = ChartOptions())
    -> FormulaView
  {
    guard let first = curves.first else { return FormulaView(LineChart([]), formulas: []) }
    let loss = first.loss
    var o = options
    o.title = o.title ?? "\(loss.rawValue): the loss of one sample against the prediction"
    o.xLabel =
      o.xLabel
      ?? {
        switch loss {
        case .meanSquaredError: "y, the prediction"
        case .binaryCrossEntropy: "p, the predicted probability of class 1"
        case .categoricalCrossEntropy: "p, the probability given to the true class"
        }
      }()
    let series = curves.map { curve in
      Series(
        loss == .categoricalCrossEntropy ? "loss" : "target \(curve.targetText)",
        points: zip(curve.predictions, curve.values).map { (Double($0), Double($1)) })
    }
    return FormulaView(
      LineChart(series, options: o), formulas: [loss.formula] + curves.map(\.formula))
  }
}
