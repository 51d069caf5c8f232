import Foundation

/// The terminal drawing of a saliency grid: rows of panels (input, maps, overlay) side by
/// side, as many inputs to a line as fit, then the summary map, the legend and the notes.
extension SaliencyGrid {
  /// One panel as it is drawn in the terminal: its lines, each `width` characters wide.
  struct TextPanel {
    var lines: [[TextCanvas.Cell]]
    var width: Int
  }

  enum PanelKind { case input, map, overlay }

  /// How the panels fit the terminal: images averaged in blocks of `step` pixels, each pixel
  /// `scale` columns wide, `perLine` inputs side by side.
  struct TextPlan {
    var step: Int
    var scale: Int
    var halfBlocks: Bool
    var inputDomain: ColorDomain
    var groupWidth: Int
    var perLine: Int

    func shrink(_ m: Matrix) -> Matrix {
      step == 1
        ? m
        : m.downsampled(
          maxRows: (m.rows + step - 1) / step, maxColumns: (m.columns + step - 1) / step
        ).matrix
    }
  }

  /// Columns per pixel in the terminal: 2 when the panels fit, else 1.
  func pixelScale(panelCount: Int, imageWidth: Int) -> Int {
    let needed = panelCount * imageWidth * 2 + (panelCount - 1) * 2
    return needed <= options.columns ? 2 : 1
  }

  var panelCount: Int { 1 + mapTitles.count + (overlay ? 1 : 0) }

  /// The layout for images shaped like `first`.
  func textPlan(imageWidth: Int) -> TextPlan {
    // Images wider than the terminal allows are averaged in blocks.
    let widest = (options.columns - (panelCount - 1) * 2) / panelCount
    let step = Swift.max(1, (imageWidth + widest - 1) / Swift.max(1, widest))
    let scale = pixelScale(panelCount: panelCount, imageWidth: (imageWidth + step - 1) / step)
    let groupWidth = panelCount * imageWidth / step * scale + (panelCount - 1) * 2
    return TextPlan(
      step: step, scale: scale, halfBlocks: options.glyphs.usesHalfBlocks && options.colored,
      inputDomain: inputDomain, groupWidth: groupWidth,
      perLine: Swift.max(1, (options.columns + 4) / (groupWidth + 4)))
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
    let plan = textPlan(imageWidth: first.input.columns)
    for start in stride(from: 0, to: rows.count, by: plan.perLine) {
      let group = rows[start..<Swift.min(rows.count, start + plan.perLine)]
      let blocks = group.map { rowBlock($0, withHeadings: start == 0, plan: plan) }
      let height = blocks.map(\.count).max() ?? 0
      for y in 0..<height {
        var line = ""
        for (i, block) in blocks.enumerated() {
          if i > 0 { line += "    " }
          let text = y < block.count ? block[y] : ""
          line += i == blocks.count - 1 ? text : padVisible(text, plan.groupWidth)
        }
        lines.append(trimmed(line))
      }
      lines.append("")
    }
    lines += summaryLines(plan)
    lines += legend(halfBlocks: plan.halfBlocks, inputDomain: plan.inputDomain)
    lines += notes.flatMap { NoteText.wrap($0, width: Swift.max(options.columns, 40)) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One input's caption, headings (on the first line of inputs), panels and map ranges.
  func rowBlock(_ row: Row, withHeadings: Bool, plan: TextPlan) -> [String] {
    let input = plan.shrink(row.input)
    var panels = [
      panel(
        input, kind: .input, domain: plan.inputDomain, scale: plan.scale,
        halfBlocks: plan.halfBlocks)
    ]
    var ranges = [""]
    for map in row.maps {
      let domain = Self.domain(map, signed: signed)
      panels.append(
        panel(
          plan.shrink(map), kind: .map, domain: domain, scale: plan.scale,
          halfBlocks: plan.halfBlocks))
      ranges.append(Self.rangeText(domain, signed: signed))
    }
    if overlay, let map = row.maps.first {
      panels.append(
        overlayPanel(
          input: input, inputDomain: plan.inputDomain, map: plan.shrink(map),
          domain: Self.domain(map, signed: signed), scale: plan.scale,
          halfBlocks: plan.halfBlocks))
      ranges.append("")
    }
    // A caption may run past its images when nothing stands beside them.
    let captionWidth = Swift.min(plan.perLine, rows.count) == 1 ? options.columns : plan.groupWidth
    var block = [
      TextLayout.clip(([row.label] + row.details).joined(separator: " · "), captionWidth)
    ]
    let widths = panels.map(\.width)
    if withHeadings {
      let headings = ["input"] + mapTitles + (overlay ? ["overlay"] : [])
      block.append(joined(headings.map { TextLayout.clip($0, panels[0].width) }, widths: widths))
    }
    let height = panels.map(\.lines.count).max() ?? 0
    for y in 0..<height {
      block.append(panels.map { rendered($0, line: y) }.joined(separator: "  "))
    }
    block.append(joined(ranges.map { TextLayout.clip($0, panels[0].width) }, widths: widths))
    return block
  }

  /// Line `y` of a panel, as wide as the panel (blank below its last line).
  func rendered(_ panel: TextPanel, line y: Int) -> String {
    var canvas = TextCanvas(width: panel.width, height: 1)
    if y < panel.lines.count {
      for (x, cell) in panel.lines[y].enumerated() { canvas[x, 0] = cell }
    }
    var rendered = canvas.render(options.colorMode)
    rendered.removeLast()
    // Monochrome rendering trims trailing blanks; pad back to the panel's width.
    return options.colored ? rendered : TextLayout.pad(rendered, panel.width)
  }

  /// The summary map (always a magnitude) with its title and range.
  func summaryLines(_ plan: TextPlan) -> [String] {
    guard let summary, !summary.map.isEmpty else { return [] }
    let domain = Self.domain(summary.map, signed: false)
    var magnitude = self
    magnitude.signed = false
    let p = magnitude.panel(
      plan.shrink(summary.map), kind: .map, domain: domain, scale: plan.scale,
      halfBlocks: plan.halfBlocks)
    var lines = [TextLayout.clip(summary.title, options.columns)]
    for cells in p.lines {
      var canvas = TextCanvas(width: p.width, height: 1)
      for (x, cell) in cells.enumerated() { canvas[x, 0] = cell }
      var rendered = canvas.render(options.colorMode)
      rendered.removeLast()
      lines.append(rendered)
    }
    return lines + [Self.rangeText(domain, signed: false), ""]
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
