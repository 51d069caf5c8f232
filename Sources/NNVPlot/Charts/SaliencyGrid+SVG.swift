import Foundation

/// The SVG of a saliency grid: every image as rectangles with tooltips, colour bars, legends
/// and notes.
extension SaliencyGrid {
  /// The most pixel cells an SVG draws over all its images (inputs, maps, overlays and the
  /// summary). A cell takes about 150 bytes with its tooltip, so a document stays under about
  /// 2.5 MB however large the images are (3.5 MB with the 100 rows a view may show, for their
  /// colour bars and labels); larger images are averaged in blocks, as in the terminal, and
  /// their tooltips name the block.
  public static let maximumSVGCells = 16_000

  /// The most cells one image may take in the SVG: an equal share of `maximumSVGCells`.
  var svgCellsPerImage: Int {
    let panels = 1 + mapTitles.count + (overlay ? 1 : 0)
    let images = rows.count * panels + (summary == nil ? 0 : 1)
    return Swift.max(1, Self.maximumSVGCells / Swift.max(images, 1))
  }

  /// `m` averaged in blocks to at most `cells` cells, keeping its proportions, with the
  /// block's height and width (1 and 1 when it fits).
  static func fitted(_ m: Matrix, cells: Int) -> (matrix: Matrix, rowStep: Int, columnStep: Int) {
    guard m.rows * m.columns > cells, m.rows > 0, m.columns > 0 else { return (m, 1, 1) }
    let scale = (Double(cells) / (Double(m.rows) * Double(m.columns))).squareRoot()
    return m.downsampled(
      maxRows: Swift.max(1, Int(Double(m.rows) * scale)),
      maxColumns: Swift.max(1, Int(Double(m.columns) * scale)))
  }

  /// "row 3, column 4", or "rows 5–6, columns 7–8" for a block.
  static func position(_ r: Int, _ c: Int, rowStep: Int, columnStep: Int, of m: Matrix) -> String {
    func span(_ i: Int, _ step: Int, _ limit: Int, _ one: String, _ many: String) -> String {
      let first = i * step + 1
      let last = Swift.min((i + 1) * step, limit)
      return first == last ? "\(one) \(first)" : "\(many) \(first)–\(last)"
    }
    return span(r, rowStep, m.rows, "row", "rows") + ", "
      + span(c, columnStep, m.columns, "column", "columns")
  }

  /// The side of one image in SVG units.
  var mapSide: Double {
    let longest = Swift.max(rows.first?.input.rows ?? 8, rows.first?.input.columns ?? 8)
    return longest <= 16 ? 112 : 140
  }

  /// Where the panels of a row go, left to right: input, maps (each with its colour bar),
  /// overlay; and the width they take.
  func svgSlots(side: Double) -> (slots: [(x: Double, kind: PanelKind, map: Int)], width: Double) {
    let captionWidth = 130.0
    let barSlot = 70.0
    let gap = 24.0
    var slots: [(x: Double, kind: PanelKind, map: Int)] = []
    var x = 20 + captionWidth
    slots.append((x, .input, -1))
    x += side + gap
    for i in mapTitles.indices {
      slots.append((x, .map, i))
      x += side + barSlot
    }
    if overlay {
      slots.append((x, .overlay, 0))
      x += side + gap
    }
    return (slots, x)
  }

  public func document() -> SVGDocument {
    let side = mapSide
    let (slots, right) = svgSlots(side: side)
    let rowHeight = side + 34
    let top = options.title == nil ? 30.0 : 54.0
    let summaryHeight = summary == nil ? 0 : side + 50
    let width = Swift.max(right + 10, 520)
    let wrapped = notes.flatMap { NoteText.wrap($0, width: Int((width - 40) / 6.6)) }
    let noteLines = Double(wrapped.count + 4)
    let height = top + 24 + Double(rows.count) * rowHeight + summaryHeight + 60 + noteLines * 16
    var doc = SVGDocument(width: width, height: height)
    SVGAxes.title(&doc, options.title, width: width)
    let headings = ["input"] + mapTitles + (overlay ? ["overlay"] : [])
    for (slot, heading) in zip(slots, headings) {
      doc.text(
        heading, x: slot.x + side / 2, y: top + 12, anchor: "middle", size: 13, weight: "bold",
        extra: [("class", "heading")])
    }
    var y = top + 26
    for (r, row) in rows.enumerated() {
      drawRow(&doc, row, number: r + 1, slots: slots, y: y, side: side)
      y += rowHeight
    }
    if let summary, !summary.map.isEmpty {
      drawSummary(&doc, summary, x: slots[0].x, y: y, side: side)
      y += summaryHeight
    }
    y = drawInputScale(&doc, y: y + 10)
    var legendText =
      signed
      ? "colours: red \(meaning.positive), blue \(meaning.negative), white no effect"
      : "colours: brighter is larger"
    if overlay { legendText += "; overlay: the map over the input in grey" }
    for line in NoteText.wrap(legendText, width: Int((width - 40) / 6.2)) {
      doc.text(line, x: 20, y: y, size: 11, fill: "#444444", extra: [("class", "legend")])
      y += 16
    }
    NoteText.draw(wrapped, into: &doc, y: y + 6)
    return doc.titled(options.title ?? "saliency")
  }

