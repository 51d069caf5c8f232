import NNVCore
import NNVPlot

/// `plot loss bce|cce|mse [target T]`: one sample's loss against the model's output, from the
/// core's loss (`LossCurve`), with its formula.
extension Builtins {
  static func plotLoss(_ call: BuiltinCall, options: ChartOptions) throws -> Value {
    guard let name = call.string("loss"), let loss = Loss(rawValue: name) else {
      throw call.fail(.targetWithoutLoss, at: "target")
    }
    if call.has("activation") || call.has("value") {
      throw call.fail(.lossWithOtherPlot, at: call.has("activation") ? "activation" : "value")
    }
    let target = call.number("target").map(Float.init)
    let curves: [LossCurve]
    do {
      curves = try LossCurve.curves(loss, target: target)
    } catch {
      let written = call.number("target").map { Value.number($0).description } ?? "?"
      throw call.fail(.lossTarget(error, written: written), at: "target")
    }
    return try show(call, ModelViews.loss(curves, options: options))
  }
}

extension Diagnostic.Message {
  static let targetWithoutLoss = Self(
    "`target` goes with a loss to plot.",
    hint: "write `plot loss bce target 1`, or `plot loss mse target 0.5`")
  static let lossWithOtherPlot = Self(
    "`plot` draws one thing at a time: a loss, an activation or values.",
    hint: "write `plot loss bce` in a statement of its own")

  static func lossTarget(_ problem: LossCurve.Problem, written t: String) -> Self {
    switch problem {
    case .targetNotAProbability:
      return Self(
        "bce compares a predicted probability with a class, 0 or 1, so its target cannot be "
          + "\(t).",
        hint: "write `plot loss bce target 1` (or `target 0`; `plot loss bce` draws both); for a "
          + "number to predict use mse: `plot loss mse target \(t)`")
    case .targetNotUsed:
      return Self(
        "cce takes no target: its curve, −log p of the probability p given to the true class, "
          + "is the same whichever class is true.",
        hint: "write `plot loss cce`")
    case .targetOutOfRange:
      return Self(
        "The target of `plot loss mse` must be a finite number of magnitude at most "
          + "1,000,000, not \(t).",
        hint: "plot around a target near the values the model predicts: `plot loss mse target 2`")
    }
  }
}
