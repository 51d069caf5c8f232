/// The SVG of a conv layer's kernels: every weight a rectangle with its value as a tooltip,
/// each filter's bias written beside it, and the shared scale as a colour bar.
extension FiltersView {
  /// The side of one kernel: larger when there are few.
  var svgSide: Double {
    guard isGrid else { return 64 }
    let channels = Swift.min(filters.channels, Self.maximumChannels)
    return channels <= 8 ? 40 : channels <= 16 ? 30 : 20
  }

  static let svgGap = 8.0

  public func document() -> SVGDocument {
    let side = svgSide
    let channels = isGrid ? Swift.min(filters.channels, Self.maximumChannels) : 1
    let width = Swift.max(
      560, isGrid ? 150 + Double(channels) * (side + Self.svgGap) : 760)
    let perRow = isGrid ? 1 : Swift.max(1, Int((width - 40 + 16) / (side + 16)))
    let rows = isGrid ? shownFilters : (shownFilters + perRow - 1) / perRow
    let rowHeight = isGrid ? side + Self.svgGap : side + 40
    var notes = [rangeLine]
    if shownFilters < filters.filters {
      notes.append("showing \(shownFilters) of \(filters.filters) filters")
    }
    if channels < filters.channels {
      notes.append("showing \(channels) of \(filters.channels) channels")
    }
    let top = 54 + Double(notes.count) * 16 + (isGrid ? 36 : 8)
    var doc = SVGDocument(width: width, height: top + Double(rows) * rowHeight + 70)
    SVGAxes.title(&doc, title, width: width)
    for (i, note) in notes.enumerated() {
      doc.text(
        note, x: 20, y: 58 + Double(i) * 16, size: 11, fill: i == 0 ? "#222222" : "#b2182b",
        extra: [("class", "note")])
    }
    // An equal share of the cells for every kernel; larger kernels are averaged in blocks.
    let cells = Swift.max(1, Self.maximumSVGCells / Swift.max(1, shownFilters * channels))
    if isGrid {
      drawGrid(&doc, top: top, side: side, channels: channels, cells: cells)
    } else {
      drawRow(&doc, top: top, side: side, perRow: perRow, cells: cells)
    }
    let s = ImageTile.compact(scale)
    _ = ImageTile.scaleBar(
      &doc, x: 20, y: top + Double(rows) * rowHeight + 16, label: "weight", map: .diverging,
      low: "−" + s, high: s, middle: "0")
    return doc.titled(title)
  }

  /// One channel: each filter's kernel with its number above and its bias below.
  func drawRow(_ doc: inout SVGDocument, top: Double, side: Double, perRow: Int, cells: Int) {
    for f in 0..<shownFilters {
      let x = 20 + Double(f % perRow) * (side + 16)
      let y = top + Double(f / perRow) * (side + 40)
      doc.text("#\(f + 1)", x: x, y: y + 11, size: 11, weight: "bold", extra: [("class", "label")])
      let taken = tile(filter: f, channel: 0).draw(
        into: &doc, box: Box(x: x, y: y + 16, width: side, height: side), cells: cells,
        attributes: [("data-filter", "\(f + 1)")])
      doc.text(
        "bias " + ImageTile.compact(bias(f)), x: x, y: taken.maxY + 13, size: 10,
        fill: "#444444", extra: [("class", "bias")])
    }
  }

  /// Several channels: a row per filter (its number left, its bias right), a column per
  /// input channel.
  func drawGrid(
    _ doc: inout SVGDocument, top: Double, side: Double, channels: Int, cells: Int
  ) {
    let left = 70.0
    let step = side + Self.svgGap
    doc.text("input channel →", x: left, y: top - 22, size: 11, fill: "#444444")
    doc.text("filter ↓", x: 20, y: top - 6, size: 11, fill: "#444444")
    for c in 0..<channels {
      doc.text(
        "\(c + 1)", x: left + Double(c) * step + side / 2, y: top - 6, anchor: "middle",
        size: 10, extra: [("class", "channel")])
    }
    for f in 0..<shownFilters {
      let y = top + Double(f) * step
      doc.text(
        "#\(f + 1)", x: left - 8, y: y + side / 2 + 4, anchor: "end", size: 11, weight: "bold",
        extra: [("class", "label")])
      for c in 0..<channels {
        tile(filter: f, channel: c).draw(
          into: &doc, box: Box(x: left + Double(c) * step, y: y, width: side, height: side),
          cells: cells, attributes: [("data-filter", "\(f + 1)"), ("data-channel", "\(c + 1)")])
      }
      doc.text(
        "bias " + ImageTile.compact(bias(f)), x: left + Double(channels) * step + 4,
        y: y + side / 2 + 4, size: 10, fill: "#444444", extra: [("class", "bias")])
    }
  }

  func bias(_ filter: Int) -> Double {
    filter < filters.bias.count ? Double(filters.bias[filter]) : .nan
  }
}
