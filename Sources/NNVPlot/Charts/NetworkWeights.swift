/// A chain of dense layers drawn by their weights, compact enough for a live dashboard: each
/// layer is a block whose row k is unit k, with one cell per edge coming into it (from each
/// input, left to right) and, after a gap, a cell for its bias. Blue is negative, white zero,
/// red positive, on one scale for the whole network; in monochrome a glyph shows the sign and
/// the size.
///
/// Layers larger than the space are shown as means of blocks of units or inputs, and the
/// chart says so. The weights are plain data (`ModelViews.networkWeights`).
public struct NetworkWeights: Sendable {
  /// One layer: its weights, inputs × units, and its biases, one per unit.
  public struct Layer: Sendable {
    /// The layer's name, its weights (inputs × units, as `ModelViews.denseWeights`) and its
    /// biases.
    public var name: String
    public var weights: Matrix
    public var bias: [Double]

    /// A layer named `name` with `weights` (inputs × units) and `bias` (one per unit).
    public init(name: String, weights: Matrix, bias: [Double]) {
      self.name = name
      self.weights = weights
      self.bias = bias
    }
  }

  /// The layers in the order they run, and how the chart is drawn.
  public var layers: [Layer]
  public var options: ChartOptions
  /// Each layer's scale, the ends of its colours: ± its largest finite |weight| or |bias|.
  /// Layers have their own, since their weights differ in size (the first is often larger).
  public var domains: [ColorDomain]

  /// A chart of `layers`, each on the scale of its largest value.
  public init(_ layers: [Layer], options: ChartOptions = ChartOptions()) {
    self.layers = layers
    self.options = options
    domains = layers.map { ColorDomain(fitting: $0.weights.values + $0.bias, diverging: true) }
  }

  func color(_ value: Double, _ domain: ColorDomain) -> RGB {
    value.isFinite ? ColorMap.diverging.color(at: domain.fraction(value)) : ColorMap.missing
  }

  /// The monochrome glyph of a value: its sign, larger ones bolder; `?` when not finite.
  func glyph(_ value: Double, _ domain: ColorDomain) -> Character {
    guard value.isFinite else { return "?" }
    let t = abs(value) / Swift.max(abs(domain.high), .leastNonzeroMagnitude)
    if t < 0.15 { return options.glyphs.usesBraille ? "·" : "." }
    if value > 0 { return t < 0.5 ? "+" : "#" }
    return t < 0.5 ? "-" : "="
  }

  /// Each layer as drawn: units (rows) and inputs (columns) after block means, with the
  /// factors, and whether biases are shown; for a space `columns` wide and `rows` of units.
  func shown(columns: Int, rows: Int) -> (
    blocks: [(weights: Matrix, bias: [Double])], unitStep: Int, inputStep: Int, biases: Bool
  ) {
    let inputs = layers.map(\.weights.rows).reduce(0, +)
    let gaps = Swift.max(0, layers.count - 1)
    let biases = inputs + 2 * layers.count + gaps <= columns
    let room = Swift.max(layers.count, columns - gaps - (biases ? 2 * layers.count : 0))
    let inputStep = Swift.max(1, (inputs + room - 1) / room)
    let units = layers.map(\.weights.columns).max() ?? 0
    let unitStep = Swift.max(1, (units + Swift.max(1, rows) - 1) / Swift.max(1, rows))
    let blocks = layers.map { layer -> (weights: Matrix, bias: [Double]) in
      // Rows are units here: the transpose of inputs × units, shrunk by the same factors.
      let w = layer.weights
      var values: [Double] = []
      values.reserveCapacity(w.rows * w.columns)
      for unit in 0..<w.columns {
        for input in 0..<w.rows { values.append(w[input, unit]) }
      }
      let byUnit = Matrix(rows: w.columns, columns: w.rows, values: values)
      let rowsShown = (byUnit.rows + unitStep - 1) / unitStep
      let columnsShown = (byUnit.columns + inputStep - 1) / inputStep
      let matrix = byUnit.downsampled(maxRows: rowsShown, maxColumns: columnsShown).matrix
      let bias = Matrix(rows: layer.bias.count, columns: 1, values: layer.bias)
        .downsampled(maxRows: rowsShown, maxColumns: 1).matrix.values
      return (matrix, bias)
    }
    return (blocks, unitStep, inputStep, biases)
  }

  // MARK: Text