  /// One input's label, details and panels, from `y` down.
  func drawRow(
    _ doc: inout SVGDocument, _ row: Row, number: Int,
    slots: [(x: Double, kind: PanelKind, map: Int)], y: Double, side: Double
  ) {
    doc.text(row.label, x: 20, y: y + 14, size: 13, weight: "bold", extra: [("class", "label")])
    for (k, detail) in row.details.enumerated() {
      doc.text(
        TextLayout.clip(detail, 22), x: 20, y: y + 32 + Double(k) * 16, size: 11,
        extra: [("class", "detail")])
    }
    let inputDomain = self.inputDomain
    for slot in slots {
      let box = Box(x: slot.x, y: y, width: side, height: side)
      switch slot.kind {
      case .input:
        drawImage(
          &doc, row.input, box: box, colors: Self.ink, domain: inputDomain, kind: "input",
          what: "input #\(number)")
      case .map:
        guard slot.map < row.maps.count else { continue }
        let map = row.maps[slot.map]
        let domain = Self.domain(map, signed: signed)
        drawImage(
          &doc, map, box: box, colors: mapColors, domain: domain, kind: "attribution",
          what: mapTitles[slot.map])
        SVGAxes.colorBar(
          &doc, box: Box(x: box.maxX + 8, y: box.y, width: 10, height: side), map: mapColors,
          domain: domain)
      case .overlay:
        guard let map = row.maps.first else { continue }
        drawOverlay(&doc, input: row.input, inputDomain: inputDomain, map: map, box: box)
      }
    }
  }

  /// The summary map (a magnitude) with its title and colour bar.
  func drawSummary(_ doc: inout SVGDocument, _ summary: Summary, x: Double, y: Double, side: Double)
  {
    doc.text(
      summary.title, x: 20, y: y + 14, size: 13, weight: "bold", extra: [("class", "label")])
    let box = Box(x: x, y: y + 24, width: side, height: side)
    let domain = Self.domain(summary.map, signed: false)
    drawImage(
      &doc, summary.map, box: box, colors: .viridis, domain: domain, kind: "summary",
      what: summary.title)
    SVGAxes.colorBar(
      &doc, box: Box(x: box.maxX + 8, y: box.y, width: 10, height: side), map: .viridis,
      domain: domain)
  }

  /// The input's grey scale, as a small horizontal bar with its two ends; returns the y below.
  func drawInputScale(_ doc: inout SVGDocument, y: Double) -> Double {
    let inputDomain = self.inputDomain
    doc.beginGroup([("class", "input-scale")])
    doc.text("input", x: 20, y: y + 10, size: 11)
    for i in 0..<32 {
      doc.rect(
        x: 60 + Double(i) * 4, y: y, width: 4.3, height: 12,
        fill: Self.ink.color(at: (Double(i) + 0.5) / 32).hex)
    }
    doc.rect(x: 60, y: y, width: 128, height: 12, fill: "none", stroke: "#888888")
    doc.text(NumberText.short(inputDomain.low), x: 60, y: y + 25, anchor: "middle", size: 10)
    doc.text(NumberText.short(inputDomain.high), x: 188, y: y + 25, anchor: "middle", size: 10)
    doc.endGroup()
    return y + 44
  }

  /// One rectangle per pixel (or block of pixels, see `maximumSVGCells`), each with its value
  /// as a tooltip.
  func drawImage(
    _ doc: inout SVGDocument, _ image: Matrix, box: Box, colors: ColorMap, domain: ColorDomain,
    kind: String, what: String
  ) {
    guard !image.isEmpty else { return }
    let (m, rowStep, columnStep) = Self.fitted(image, cells: svgCellsPerImage)
    let cell = Swift.min(box.width / Double(m.columns), box.height / Double(m.rows))
    doc.beginGroup([("class", "map"), ("data-kind", kind), ("shape-rendering", "crispEdges")])
    for r in 0..<m.rows {
      for c in 0..<m.columns {
        let v = m[r, c]
        let place = Self.position(r, c, rowStep: rowStep, columnStep: columnStep, of: image)
        doc.rect(
          x: box.x + Double(c) * cell, y: box.y + Double(r) * cell, width: cell + 0.3,
          height: cell + 0.3,
          fill: (v.isFinite ? colors.color(at: domain.fraction(v)) : ColorMap.missing).hex,
          tooltip: "\(what), \(place): \(NumberText.short(v))",
          extra: [("class", "cell")])
      }
    }
    doc.endGroup()
    doc.rect(
      x: box.x, y: box.y, width: cell * Double(m.columns), height: cell * Double(m.rows),
      fill: "none", stroke: "#888888")
  }

  func drawOverlay(
    _ doc: inout SVGDocument, input image: Matrix, inputDomain: ColorDomain, map full: Matrix,
    box: Box
  ) {
    guard !image.isEmpty else { return }
    let domain = Self.domain(full, signed: signed)
    let (input, rowStep, columnStep) = Self.fitted(image, cells: svgCellsPerImage)
    let map = Self.fitted(full, cells: svgCellsPerImage).matrix
    let cell = Swift.min(box.width / Double(input.columns), box.height / Double(input.rows))
    doc.beginGroup([("class", "map"), ("data-kind", "overlay"), ("shape-rendering", "crispEdges")])
    for r in 0..<input.rows {
      for c in 0..<input.columns where r < map.rows && c < map.columns {
        let s = Self.strength(map[r, c], in: domain, signed: signed)
        let place = Self.position(r, c, rowStep: rowStep, columnStep: columnStep, of: image)
        doc.rect(
          x: box.x + Double(c) * cell, y: box.y + Double(r) * cell, width: cell + 0.3,
          height: cell + 0.3,
          fill: Self.overlayColor(input: inputDomain.fraction(input[r, c]), strength: s).hex,
          tooltip: "\(place): input \(NumberText.short(input[r, c])), "
            + "attribution \(NumberText.short(map[r, c]))",
          extra: [("class", "cell")])
      }
    }
    doc.endGroup()
    doc.rect(
      x: box.x, y: box.y, width: cell * Double(input.columns), height: cell * Double(input.rows),
      fill: "none", stroke: "#888888")
  }
}
