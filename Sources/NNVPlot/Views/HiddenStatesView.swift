import NNVCore

/// `hidden`: one sequence's hidden states as a heatmap, units down and time steps across, with
/// the sequence's tokens along the time axis.
///
/// Values are coloured blue (−1), white (0), red (+1) on a fixed scale, the range of tanh, so
/// pictures of different models and sequences compare; in monochrome each cell shows its sign
/// and size as `= - · + #`. The terminal shows at most `maximumTextUnits` units and wraps long
/// sequences into blocks of steps; the SVG shows up to `maximumSVGUnits` units.
public struct HiddenStatesView: View {
  public static let maximumTextUnits = 32
  public static let maximumSVGUnits = 256
  /// The most steps drawn (in blocks in the terminal, in one row in SVG).
  public static let maximumSteps = 2_000

  public var sequence: HiddenSequence
  /// What the sequence is (`m on parity #0`).
  public var caption: [String]
  public var options: ChartOptions

  public init(_ sequence: HiddenSequence, caption: [String] = [], options: ChartOptions) {
    self.sequence = sequence
    self.caption = caption
    self.options = options
  }

  var title: String {
    let what = "\(sequence.layer) (\(sequence.kind), \(sequence.units) units)"
    return options.title ?? (["hidden states", what] + caption).joined(separator: " · ")
  }

  var ascii: Bool { options.glyphs == .ascii }

  /// What was left out, for a note.
  func capNotes(units shownUnits: Int) -> [String] {
    var notes: [String] = []
    if shownUnits < sequence.units {
      notes.append(
        "showing units 1–\(shownUnits) of \(sequence.units); `unit K` follows one unit, "
          + "and the SVG shows up to \(Self.maximumSVGUnits)")
    }
    if sequence.steps > Self.maximumSteps {
      notes.append("showing the first \(Self.maximumSteps) of \(sequence.steps) steps")
    }
    return notes
  }

  public func text() throws -> String {
    let units = Swift.min(sequence.units, Self.maximumTextUnits)
    let steps = Swift.min(sequence.steps, Self.maximumSteps)
    let halfBlocks = options.colored && options.glyphs.usesHalfBlocks
    var lines = wrapped(title)
    lines += capNotes(units: units).flatMap(wrapped)
    let labelWidth = String(units).count + 1
    let available = Swift.max(8, options.columns - labelWidth - 1)
    let cellWidth = steps * 2 <= available ? 2 : 1
    let perBlock = Swift.max(1, available / cellWidth)
    for start in stride(from: 0, to: steps, by: perBlock) {
      try Cancellation.check()
      lines.append("")
      lines += block(
        start..<Swift.min(steps, start + perBlock), units: units, cellWidth: cellWidth,
        labelWidth: labelWidth, halfBlocks: halfBlocks)
    }
    lines.append("")
    if halfBlocks {
      lines += wrapped("two units a row: unit n in the upper half, n+1 in the lower")
      lines.append(StepGlyphs.bar(options) + " (blue negative, white 0, red positive)")
    } else {
      lines += wrapped(StepGlyphs.shadeLegend(ascii: ascii))
    }
    return lines.map(options.spelled).joined(separator: "\n") + "\n"
  }

  func wrapped(_ text: String) -> [String] {
    NoteText.wrap(options.spelled(text), width: options.columns)
  }

  /// One block of steps: the tokens, the cells with unit numbers, the step numbers.
  func block(
    _ steps: Range<Int>, units: Int, cellWidth: Int, labelWidth: Int, halfBlocks: Bool
  ) -> [String] {
    let rows = halfBlocks ? (units + 1) / 2 : units
    let left = labelWidth + 1
    var canvas = TextCanvas(width: left + steps.count * cellWidth, height: rows + 1)
    for (c, t) in steps.enumerated() {
      canvas.put(
        StepGlyphs.cell(sequence.tokens[safe: t] ?? "", ascii: ascii), left + c * cellWidth, 0)
    }
    for row in 0..<rows {
      let unit = halfBlocks ? row * 2 : row
      canvas.write(TextLayout.pad("\(unit + 1)", labelWidth, right: true), 0, row + 1)
      for (c, t) in steps.enumerated() {
        for k in 0..<cellWidth {
          let x = left + c * cellWidth + k
          if halfBlocks {
            var cell = TextCanvas.Cell()
            cell.character = "▀"
            cell.foreground = StepGlyphs.color(sequence.states[t][unit])
            cell.background =
              unit + 1 < units ? StepGlyphs.color(sequence.states[t][unit + 1]) : nil
            canvas[x, row + 1] = cell
          } else {
            let value = sequence.states[t][unit]
            canvas.put(
              StepGlyphs.shade(value, ascii: ascii), x, row + 1,
              color: options.colored ? StepGlyphs.color(value) : nil)
          }
        }
      }
    }
    var lines = StepGlyphs.lines(canvas, options)
    let first = "step \(steps.lowerBound + 1)"
    let last = "\(steps.upperBound)"
    let end = left + steps.count * cellWidth
    let gap = end - left - first.count - last.count
    lines.append(
      String(repeating: " ", count: left) + first
        + (gap > 0 ? String(repeating: " ", count: gap) + last : ""))
    return lines
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
