import NNVCore

/// What the explanations say a layer does, in words, and how they write an activation with the
/// numbers.
enum LayerText {
  /// One sentence on what a layer without neuron equations does to the sample.
  static func doing(_ layer: ExplainedLayer) -> String {
    switch layer.kind {
    case "flatten": return "the same values, in one row"
    case "dropout": return "off outside training: the values pass unchanged"
    case "maxpool": return "keeps the largest value of each window of each map"
    case "avgpool": return "keeps the mean of each window of each map"
    case "conv":
      let then = layer.activation == .linear ? "" : ", then \(layer.activation.name)"
      return "slides each filter over the image: z = Σ w·patch + b at every position" + then
    case "rnn", "lstm", "gru":
      return "reads the sequence step by step, carrying a state (`hidden` shows every step)"
    case "dense":
      let then = layer.activation == .linear ? "" : ", then \(layer.activation.name)"
      return "the same weights at every step: z = x·W + b" + then
    case "activation":
      return "applies \(layer.activation.name) to every value"
    default:
      return "gives \(layer.width) values"
    }
  }

  /// `tanh(0.640) = 0.565`, `e^0.500 / 4.367 = 0.378`, `0.640` (linear).
  static func activation(_ layer: ExplainedLayer, unit: Int, _ f: ExplanationText) -> String {
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
