import NNVCore

/// `trajectory`: the path each sequence takes through a recurrent layer's state space,
/// projected onto the states' first two principal components (with the share of the variance
/// each explains), coloured by time (viridis, dark at the first step) or by the sequence's
/// class.
public struct TrajectoryView: View {
  public enum Coloring: String, Sendable, CaseIterable {
    case time
    case `class`
  }

  public var trajectories: HiddenTrajectories
  public var coloring: Coloring
  public var caption: [String]
  public var options: ChartOptions

  public init(
    _ trajectories: HiddenTrajectories, coloring: Coloring, caption: [String] = [],
    options: ChartOptions
  ) {
    self.trajectories = trajectories
    self.coloring = coloring
    self.caption = caption
    self.options = options
  }

  var title: String {
    let what = "\(trajectories.layer) (\(trajectories.kind))"
    return options.title
      ?? (["hidden-state trajectories", what] + caption).joined(separator: " · ")
  }

  /// `PC1 (62% of the variance)`.
  func axisName(_ k: Int) -> String {
    let explained = trajectories.components.explained
    guard k < explained.count else { return "PC\(k + 1)" }
    return "PC\(k + 1) (\(Int((explained[k] * 100).rounded()))% of the variance)"
  }

  var points: [HiddenTrajectories.Point] { trajectories.paths.flatMap(\.points) }

  func domain(_ values: [Double]) -> ClosedRange<Double> {
    let extent = ClosedRange.extent(of: values) ?? -1...1
    let pad = Swift.max(1e-6, (extent.upperBound - extent.lowerBound) * 0.05)
    return (extent.lowerBound - pad)...(extent.upperBound + pad)
  }

  /// The colour of step `t` of `path`.
  func color(_ path: HiddenTrajectories.Path, step t: Int) -> RGB {
    switch coloring {
    case .time:
      return ColorMap.viridis.color(at: Double(t) / Double(Swift.max(1, path.points.count - 1)))
    case .class:
      return path.label.map(CategoricalPalette.color) ?? CategoricalPalette.color(0)
    }
  }

  func className(_ label: Int?) -> String {
    guard let label else { return "?" }
    return label < trajectories.classNames.count ? trajectories.classNames[label] : "\(label)"
  }

  public func text() throws -> String {
    var lines = NoteText.wrap(options.spelled(title), width: options.columns)
    let all = points
    let frame = PlaneFrame(
      xDomain: domain(all.map(\.x)), yDomain: domain(all.map(\.y)), options: options)
    var canvas = frame.makeCanvas()
    let braille = options.glyphs.usesBraille
    var dots = BrailleCanvas(columns: frame.width, rows: frame.height)
    let dx = Scale(domain: frame.xDomain, range: 0...Double(dots.dotWidth - 1))
    let dy = Scale(domain: frame.yDomain, range: 0...Double(dots.dotHeight - 1), flipped: true)
    for path in trajectories.paths {
      try Cancellation.check()
      for (t, p) in path.points.enumerated() {
        let color = options.colored ? color(path, step: t) : nil
        if braille, t > 0 {
          let q = path.points[t - 1]
          dots.line(
            Int(dx(q.x)), Int(dy(q.y)), Int(dx(p.x)), Int(dy(p.y)), color: color)
        } else if !braille, let cell = frame.cell(x: p.x, y: p.y) {
          canvas.put(options.glyphs.point, cell.column, cell.row, color: color)
        }
      }
    }
    if braille { dots.draw(into: &canvas, at: frame.margin, 0) }
    for path in trajectories.paths {
      guard let end = path.points.last, let cell = frame.cell(x: end.x, y: end.y) else {
        continue
      }
      let mark: Character =
        coloring == .class
        ? StepGlyphs.cell(String(className(path.label).prefix(1)), ascii: !braille) : "o"
      canvas.put(
        mark, cell.column, cell.row,
        color: options.colored ? color(path, step: path.points.count - 1) : nil)
    }
    lines += frame.lines(canvas, glyphs: options.glyphs, colorMode: options.colorMode)
    lines.append("")
    lines += NoteText.wrap(options.spelled(notes().joined(separator: "; ")), width: options.columns)
    return lines.joined(separator: "\n") + "\n"
  }

  /// The axes, what the colours and marks mean, and how many sequences.
  func notes() -> [String] {
    var notes = ["across: \(axisName(0))", "up: \(axisName(1))"]
    let count = trajectories.paths.count
    notes.append("\(count) sequence\(count == 1 ? "" : "s")")
    switch coloring {
    case .time:
      notes.append("coloured by time, dark at the first step, yellow at the last; o: a last step")
    case .class:
      notes.append("each path ends at its class's name (its first character)")
    }
    return notes
  }
}
