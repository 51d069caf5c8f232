import NNVCore

/// How the explanations write an activation with the numbers.
enum ActivationText {
  /// `tanh(0.640) = 0.565`, `e^0.500 / 4.367 = 0.378`, `0.640` (linear).
  static func written(_ layer: ExplainedLayer, unit: Int, _ f: ExplanationText) -> String {
    let z = layer.preActivation[unit]
    let a = f.number(layer.output[unit])
    switch layer.activation {
    case .linear:
      return "z = \(a)"
    case .softmax:
      guard let sum = layer.softmaxSum, sum.isFinite else {
        return "softmax(z)[\(unit + 1)] = \(a)"
      }
      return "e^\(f.factor(z)) / \(f.short(sum)) = \(a)"
    default:
      return "\(layer.activation.name)(\(f.number(z))) = \(a)"
    }
  }
}
