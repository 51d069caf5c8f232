import Foundation

/// One small image of a grid (a feature map, a kernel) with the scale it is coloured on, drawn
/// in the terminal and in SVG by the feature map and filter views.
///
/// In colour the image is drawn in half blocks, two pixels a character, each pixel two columns
/// wide when there is room; in monochrome with ramp glyphs (darker is larger). A signed image
/// (kernel weights) in monochrome gives each pixel two characters, its sign (`+` or `-`) and a
/// glyph for its magnitude, so the sign is not lost without colour.
struct ImageTile: Sendable {
  var image: Matrix
  var colors: ColorMap
  var domain: ColorDomain
  /// Whether the values are signed around zero (a diverging map with zero at white).
  var signed: Bool
  /// What each SVG cell's tooltip starts with (`conv_1 channel 3`).
  var tooltip: String

  /// The domain from a map's smallest to its largest value; a constant map (or one without a
  /// finite value) sits at the low end.
  static func ownDomain(_ image: Matrix) -> ColorDomain {
    guard let extent = ClosedRange.extent(of: image.values) else {
      return ColorDomain(low: 0, high: 1)
    }
    let high = extent.upperBound > extent.lowerBound ? extent.upperBound : extent.lowerBound + 1
    return ColorDomain(low: extent.lowerBound, high: high)
  }

  /// `min…max` of a map in few characters, or `all X` when it is constant.
  static func rangeText(_ image: Matrix) -> String {
    guard let extent = ClosedRange.extent(of: image.values) else { return "no values" }
    if extent.lowerBound == extent.upperBound { return "all " + compact(extent.lowerBound) }
    return compact(extent.lowerBound) + "…" + compact(extent.upperBound)
  }

  /// A number in few characters: three significant digits from 0.1 (0.123, -12.3), two
  /// below (0.025, 0.0073), and exponents beyond (1.2e+03, 3.6e-05).
  static func compact(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return NumberText.short(value) }
    let magnitude = abs(value)
    if magnitude >= 1000 || magnitude < 1e-4 { return String(format: "%.1e", value) }
    var text = String(format: magnitude < 0.1 ? "%.2g" : "%.3g", value)
    if text.contains("."), !text.contains("e") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  func color(_ value: Double) -> RGB {
    value.isFinite ? colors.color(at: domain.fraction(value)) : ColorMap.missing
  }
}

/// How the tiles of one grid fit the terminal: images averaged in blocks of `step` pixels,
/// each pixel `scale` columns wide.
struct TilePlan: Sendable, Equatable {
  var step: Int
  var scale: Int
  var halfBlocks: Bool
  /// The larger side of the images, as drawn (after averaging).
  var side: Int

  /// The plan for images whose larger side is `side` pixels, drawn at most `maxColumns`
  /// columns wide.
  init(side: Int, maxColumns: Int, signed: Bool, options: ChartOptions) {
    halfBlocks = options.glyphs.usesHalfBlocks && options.colored
    let pairs = signed && !halfBlocks
    let pixels = Swift.max(1, pairs ? maxColumns / 2 : maxColumns)
    step = Swift.max(1, (side + pixels - 1) / pixels)
    self.side = (side + step - 1) / step
    scale = pairs || self.side * 2 <= maxColumns ? 2 : 1
  }

  /// `m` averaged in blocks of `step`.
  func shrink(_ m: Matrix) -> Matrix {
    step == 1
      ? m
      : m.downsampled(
        maxRows: (m.rows + step - 1) / step, maxColumns: (m.columns + step - 1) / step
      ).matrix
  }

  /// The columns and lines an image of `rows` × `columns` pixels takes (after averaging).
  func size(rows: Int, columns: Int) -> (width: Int, height: Int) {
    let height = halfBlocks && scale == 1 ? (rows + 1) / 2 : rows
    return (columns * scale, height)
  }
}

extension ImageTile {
  /// Draws the image (already averaged by `plan`) with its top left corner at (`x`, `y`).
  func paint(
    _ m: Matrix, plan: TilePlan, into canvas: inout TextCanvas, x: Int, y: Int,
    options: ChartOptions
  ) {
    if plan.halfBlocks {
      let lines = plan.scale == 2 ? m.rows : (m.rows + 1) / 2
      for line in 0..<lines {
        for c in 0..<m.columns {
          let (top, bottom) = plan.scale == 2 ? (line, line) : (2 * line, 2 * line + 1)
          let cell = TextCanvas.Cell(
            character: "▀", foreground: color(m[top, c]),
            background: bottom < m.rows ? color(m[bottom, c]) : nil)
          for k in 0..<plan.scale { canvas[x + c * plan.scale + k, y + line] = cell }
        }
      }
      return
    }
    for r in 0..<m.rows {
      for c in 0..<m.columns {
        let v = m[r, c]
        let glyphs = self.glyphs(v, scale: plan.scale, options: options)
        // Glyphs already show the input's ink; coloured like ink too, the darkest would vanish
        // on a dark terminal.
        let foreground = options.colored && colors != SaliencyGrid.ink ? color(v) : nil
        for (k, glyph) in glyphs.enumerated() {
          canvas.put(glyph, x + c * plan.scale + k, y + r, color: foreground)
        }
      }
    }
  }

