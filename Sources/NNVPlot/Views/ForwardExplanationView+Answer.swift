import NNVCore

/// The end of a forward explanation: what the model answers, and the loss for the target.
extension ForwardExplanationView {
  /// The most class probabilities listed one by one.
  static let listedClasses = 10

  func answerLines() -> [String] {
    let f = format
    let answer = explanation.prediction
    let prediction = answer.prediction
    var lines: [String] = []
    if let steps = answer.steps { lines += f.wrap("at the last of its \(steps) steps:") }
    func named(_ label: Int) -> String {
      let name = answer.className(label)
      return name == "\(label)" ? "class \(label)" : "class \(label) (\(name))"
    }
    switch answer.reading {
    case .values:
      let values = answer.output.count == 1 ? f.number(answer.output[0]) : f.list(answer.output)
      lines += f.wrap("prediction: \(values)")
    case .probabilities, .logits:
      guard let p = answer.probabilities else { break }
      if answer.output.count == 1 {
        let via = answer.reading == .logits ? " (sigmoid of the output)" : ""
        lines += f.wrap(
          "prediction: p(class 1) = \(f.number(p[1]))\(via), so \(named(prediction.label))")
      } else {
        let via = answer.reading == .logits ? " (softmax of the outputs)" : ""
        lines += f.wrap(
          "prediction: \(named(prediction.label)), p = \(f.number(p[prediction.label]))\(via)")
        if p.count <= Self.listedClasses {
          lines += f.wrap("p = [" + p.map { f.number($0) }.joined(separator: ", ") + "]", indent: 2)
        }
      }
    }
    if let target = explanation.target { lines += lossLines(target, named: named) }
    return lines
  }

  /// The target and the loss, with its formula when it is the usual one for the output.
  func lossLines(_ target: ExplainedTarget, named: (Int) -> String) -> [String] {
    let f = format
    let answer = explanation.prediction
    let value = f.number(target.value, decimals: 4)
    let loss = "loss (\(target.loss.rawValue))"
    if answer.steps != nil {
      return f.wrap(
        "target: a class or value at every step; \(loss) = \(value), the mean over the steps")
    }
    if let label = target.label, let p = answer.probabilities, label < p.count {
      let start = "target: \(named(label)), so \(loss) = "
      switch target.loss {
      case .binaryCrossEntropy where answer.output.count == 1:
        let formula =
          label == 1 ? "−log p = −log(\(f.number(p[1])))" : "−log(1 − p) = −log(\(f.number(p[0])))"
        return f.wrap(start + formula + " = \(value)")
      case .categoricalCrossEntropy:
        return f.wrap(start + "−log p[\(label)] = −log(\(f.number(p[label]))) = \(value)")
      default:
        return f.wrap(start + value)
      }
    }
    if let y = target.values {
      let shown = y.count == 1 ? f.number(y[0]) : f.list(y)
      var text = "target: \(shown), so \(loss) = "
      if target.loss == .meanSquaredError, y.count == 1, answer.output.count == 1 {
        text += "(\(f.number(answer.output[0])) − \(f.factor(y[0])))² = "
      } else if target.loss == .meanSquaredError {
        text += "the mean of (output − target)² over the \(y.count) outputs = "
      }
      return f.wrap(text + value)
    }
    return f.wrap("\(loss) = \(value)")
  }
}