  /// The heading with the sizes along the chain, the blocks of cells side by side (two units
  /// a line in colour), and the scale.
  public func text() -> String {
    var lines = [TextLayout.clip(heading, options.columns)]
    guard !layers.isEmpty else {
      return (lines + ["(no dense layers)"]).joined(separator: "\n") + "\n"
    }
    let halfBlocks = options.glyphs.usesHalfBlocks && options.colored
    let perRow = halfBlocks ? 2 : 1
    let view = shown(columns: options.columns, rows: options.rows * perRow)
    var starts: [Int] = []
    var x = 0
    for block in view.blocks {
      starts.append(x)
      x += block.weights.columns + (view.biases ? 2 : 0) + 1
    }
    let unitRows = view.blocks.map(\.weights.rows).max() ?? 0
    var canvas = TextCanvas(width: Swift.max(1, x - 1), height: (unitRows + perRow - 1) / perRow)
    for (index, block) in view.blocks.enumerated() {
      let biasColumn = view.biases ? starts[index] + block.weights.columns + 1 : nil
      drawBlock(
        block, domains[index], into: &canvas, left: starts[index], bias: biasColumn,
        perRow: perRow)
    }
    lines += TextBlock(canvas.render(options.colorMode)).lines
    let notes = note(view.unitStep, view.inputStep, view.biases)
    // What the cells are comes first: the scale can be cut on a narrow screen.
    lines.append(
      TextBlock.clipped((notes.isEmpty ? "" : notes + "  ") + legend(), to: options.columns))
    return lines.joined(separator: "\n") + "\n"
  }

  /// The first line: the title and the sizes along the chain, `2→16→16→2`.
  var heading: String {
    let sizes = [layers.first?.weights.rows ?? 0] + layers.map(\.weights.columns)
    let text = (options.title ?? "weights") + " " + sizes.map(String.init).joined(separator: "→")
    let more = ": a row per unit, a cell per edge into it"
    return text.count + more.count <= options.columns ? text + more : text
  }

  /// One layer's cells from column `left`, row 1 down; its biases in column `bias`.
  func drawBlock(
    _ block: (weights: Matrix, bias: [Double]), _ domain: ColorDomain,
    into canvas: inout TextCanvas, left: Int, bias: Int?, perRow: Int
  ) {
    let w = block.weights
    func cell(_ top: Double, _ bottom: Double?, _ x: Int, _ y: Int) {
      if perRow == 2 {
        var cell = TextCanvas.Cell()
        cell.character = "▀"
        cell.foreground = color(top, domain)
        cell.background = bottom.map { color($0, domain) }
        canvas[x, y] = cell
      } else {
        canvas.put(glyph(top, domain), x, y, color: options.colored ? color(top, domain) : nil)
      }
    }
    for y in 0..<((w.rows + perRow - 1) / perRow) {
      let unit = y * perRow
      let below = perRow == 2 && unit + 1 < w.rows
      for c in 0..<w.columns {
        cell(w[unit, c], below ? w[unit + 1, c] : nil, left + c, y)
      }
      if let bias, unit < block.bias.count {
        cell(block.bias[unit], below ? block.bias[unit + 1] : nil, bias, y)
      }
    }
  }

  /// What the cells are when not one per edge: means of blocks of units × inputs, or no
  /// biases.
  func note(_ unitStep: Int, _ inputStep: Int, _ biases: Bool) -> String {
    var parts: [String] = []
    if unitStep > 1 || inputStep > 1 {
      parts.append("means of \(unitStep)×\(inputStep)")
    }
    if !biases { parts.append("no biases") }
    return parts.joined(separator: ", ")
  }

  /// The scale: the colours, or the glyphs in monochrome, and each layer's largest size.
  func legend() -> String {
    let scales = domains.map { "±" + NumberText.short($0.high) }.joined(separator: " ")
    if options.colored {
      let unit = ColorDomain(low: -1, high: 1)
      let blue = ANSIStyle.foreground(color(-1, unit), options.colorMode)
      let red = ANSIStyle.foreground(color(1, unit), options.colorMode)
      let (full, empty) = options.glyphs.usesBraille ? ("■", "□") : ("#", "o")
      let reset = ANSIStyle.reset
      return "\(blue)\(full)\(reset) −  \(empty) 0  \(red)\(full)\(reset) +  \(scales)"
    }
    let dot = options.glyphs.usesBraille ? "·" : "."
    return "\(dot) 0  + # positive  - = negative  \(scales)"
  }
}