  /// The `scale` characters of one pixel in ramp glyphs: the glyph repeated, or for a signed
  /// image its sign and a glyph for its magnitude.
  func glyphs(_ v: Double, scale: Int, options: ChartOptions) -> [Character] {
    guard v.isFinite else { return Array(repeating: "?", count: scale) }
    let t = domain.fraction(v)
    guard signed else { return Array(repeating: options.glyphs.rampGlyph(t), count: scale) }
    let strength = Swift.max(-1, Swift.min(1, (t - 0.5) * 2))
    let ramp = Self.magnitudeRamp(options.glyphs)
    let i = Int((abs(strength) * Double(ramp.count - 1)).rounded())
    let glyph = ramp[Swift.max(0, Swift.min(ramp.count - 1, i))]
    guard glyph != " " else { return Array(repeating: " ", count: scale) }
    let sign: Character = strength > 0 ? "+" : "-"
    return scale >= 2 ? [sign, glyph] + Array(repeating: glyph, count: scale - 2) : [sign]
  }

  /// The ramp a signed pixel's magnitude is drawn with: without `+` and `-`, which give the
  /// sign.
  static func magnitudeRamp(_ glyphs: GlyphSet) -> [Character] {
    let ramp = glyphs.ramp.filter { !"+-*".contains($0) }
    return ramp.count >= 2 ? ramp : [" ", "#"]
  }
}

// MARK: SVG

extension ImageTile {
  /// One rectangle per pixel, or per block of pixels when the image has more than `cells`,
  /// each with its value as a tooltip, in square pixels from the top left of `box`, inside a
  /// group with `attributes`. Returns the box the pixels took.
  @discardableResult
  func draw(
    into doc: inout SVGDocument, box: Box, cells: Int, attributes: [(String, String)] = []
  ) -> Box {
    guard !image.isEmpty else { return Box(x: box.x, y: box.y, width: 0, height: 0) }
    let (m, rowStep, columnStep) = SaliencyGrid.fitted(image, cells: Swift.max(1, cells))
    let cell = Swift.min(box.width / Double(m.columns), box.height / Double(m.rows))
    doc.beginGroup([("class", "tile")] + attributes + [("shape-rendering", "crispEdges")])
    for r in 0..<m.rows {
      for c in 0..<m.columns {
        let v = m[r, c]
        let place = SaliencyGrid.position(
          r, c, rowStep: rowStep, columnStep: columnStep, of: image)
        doc.rect(
          x: box.x + Double(c) * cell, y: box.y + Double(r) * cell, width: cell + 0.3,
          height: cell + 0.3, fill: color(v).hex,
          tooltip: "\(tooltip), \(place): \(NumberText.short(v))", extra: [("class", "cell")])
      }
    }
    doc.endGroup()
    let taken = Box(
      x: box.x, y: box.y, width: cell * Double(m.columns), height: cell * Double(m.rows))
    doc.rect(
      x: taken.x, y: taken.y, width: taken.width, height: taken.height, fill: "none",
      stroke: "#888888")
    return taken
  }

  /// A small horizontal colour bar from `x`, `y`: `label`, the colours, and the texts at its
  /// two ends (and `middle` under its centre, if any). Returns the y below it.
  static func scaleBar(
    _ doc: inout SVGDocument, x: Double, y: Double, label: String, map: ColorMap, low: String,
    high: String, middle: String? = nil
  ) -> Double {
    doc.beginGroup([("class", "scale")])
    doc.text(label, x: x, y: y + 10, size: 11)
    let left = x + 110
    for i in 0..<32 {
      doc.rect(
        x: left + Double(i) * 4, y: y, width: 4.3, height: 12,
        fill: map.color(at: (Double(i) + 0.5) / 32).hex)
    }
    doc.rect(x: left, y: y, width: 128, height: 12, fill: "none", stroke: "#888888")
    doc.text(low, x: left, y: y + 25, anchor: "middle", size: 10)
    if let middle { doc.text(middle, x: left + 64, y: y + 25, anchor: "middle", size: 10) }
    doc.text(high, x: left + 128, y: y + 25, anchor: "middle", size: 10)
    doc.endGroup()
    return y + 40
  }
}

extension ChartOptions {
  /// `text` as drawn with these options: with ASCII glyphs, the few other signs the tile views
  /// write (`…`, `×`, `·`, `±`, `−`, `–`) are spelled in ASCII too.
  func spelled(_ text: String) -> String {
    guard glyphs == .ascii else { return text }
    var result = ""
    for character in text {
      switch character {
      case "…": result += ".."
      case "×": result += "x"
      case "·": result += "-"
      case "±": result += "+/-"
      case "−", "–": result += "-"
      default: result.append(character)
      }
    }
    return result
  }
}
