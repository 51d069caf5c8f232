import NNVCore

/// A conv layer's kernel weights in the `weights` view: their histogram over the whole layer,
/// the spread of each filter's weights (a filter whose weights all stay near zero detects
/// nothing), and the command that shows the kernels as pictures (`filters`). NNVCore's
/// `KernelDistribution` computes the numbers.
public struct KernelChart: Chart {
  /// The most filters listed one by one; the view says how many more there are.
  public static let maximumFilters = 32

  public var distribution: KernelDistribution
  /// The model's name, for the pointer to `filters`.
  public var model: String
  public var options: ChartOptions

  public init(
    _ distribution: KernelDistribution, model: String, options: ChartOptions = ChartOptions()
  ) {
    self.distribution = distribution
    self.model = model
    self.options = options
  }

  var kernels: ConvFilters { distribution.kernels }

  /// `conv_1 kernels: 8 filters 3×3 over 1 channel, 72 weights`.
  var title: String {
    let k = kernels
    return "\(k.name) kernels: \(k.filters) filter\(k.filters == 1 ? "" : "s") "
      + "\(k.size)×\(k.size) over \(k.channels) channel\(k.channels == 1 ? "" : "s"), "
      + "\(SummaryTable.grouped(k.weights.count)) weights"
  }

  /// The layer's weights in one line: mean, deviation and range.
  var summaryLine: String {
    let s = distribution.overall
    return
      "all \(SummaryTable.grouped(s.count)) weights: mean \(NumberText.short(Double(s.mean))), "
      + "deviation \(NumberText.short(Double(s.standardDeviation))), "
      + "from \(NumberText.short(Double(s.minimum))) to \(NumberText.short(Double(s.maximum)))"
  }

  /// Where the kernels are drawn as pictures.
  var pointer: String {
    "the kernels as pictures: filters \(model) layer \(kernels.number)"
  }

  /// The histogram of every weight of the layer.
  var histogram: Histogram {
    var o = options
    o.title = nil
    o.height = 8
    return Histogram(distribution.kernels.weights.map(Double.init), options: o)
  }

  static let columns = ["filter", "min", "mean", "max", "norm"]

  /// A row per filter shown: its number, smallest, mean and largest weight, and norm.
  var rows: [[String]] {
    distribution.perFilter.prefix(Self.maximumFilters).enumerated().map { f, s in
      ["\(f + 1)"]
        + [s.minimum, s.mean, s.maximum, s.norm].map { NumberText.short(Double($0)) }
    }
  }

  /// The note under the table when some filters are left out.
  var moreNote: String? {
    let count = kernels.filters
    guard count > Self.maximumFilters else { return nil }
    return "showing \(Self.maximumFilters) of \(count) filters"
  }

  // MARK: Text

  public func text() -> String {
    let table = [Self.columns] + rows
    let widths = Self.columns.indices.map { c in table.map { $0[c].count }.max() ?? 0 }
    let lines = table.map { row in
      "  "
        + row.enumerated().map { c, cell in TextLayout.pad(cell, widths[c], right: true) }
        .joined(separator: "  ")
    }
    let notes =
      [summaryLine] + ["each filter's weights, over every input channel:"] + lines
      + (moreNote.map { [$0] } ?? []) + [pointer]
    return options.spelled(TextLayout.clip(title, options.columns)) + "\n" + histogram.text()
      + notes.map { options.spelled(TextLayout.clip($0, options.columns)) }
      .joined(separator: "\n") + "\n"
  }

  // MARK: SVG

  /// The histogram, then the table of filters in columns, then the pointer.
  public func document() -> SVGDocument {
    let width = 720.0
    let histogramHeight = 220.0
    let rowHeight = 16.0
    let tableTop = 50 + histogramHeight + 36
    let notes = (moreNote.map { [$0] } ?? []) + [pointer]
    let height = tableTop + Double(rows.count + 1) * rowHeight + Double(notes.count) * 16 + 20
    var doc = SVGDocument(width: width, height: height)
    SVGAxes.title(&doc, title, width: width)
    histogram.draw(
      into: &doc, plot: Box(x: 70, y: 50, width: width - 140, height: histogramHeight - 40),
      label: "\(kernels.name) kernel weights")
    doc.text(summaryLine, x: 70, y: 50 + histogramHeight + 8, size: 12)
    doc.beginGroup([("class", "filters")])
    let right: [Double] = [120, 220, 320, 420, 520]
    for (r, row) in ([Self.columns] + rows).enumerated() {
      let y = tableTop + Double(r) * rowHeight
      for (c, cell) in row.enumerated() {
        doc.text(cell, x: right[c], y: y, anchor: "end", size: 11, weight: r == 0 ? "bold" : nil)
      }
    }
    doc.endGroup()
    NoteText.draw(notes, into: &doc, y: tableTop + Double(rows.count + 1) * rowHeight + 8)
    return doc.titled(title)
  }
}
