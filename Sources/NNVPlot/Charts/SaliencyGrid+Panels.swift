/// The panels of a saliency grid's terminal drawing: an input or a map as half blocks (in
/// colour) or ramp glyphs, and the overlay of the first map on the input.
extension SaliencyGrid {
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
}
