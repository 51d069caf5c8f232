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
    public var name: String
    public var weights: Matrix
    public var bias: [Double]

    public init(name: String, weights: Matrix, bias: [Double]) {
      self.name = name
      self.weights = weights
      self.bias = bias
    }
  }

  public var layers: [Layer]
  public var options: ChartOptions
  /// The values at the ends of the colour map: ± the largest finite |weight| or |bias|.
  public var domain: ColorDomain

  public init(_ layers: [Layer], options: ChartOptions = ChartOptions()) {
    self.layers = layers
    self.options = options
    let values = layers.flatMap { $0.weights.values + $0.bias }
    domain = ColorDomain(fitting: values, diverging: true)
  }

  func color(_ value: Double) -> RGB {
    value.isFinite ? ColorMap.diverging.color(at: domain.fraction(value)) : ColorMap.missing
  }

  /// The monochrome glyph of a value: its sign, larger ones bolder; `?` when not finite.
  func glyph(_ value: Double) -> Character {
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

  public func text() -> String {
    var lines: [String] = []
    let title = options.title ?? "weights: a row per unit, a cell per input, then its bias"
    lines.append(TextLayout.clip(title, options.columns))
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
    let height = (unitRows + perRow - 1) / perRow
    var canvas = TextCanvas(width: Swift.max(1, x - 1), height: height + 1)
    for (index, block) in view.blocks.enumerated() {
      let label = "\(index + 1)"
      let next = index + 1 < starts.count ? starts[index + 1] - 1 : canvas.width
      canvas.write(String(label.prefix(Swift.max(1, next - starts[index]))), starts[index], 0)
      let biasColumn = view.biases ? starts[index] + block.weights.columns + 1 : nil
      drawBlock(block, into: &canvas, left: starts[index], bias: biasColumn, perRow: perRow)
    }
    lines += TextBlock(canvas.render(options.colorMode)).lines
    lines.append(TextLayout.clip(note(view.unitStep, view.inputStep, view.biases), options.columns))
    lines.append(legend())
    return lines.joined(separator: "\n") + "\n"
  }

  /// One layer's cells from column `left`, row 1 down; its biases in column `bias`.
  func drawBlock(
    _ block: (weights: Matrix, bias: [Double]), into canvas: inout TextCanvas, left: Int,
    bias: Int?, perRow: Int
  ) {
    let w = block.weights
    func cell(_ top: Double, _ bottom: Double?, _ x: Int, _ y: Int) {
      if perRow == 2 {
        var cell = TextCanvas.Cell()
        cell.character = "▀"
        cell.foreground = color(top)
        cell.background = bottom.map(color)
        canvas[x, y] = cell
      } else {
        canvas.put(glyph(top), x, y, color: options.colored ? color(top) : nil)
      }
    }
    for y in 0..<((w.rows + perRow - 1) / perRow) {
      let unit = y * perRow
      let below = perRow == 2 && unit + 1 < w.rows
      for c in 0..<w.columns {
        cell(w[unit, c], below ? w[unit + 1, c] : nil, left + c, y + 1)
      }
      if let bias, unit < block.bias.count {
        cell(block.bias[unit], below ? block.bias[unit + 1] : nil, bias, y + 1)
      }
    }
  }

  /// What the blocks are: the layers' sizes, and the block means when shrunk.
  func note(_ unitStep: Int, _ inputStep: Int, _ biases: Bool) -> String {
    var parts = layers.enumerated().map { index, layer in
      "\(index + 1) \(layer.weights.rows)→\(layer.weights.columns)"
    }
    if unitStep > 1 || inputStep > 1 { parts.append("means of \(unitStep)×\(inputStep)") }
    if !biases { parts.append("no biases shown") }
    return parts.joined(separator: "  ")
  }

  /// The scale: the colours, or the glyphs in monochrome, with the largest size.
  func legend() -> String {
    let high = NumberText.short(domain.high)
    if options.colored {
      let blue = ANSIStyle.foreground(color(domain.low), options.colorMode)
      let red = ANSIStyle.foreground(color(domain.high), options.colorMode)
      let (full, empty) = options.glyphs.usesBraille ? ("■", "□") : ("#", "o")
      return "\(blue)\(full)\(ANSIStyle.reset) −\(high)  \(empty) 0  \(red)\(full)\(ANSIStyle.reset) +\(high)"
    }
    let dot = options.glyphs.usesBraille ? "·" : "."
    return "\(dot) near 0  + # positive  - = negative (up to ±\(high))"
  }
}
