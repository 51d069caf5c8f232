import NNVCore

/// The parts of a unit's explanation besides its equation: a filter's kernel, the map over
/// the plane and the top samples.
extension NeuronExplanationView {
  /// The largest kernel written out as numbers, per side and channels.
  static let kernelSide = 7
  static let kernelChannels = 4
  /// Terminal rows of the map over the plane.
  static let mapRows = 12

  /// A filter's kernel, channel by channel, as rows of numbers; its strongest weights when it
  /// is too large.
  func kernelLines(channels: Int, size: Int) -> [String] {
    let f = format
    let n = explanation
    guard channels <= Self.kernelChannels, size <= Self.kernelSide else {
      return f.wrap("its strongest weights of \(n.weights.count):") + strongestLines()
    }
    let cells = n.weights.map { f.number($0) }
    let cell = (cells.map(\.count).max() ?? 1) + 2
    var lines: [String] = []
    for c in 0..<channels {
      lines.append(channels == 1 ? "weights:" : "weights on channel \(c + 1):")
      for row in 0..<size {
        let start = (c * size + row) * size
        let text = cells[start..<(start + size)].map { TextLayout.pad($0, cell, right: true) }
        lines.append(" " + text.joined())
      }
    }
    return lines
  }

  /// The unit's output over the plane of the model's two inputs, as a heatmap.
  func heatmap(svg: Bool) -> Heatmap? {
    guard let map = explanation.map, let plane = explanation.plane else { return nil }
    var o = options
    o.title = svg ? "\(unitName) over the plane of the inputs" : nil
    o.height = Self.mapRows
    let matrix = Matrix(rows: plane.rows, columns: plane.columns, values: map.values)
    return Heatmap(
      matrix, options: o, colorMap: .viridis, rowName: "x2 cell", columnName: "x1 cell")
  }

  /// Where the plane lies; the text view's ends with a colon, before its heatmap.
  func planeLines(colon: Bool = false) -> [String] {
    guard let plane = explanation.plane else { return [] }
    let f = format
    func span(_ r: ClosedRange<Double>) -> String {
      "\(f.number(r.lowerBound, decimals: 2)) to \(f.number(r.upperBound, decimals: 2))"
    }
    return f.wrap(
      "a over the plane of the inputs: x1 from \(span(plane.x)) left to right, x2 from "
        + "\(span(plane.y)) bottom to top\(explanation.dataName == nil ? "" : ", the data's extent")"
        + (colon ? ":" : ""))
  }

  /// The samples that make the unit fire most.
  func sampleLines() -> [String] {
    let n = explanation
    guard let data = n.dataName, !n.topSamples.isEmpty else { return [] }
    let f = format
    let what: String
    switch n.form {
    case .filter: what = "the mean of its map"
    case .recurrent: what = "h"
    case .dense: what = "a"
    }
    var lines = f.wrap("the samples of \(data) that make it fire most (\(what)):")
    for sample in n.topSamples {
      let label = sample.label.map { " (class \($0))" } ?? ""
      lines.append("  sample \(sample.index)\(label): \(f.number(sample.value))")
    }
    return lines
  }
}
