import Foundation

/// Small images side by side, one row per input: the input, one or more attribution maps and,
/// for a single map, an overlay of the map on the input. The saliency and sanity views of image
/// data are drawn with it.
///
/// Every image is a `Matrix` whose rows are the image's rows. Inputs share one grey scale
/// (white at the lowest value, black at the highest, like ink on paper). Each map has its own
/// scale, because attributions of different inputs differ in size by orders of magnitude and a
/// shared scale would leave most maps blank: signed maps use the diverging map with zero at
/// white, magnitudes the sequential viridis map. The SVG puts a colour bar with values next to
/// every map; the terminal prints each map's range under it.
public struct SaliencyGrid: Sendable {
  /// One input: a short label (`#12`), details (`true 3`, `predicted 3 (98%)`), its image and
  /// its maps (one per entry of `mapTitles`).
  public struct Row: Sendable {
    public var label: String
    public var details: [String]
    public var input: Matrix
    public var maps: [Matrix]

    public init(label: String, details: [String], input: Matrix, maps: [Matrix]) {
      self.label = label
      self.details = details
      self.input = input
      self.maps = maps
    }
  }

  /// A map drawn below the rows on its own, such as the mean |attribution| over a data set.
  public struct Summary: Sendable {
    public var title: String
    public var map: Matrix

    public init(title: String, map: Matrix) {
      self.title = title
      self.map = map
    }
  }

  /// Column headings of the maps (`attribution`, or `trained` and `randomized`).
  public var mapTitles: [String]
  /// Whether the maps are signed (diverging colours) or magnitudes (sequential colours).
  public var signed: Bool
  /// Whether a last column shows the first map over the input.
  public var overlay: Bool
  public var rows: [Row]
  /// Drawn after the rows, always as a magnitude; none by default.
  public var summary: Summary?
  /// Lines under the chart: the method, its settings, the completeness gap.
  public var notes: [String]
  public var options: ChartOptions
  /// What the sign of a map means, for the legend. Default: evidence for or against a class.
  public var meaning = SignMeaning.classEvidence

  public init(
    mapTitles: [String], signed: Bool, overlay: Bool, rows: [Row], summary: Summary? = nil,
    notes: [String] = [], options: ChartOptions = ChartOptions()
  ) {
    self.mapTitles = mapTitles
    self.signed = signed
    self.overlay = overlay
    self.rows = rows
    self.summary = summary
    self.notes = notes
    self.options = options
  }

  /// A pixel is marked in a monochrome overlay when its |attribution| is at least this
  /// fraction of the largest in its map.
  public static let overlayThreshold = 0.5

  // MARK: Colours

  /// White (low) to black (high), for inputs.
  public static let ink = ColorMap(name: "ink", stops: [.white, RGB(hex: 0x000000)])
  static let positive = RGB(hex: 0xb2182b)
  static let negative = RGB(hex: 0x2166ac)

  var mapColors: ColorMap { signed ? .diverging : .viridis }

  /// The grey scale shared by every input: from min(0, lowest) to the highest value.
  var inputDomain: ColorDomain {
    let all = rows.flatMap(\.input.values)
    let extent = ClosedRange.extent(of: all) ?? 0...1
    return ColorDomain(low: Swift.min(0, extent.lowerBound), high: extent.upperBound)
  }

  /// A map's own domain: symmetric around zero when signed, from zero when a magnitude.
  static func domain(_ map: Matrix, signed: Bool) -> ColorDomain {
    if signed { return ColorDomain(fitting: map.values, diverging: true) }
    let high = ClosedRange.extent(of: map.values)?.upperBound ?? 1
    return ColorDomain(low: 0, high: high > 0 ? high : 1)
  }

  /// The map's value as a signed fraction of its largest magnitude, in -1...1 (0 for NaN).
  static func strength(_ value: Double, in domain: ColorDomain, signed: Bool) -> Double {
    guard value.isFinite else { return 0 }
    let scale = signed ? Swift.max(abs(domain.low), abs(domain.high)) : domain.high
    return scale > 0 ? Swift.max(-1, Swift.min(1, value / scale)) : 0
  }

  /// The overlay colour: the input as a light grey, tinted by the attribution in proportion to
  /// its strength (red for, blue against; red for a magnitude).
  static func overlayColor(input t: Double, strength s: Double) -> RGB {
    let grey = ink.color(at: t.isFinite ? t : 0).mixed(with: .white, 0.55)
    return grey.mixed(with: s >= 0 ? positive : negative, Swift.min(1, abs(s) * 1.15))
  }

