import NNVCore

/// The SVG of the feature maps: each layer's heading over its maps, every pixel a rectangle
/// with its value as a tooltip, each map with its number above and its range below.
extension FeatureMapsView {
  static let svgWidth = 760.0
  static let gap = 24.0

  /// The side of one map: the input larger than the layers' maps.
  static func side(_ section: Section) -> Double { section.isInput ? 96 : 64 }

  /// The most cells one map may take: an equal share of `maximumSVGCells`.
  func cellsPerTile(_ sections: [Section]) -> Int {
    let tiles = sections.map(\.tiles.count).reduce(0, +)
    return Swift.max(1, Self.maximumSVGCells / Swift.max(1, tiles))
  }

  static func perRow(_ side: Double) -> Int {
    Swift.max(1, Int((svgWidth - 40 + gap) / (side + gap)))
  }

  /// The height a section takes.
  static func height(of section: Section) -> Double {
    let rows = (section.tiles.count + perRow(side(section)) - 1) / perRow(side(section))
    return 24 + Double(section.notes.count) * 16 + Double(rows) * (side(section) + 44) + 8
  }

  public func document() throws -> SVGDocument {
    let sections = try sections()
    let top = 54.0
    let height = top + sections.map(Self.height).reduce(0, +) + 110
    var doc = SVGDocument(width: Self.svgWidth, height: height)
    SVGAxes.title(&doc, title, width: Self.svgWidth)
    let cells = cellsPerTile(sections)
    var y = top
    for section in sections {
      try Cancellation.check()
      y = draw(section, into: &doc, y: y, cells: cells)
    }
    y += 6
    y = ImageTile.scaleBar(
      &doc, x: 20, y: y, label: "input", map: SaliencyGrid.ink, low: "min", high: "max")
    y = ImageTile.scaleBar(
      &doc, x: 20, y: y, label: "feature maps", map: .viridis, low: "min", high: "max")
    doc.text(
      "each map has its own scale, from the min to the max under it; hover a pixel for its value",
      x: 20, y: y + 4, size: 11, fill: "#444444", extra: [("class", "legend")])
    return doc.titled(title)
  }

  /// One section from `y` down; returns the y below it.
  func draw(_ section: Section, into doc: inout SVGDocument, y start: Double, cells: Int)
    -> Double
  {
    var y = start
    doc.beginGroup([("class", "layer"), ("data-layer", section.name)])
    doc.text(
      section.heading, x: 20, y: y + 14, size: 13, weight: "bold",
      extra: [("class", "heading")])
    y += 24
    for note in section.notes {
      doc.text(note, x: 20, y: y + 10, size: 11, fill: "#b2182b", extra: [("class", "note")])
      y += 16
    }
    let side = Self.side(section)
    let perRow = Self.perRow(side)
    for (i, tile) in section.tiles.enumerated() {
      let x = 20 + Double(i % perRow) * (side + Self.gap)
      let rowTop = y + Double(i / perRow) * (side + 44)
      doc.text(
        section.labels[i], x: x, y: rowTop + 11, size: 11, weight: "bold",
        extra: [("class", "label")])
      let taken = tile.draw(
        into: &doc, box: Box(x: x, y: rowTop + 16, width: side, height: side), cells: cells,
        attributes: [("data-channel", "\(i + 1)")])
      doc.text(
        section.ranges[i], x: x, y: taken.maxY + 13, size: 10, fill: "#444444",
        extra: [("class", "range")])
    }
    doc.endGroup()
    let rows = (section.tiles.count + perRow - 1) / perRow
    return y + Double(rows) * (side + 44) + 8
  }
}
