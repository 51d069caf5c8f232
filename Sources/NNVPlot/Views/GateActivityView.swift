import NNVCore

/// `gates`: how open an LSTM's or a GRU's gates are along one sequence, each gate's mean over
/// the units at every step, with the sequence's tokens along the time axis.
///
/// The terminal draws a sparkline per gate (a bar per step, taller for more open; the
/// candidate gates `g` and `n`, which are tanh, from −1 to 1, the others from 0 to 1); the
/// SVG a line per gate over time.
public struct GateActivityView: View {
  public var sequence: HiddenSequence
  public var caption: [String]
  public var options: ChartOptions

  public init(_ sequence: HiddenSequence, caption: [String] = [], options: ChartOptions) {
    self.sequence = sequence
    self.caption = caption
    self.options = options
  }

  var title: String {
    let what = "\(sequence.layer) (\(sequence.kind), \(sequence.units) units)"
    return options.title
      ?? (["gate activity", what] + caption).joined(separator: " · ")
  }

  /// What each gate letter stands for.
  static func meaning(_ gate: String) -> String {
    switch gate {
    case "i": "input"
    case "f": "forget"
    case "g": "candidate"
    case "o": "output"
    case "r": "reset"
    case "z": "update"
    case "n": "new state"
    default: gate
    }
  }

  /// The range a gate's values fall in: tanh for the candidates, σ for the others.
  static func range(_ gate: String) -> ClosedRange<Double> {
    gate == "g" || gate == "n" ? -1...1 : 0...1
  }

  var ascii: Bool { options.glyphs == .ascii }

  public func text() throws -> String {
    var lines = NoteText.wrap(options.spelled(title), width: options.columns)
    let names = sequence.gates.map { "\($0.name) \(Self.meaning($0.name))" }
    let labelWidth = (names.map(\.count).max() ?? 1) + 1
    let perBlock = Swift.max(1, options.columns - labelWidth)
    let ramp = ascii ? options.glyphs.ramp : options.glyphs.bars
    for start in stride(from: 0, to: sequence.steps, by: perBlock) {
      try Cancellation.check()
      let steps = start..<Swift.min(sequence.steps, start + perBlock)
      var canvas = TextCanvas(
        width: labelWidth + steps.count, height: sequence.gates.count + 1)
      for (c, t) in steps.enumerated() {
        canvas.put(
          StepGlyphs.cell(sequence.tokens[safe: t] ?? "", ascii: ascii), labelWidth + c, 0)
      }
      for (row, gate) in sequence.gates.enumerated() {
        canvas.write(names[row], 0, row + 1)
        let range = Self.range(gate.name)
        let color = options.colored ? CategoricalPalette.color(row) : nil
        for (c, t) in steps.enumerated() {
          let value = gate.means[t]
          let f = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
          let i = Int((Swift.max(0, Swift.min(1, f)) * Double(ramp.count - 1)).rounded())
          canvas.put(value.isFinite ? ramp[i] : "?", labelWidth + c, row + 1, color: color)
        }
      }
      lines.append("")
      lines += StepGlyphs.lines(canvas, options)
      lines.append(Self.stepLine(steps, left: labelWidth))
    }
    lines.append("")
    for gate in sequence.gates {
      lines += NoteText.wrap(options.spelled(Self.describe(gate)), width: options.columns)
    }
    lines += NoteText.wrap(
      options.spelled(
        "each gate's mean over the \(sequence.units) units at every step; a taller bar is "
          + "more open (0 to 1; g and n from -1 to 1)"), width: options.columns)
    return lines.joined(separator: "\n") + "\n"
  }

  /// `step 1` under the first column of a block and the last step's number under its last.
  static func stepLine(_ steps: Range<Int>, left: Int) -> String {
    let first = "step \(steps.lowerBound + 1)"
    let last = "\(steps.upperBound)"
    let gap = steps.count - first.count - last.count
    return String(repeating: " ", count: left) + first
      + (gap > 0 ? String(repeating: " ", count: gap) + last : "")
  }

  /// `f forget: mean 0.62, from 0.41 to 0.80`.
  static func describe(_ gate: (name: String, means: [Double])) -> String {
    let finite = gate.means.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else {
      return "\(gate.name) \(meaning(gate.name)): no finite values"
    }
    let mean = finite.reduce(0, +) / Double(finite.count)
    return "\(gate.name) \(meaning(gate.name)): mean \(NumberText.fixed(mean, decimals: 2)), "
      + "from \(NumberText.fixed(low, decimals: 2)) to \(NumberText.fixed(high, decimals: 2))"
  }
}