  /// The text of a map's range: `±0.42`, or `0…0.42` for a magnitude.
  static func rangeText(_ domain: ColorDomain, signed: Bool) -> String {
    signed
      ? "±" + NumberText.short(Swift.max(abs(domain.low), abs(domain.high)))
      : "0…" + NumberText.short(domain.high)
  }

  // MARK: Text

  /// One panel as it is drawn in the terminal: its lines, each `width` characters wide.
  struct TextPanel {
    var lines: [[TextCanvas.Cell]]
    var width: Int
  }

  enum PanelKind { case input, map, overlay }

  /// Columns per pixel in the terminal: 2 when the panels fit, else 1.
  func pixelScale(panelCount: Int, imageWidth: Int) -> Int {
    let needed = panelCount * imageWidth * 2 + (panelCount - 1) * 2
    return needed <= options.columns ? 2 : 1
  }

  public func text() -> String {
    var lines: [String] = []
    if let title = options.title { lines.append(TextLayout.clip(title, options.columns)) }
    guard
      let first = rows.first
        ?? summary.map({ Row(label: "", details: [], input: $0.map, maps: []) }),
      !first.input.isEmpty
    else {
      return (lines + ["(no images)"] + notes).joined(separator: "\n") + "\n"
    }
    let halfBlocks = options.glyphs.usesHalfBlocks && options.colored
    let panelCount = 1 + mapTitles.count + (overlay ? 1 : 0)
    // Images wider than the terminal allows are averaged in blocks.
    let widest = (options.columns - (panelCount - 1) * 2) / panelCount
    let step = Swift.max(1, (first.input.columns + widest - 1) / Swift.max(1, widest))
    let scale = pixelScale(
      panelCount: panelCount, imageWidth: (first.input.columns + step - 1) / step)
    func shrink(_ m: Matrix) -> Matrix {
      step == 1
        ? m
        : m.downsampled(
          maxRows: (m.rows + step - 1) / step, maxColumns: (m.columns + step - 1) / step
        ).matrix
    }
    let inputDomain = self.inputDomain
    let groupWidth = panelCount * first.input.columns / step * scale + (panelCount - 1) * 2
    let perLine = Swift.max(1, (options.columns + 4) / (groupWidth + 4))
    let headings = ["input"] + mapTitles + (overlay ? ["overlay"] : [])
    for start in stride(from: 0, to: rows.count, by: perLine) {
      let group = Array(rows[start..<Swift.min(rows.count, start + perLine)])
      var blocks: [[String]] = []
      for row in group {
        let input = shrink(row.input)
        var panels = [
          panel(input, kind: .input, domain: inputDomain, scale: scale, halfBlocks: halfBlocks)
        ]
        var ranges = [""]
        for map in row.maps {
          let m = shrink(map)
          let domain = Self.domain(map, signed: signed)
          panels.append(panel(m, kind: .map, domain: domain, scale: scale, halfBlocks: halfBlocks))
          ranges.append(Self.rangeText(domain, signed: signed))
        }
        if overlay, let map = row.maps.first {
          panels.append(
            overlayPanel(
              input: input, inputDomain: inputDomain, map: shrink(map),
              domain: Self.domain(map, signed: signed), scale: scale, halfBlocks: halfBlocks))
          ranges.append("")
        }
        // A caption may run past its images when nothing stands beside them.
        let captionWidth = Swift.min(perLine, rows.count) == 1 ? options.columns : groupWidth
        var block = [
          TextLayout.clip(([row.label] + row.details).joined(separator: " · "), captionWidth)
        ]
        if start == 0 {
          block.append(
            joined(
              headings.map { TextLayout.clip($0, panels[0].width) }, widths: panels.map(\.width)))
        }
        let height = panels.map(\.lines.count).max() ?? 0
        for y in 0..<height {
          var line = ""
          for (i, panel) in panels.enumerated() {
            if i > 0 { line += "  " }
            var canvas = TextCanvas(width: panel.width, height: 1)
            if y < panel.lines.count {
              for (x, cell) in panel.lines[y].enumerated() { canvas[x, 0] = cell }
            }
            var rendered = canvas.render(options.colorMode)
            rendered.removeLast()
            // Monochrome rendering trims trailing blanks; pad back to the panel's width.
            line += options.colored ? rendered : TextLayout.pad(rendered, panel.width)
          }
          block.append(line)
        }
        block.append(
          joined(ranges.map { TextLayout.clip($0, panels[0].width) }, widths: panels.map(\.width)))
        blocks.append(block)
      }
      let height = blocks.map(\.count).max() ?? 0
      for y in 0..<height {
        var line = ""
        for (i, block) in blocks.enumerated() {
          if i > 0 { line += "    " }
          let text = y < block.count ? block[y] : ""
          line += i == blocks.count - 1 ? text : padVisible(text, groupWidth)
        }
        lines.append(trimmed(line))
      }
      lines.append("")
    }
    if let summary, !summary.map.isEmpty {
      let map = shrink(summary.map)
      let domain = Self.domain(summary.map, signed: false)
      var magnitude = self
      magnitude.signed = false
      let p = magnitude.panel(map, kind: .map, domain: domain, scale: scale, halfBlocks: halfBlocks)
      lines.append(TextLayout.clip(summary.title, options.columns))
      for cells in p.lines {
        var canvas = TextCanvas(width: p.width, height: 1)
        for (x, cell) in cells.enumerated() { canvas[x, 0] = cell }
        var rendered = canvas.render(options.colorMode)
        rendered.removeLast()
        lines.append(rendered)
      }
      lines.append(Self.rangeText(domain, signed: false))
      lines.append("")
    }
    lines += legend(halfBlocks: halfBlocks, inputDomain: inputDomain)
    lines += notes.flatMap { NoteText.wrap($0, width: Swift.max(options.columns, 40)) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Texts placed at the start of each panel, padded to the panel widths.
  func joined(_ texts: [String], widths: [Int]) -> String {
    var line = ""
    for (i, (text, width)) in zip(texts, widths).enumerated() {
      if i > 0 { line += "  " }
      line += TextLayout.pad(text, width)
    }
    return trimmed(line)
  }

  func trimmed(_ line: String) -> String {
    var copy = line
    while copy.last == " " { copy.removeLast() }
    return copy
  }

  /// Pads to `width` visible characters, ignoring colour escapes.
  func padVisible(_ text: String, _ width: Int) -> String {
    var visible = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
      if scalar == "\u{1B}" {
        inEscape = true
      } else if inEscape {
        if scalar == "m" { inEscape = false }
      } else {
        visible += 1
      }
    }
    return text + String(repeating: " ", count: Swift.max(0, width - visible))
  }

  /// The glyphs a monochrome overlay draws the input with: the ramp without the marks.
  var overlayRamp: [Character] {
    let ramp = options.glyphs.ramp.filter { !"+-*".contains($0) }
    return ramp.count >= 2 ? ramp : [" ", "#"]
  }

  func panel(
    _ m: Matrix, kind: PanelKind, domain: ColorDomain, scale: Int, halfBlocks: Bool
  ) -> TextPanel {
    let colors = kind == .input ? Self.ink : mapColors
    func color(_ v: Double) -> RGB {
      v.isFinite ? colors.color(at: domain.fraction(v)) : ColorMap.missing
    }
    if halfBlocks {
      var lines: [[TextCanvas.Cell]] = []
      let pairs = scale == 2 ? m.rows : (m.rows + 1) / 2
      for y in 0..<pairs {
        var cells: [TextCanvas.Cell] = []
        for c in 0..<m.columns {
          let top = scale == 2 ? m[y, c] : m[2 * y, c]
          let bottom = scale == 2 ? m[y, c] : (2 * y + 1 < m.rows ? m[2 * y + 1, c] : .nan)
          let cell = TextCanvas.Cell(
            character: "▀", foreground: color(top),
            background: bottom.isNaN && 2 * y + 1 >= m.rows ? nil : color(bottom))
          cells += Array(repeating: cell, count: scale)
        }
        lines.append(cells)
      }
      return TextPanel(lines: lines, width: m.columns * scale)
    }
    var lines: [[TextCanvas.Cell]] = []
    for r in 0..<m.rows {
      var cells: [TextCanvas.Cell] = []
      for c in 0..<m.columns {
        let v = m[r, c]
        let t = domain.fraction(v)
        // Signed maps in monochrome show magnitude; the overlay carries the sign.
        let shade = kind == .map && signed ? abs(t - 0.5) * 2 : t
        let glyph = v.isFinite ? options.glyphs.rampGlyph(shade) : "?"
        let cell = TextCanvas.Cell(
          character: glyph, foreground: options.colored ? color(v) : nil, background: nil)
        cells += Array(repeating: cell, count: scale)
      }
      lines.append(cells)
    }
    return TextPanel(lines: lines, width: m.columns * scale)
  }

  func overlayPanel(
    input: Matrix, inputDomain: ColorDomain, map: Matrix, domain: ColorDomain, scale: Int,
    halfBlocks: Bool
  ) -> TextPanel {
    func strength(_ r: Int, _ c: Int) -> Double {
      Self.strength(map[r, c], in: domain, signed: signed)
    }
    if halfBlocks {
      var lines: [[TextCanvas.Cell]] = []
      let pairs = scale == 2 ? input.rows : (input.rows + 1) / 2
      for y in 0..<pairs {
        var cells: [TextCanvas.Cell] = []
        for c in 0..<input.columns {
          let (rt, rb) = scale == 2 ? (y, y) : (2 * y, 2 * y + 1)
          let top = Self.overlayColor(
            input: inputDomain.fraction(input[rt, c]), strength: strength(rt, c))
          let bottom =
            rb < input.rows
            ? Self.overlayColor(
              input: inputDomain.fraction(input[rb, c]), strength: strength(rb, c)) : nil
          cells += Array(
            repeating: TextCanvas.Cell(character: "▀", foreground: top, background: bottom),
            count: scale)
        }
        lines.append(cells)
      }
      return TextPanel(lines: lines, width: input.columns * scale)
    }
    let ramp = overlayRamp
    var lines: [[TextCanvas.Cell]] = []
    for r in 0..<input.rows {
      var cells: [TextCanvas.Cell] = []
      for c in 0..<input.columns {
        let s = strength(r, c)
        let glyph: Character
        if abs(s) >= Self.overlayThreshold {
          glyph = signed ? (s > 0 ? "+" : "-") : "*"
        } else {
          let t = Swift.max(0, Swift.min(1, inputDomain.fraction(input[r, c])))
          glyph = t.isFinite ? ramp[Int((t * Double(ramp.count - 1)).rounded())] : "?"
        }
        let color =
          options.colored
          ? Self.overlayColor(input: inputDomain.fraction(input[r, c]), strength: s) : nil
        cells += Array(
          repeating: TextCanvas.Cell(character: glyph, foreground: color, background: nil),
          count: scale)
      }
      lines.append(cells)
    }
    return TextPanel(lines: lines, width: input.columns * scale)
  }

  /// What the shades mean, in one or two lines.
  func legend(halfBlocks: Bool, inputDomain: ColorDomain) -> [String] {
    let low = NumberText.short(inputDomain.low)
    let high = NumberText.short(inputDomain.high)
    var lines = ["input: \(low) light … \(high) dark"]
    let mapNames = mapTitles.count == 1 ? "the map" : "each map"
    if options.colored {
      var canvas = TextCanvas(width: 16, height: 1)
      for i in 0..<16 { canvas.put(" ", i, 0, background: mapColors.color(at: Double(i) / 15)) }
      var bar = canvas.render(options.colorMode)
      bar.removeLast()
      // Lines with colour escapes are never wrapped: the escapes are not visible width.
      if signed {
        lines.append("\(mapNames): −max \(bar) +max, 0 at white")
        lines.append("red: \(meaning.positive), blue: \(meaning.negative)")
      } else {
        lines.append("\(mapNames): 0 \(bar) max")
      }
      if overlay { lines.append("overlay: the input in grey, tinted where the map is strong") }
      lines.append("ranges under the maps: each map has its own scale")
      return lines
    } else {
      let sign = overlay ? "the sign shows in the overlay" : "the sign shows only in colour"
      lines.append(
        signed
          ? "\(mapNames): darker = larger |value| (\(sign))"
          : "\(mapNames): darker = larger value")
      if overlay {
        let threshold = Int(Self.overlayThreshold * 100)
        lines.append(
          signed
            ? "overlay: + \(meaning.positive), - \(meaning.negative), where |value| ≥ \(threshold)% "
              + "of the map's largest"
            : "overlay: * where the value is ≥ \(threshold)% of the map's largest")
      }
    }
    lines.append("ranges under the maps: each map has its own scale")
    return lines.flatMap { NoteText.wrap($0, width: Swift.max(options.columns, 40)) }
  }
}
