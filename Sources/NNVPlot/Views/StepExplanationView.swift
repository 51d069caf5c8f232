import Foundation
import NNVCore

/// `explain step MODEL on DATA`: one gradient step on one batch: the loss before and after,
/// each layer's gradient norms, the update of each layer's weight with the largest gradient,
/// and the finite-difference check of one weight's gradient next to backpropagation's.
public struct StepExplanationView: View {
  public var explanation: StepExplanation
  public var options: ChartOptions

  public init(_ explanation: StepExplanation, options: ChartOptions) {
    self.explanation = explanation
    self.options = options
  }

  var format: ExplanationText { ExplanationText(options: options) }

  var title: String {
    let s = explanation
    let samples = s.samples == 1 ? "sample" : "\(s.samples) samples"
    return options.title
      ?? "one gradient step of \(s.model) on the first \(samples) of \(s.data)"
  }

  public func text() throws -> String {
    format.spelled(format.wrap(title) + [""] + lines())
  }

  public func document() throws -> SVGDocument {
    format.page(lines(), title: title)
  }

  func lines() -> [String] {
    let f = format
    let s = explanation
    var lines = f.wrap("loss \(s.loss.rawValue), optimizer \(s.optimizer)")
    let change = Double(s.lossAfter) - Double(s.lossBefore)
    lines += f.wrap(
      "loss before \(f.number(s.lossBefore, decimals: 4)) → after "
        + "\(f.number(s.lossAfter, decimals: 4)) (\(change <= 0 ? "" : "+")"
        + "\(f.short(change)))")
    if s.penaltyBefore != 0 || s.penaltyAfter != 0 {
      lines += f.wrap(
        "(penalties included: \(f.short(Double(s.penaltyBefore))) before, "
          + "\(f.short(Double(s.penaltyAfter))) after)", indent: 2)
    }
    lines.append("")
    lines += normLines()
    lines.append("")
    lines += updateLines()
    if s.check != nil {
      lines.append("")
      lines += checkLines()
    }
    return lines
  }

  /// Each layer's gradient norms.
  func normLines() -> [String] {
    let f = format
    let s = explanation
    var lines = f.wrap("gradient norms √(Σ g²), before clipping (all: \(f.short(s.gradientNorm))):")
    let nameWidth = (s.layers.map(\.name.count).max() ?? 0) + 2
    for layer in s.layers {
      var line = "  layer \(layer.layer)  " + TextLayout.pad(layer.name, nameWidth)
      line += "weights " + TextLayout.pad(f.short(layer.weightNorm), 10)
      if let bias = layer.biasNorm { line += "biases " + f.short(bias) }
      lines.append(line)
    }
    if let clip = s.clippedTo {
      lines += f.wrap(
        "clipped: every gradient scaled by \(f.short(Double(clip) / s.gradientNorm)) to a "
          + "global norm of \(f.short(Double(clip)))", indent: 2)
    }
    return lines
  }

  /// Each layer's weight with the largest |gradient|, before and after.
  func updateLines() -> [String] {
    let f = format
    let s = explanation
    guard !s.updates.isEmpty else { return [] }
    let nameWidth = s.updates.map(\.name.description.count).max() ?? 0
    var lines: [String]
    if s.isPlainDescent {
      lines = f.wrap("w ← w − lr·g for each layer's weight with the largest |g|:")
    } else {
      lines = f.wrap("each layer's weight with the largest |g|, before and after:")
    }
    let lr = f.short(Double(s.learningRate))
    let olds = s.updates.map { f.number($0.old, decimals: Self.decimals($0.old, $0.new)) }
    let oldWidth = olds.map(\.count).max() ?? 0
    for (u, old) in zip(s.updates, olds) {
      let d = Self.decimals(u.old, u.new)
      let start =
        "  " + TextLayout.pad(u.name.description, nameWidth) + "  "
        + TextLayout.pad(old, oldWidth, right: true)
      if s.isPlainDescent {
        let g = f.factor(Double(u.gradient), decimals: 6)
        lines.append(start + " − \(lr)·\(g) = \(f.number(u.new, decimals: d))")
      } else {
        lines.append(
          start + " → \(f.number(u.new, decimals: d))   g = \(f.short(Double(u.gradient)))")
      }
    }
    if let first = s.updates.first?.name { lines += f.wrap(Self.notation(first), indent: 2) }
    if s.optimizer.hasPrefix("adam(") {
      lines += f.wrap(
        "(a fresh adam's first step is lr·g/|g|: each weight moves by about lr = \(lr), "
          + "whatever the size of its gradient; sgd moves it by lr·g)", indent: 2)
    }
    return lines
  }

  /// What a weight's name says, for the first name shown.
  static func notation(_ name: WeightName) -> String {
    let i = name.index
    let layer = "layer \(name.layer), counting the layers with weights"
    if name.axes == ["input", "unit"] {
      return "(\(name) is the weight from input \(i[0]) to unit \(i[1]) of \(layer))"
    }
    let places =
      name.axes.isEmpty
      ? "position " + i.map(String.init).joined(separator: ", ")
      : zip(name.axes, i).map { "\($0) \($1)" }.joined(separator: ", ")
    return "(\(name): \(places) of the \(name.parameter) of \(name.layerName), \(layer))"
  }

  /// Enough decimals to show how a weight moved: 4, or more for a smaller change (at most 8).
  static func decimals(_ old: Float, _ new: Float) -> Int {
    let change = abs(Double(new) - Double(old))
    guard change > 0, change.isFinite else { return 4 }
    return Swift.min(8, Swift.max(4, Int((-log10(change)).rounded(.up)) + 1))
  }
}
