import NNVCore
import NNVPlot
import Testing

/// The pieces the dashboard adds: blocks of text side by side, the network by its weights and
/// the weight distributions as strips.
@Suite struct DashboardChartTests {
  @Test func visibleWidthsLeaveOutEscapeSequences() {
    let red = ANSIStyle.foreground(RGB(200, 0, 0), .truecolor)
    #expect(TextBlock.visibleWidth(red + "▀▀" + ANSIStyle.reset + " ab") == 5)
    #expect(TextBlock.visibleWidth("") == 0)
    let clipped = TextBlock.clipped(red + "▀▀▀" + ANSIStyle.reset + "abc", to: 4)
    #expect(clipped == red + "▀▀▀" + ANSIStyle.reset + "a" + ANSIStyle.reset)
    #expect(TextBlock.clipped("abcdef", to: 3) == "abc")
    #expect(TextBlock.clipped("abc", to: 3) == "abc")
  }

  @Test func blocksSitSideBySidePaddedToTheirWidths() {
    let left = TextBlock(lines: ["ab", "abcd", "a"])
    let right = TextBlock("xy\nz\n")
    let both = TextBlock.sideBySide([left, right], gap: 2)
    #expect(both.lines == ["ab    xy", "abcd  z", "a"])
    #expect(both.width == 8)
    #expect(left.above(right, gap: 1).lines == ["ab", "abcd", "a", "", "xy", "z"])
    #expect(both.cropped(width: 5, height: 2).lines == ["ab   ", "abcd "])
  }

  /// A 2-3-2 network with weights set by hand (inputs × units, row by row).
  static func network(_ options: ChartOptions) -> NetworkWeights {
    NetworkWeights(
      [
        .init(
          name: "first", weights: Matrix(rows: 2, columns: 3, values: [1, -1, 0.1, 0.5, -0.5, 0]),
          bias: [0, 0.2, -1]),
        .init(
          name: "second", weights: Matrix(rows: 3, columns: 2, values: [2, 0, 0, -2, 1, -1]),
          bias: [0, 0]),
      ], options: options)
  }

  @Test func eachUnitIsARowOfItsIncomingWeightsThenItsBias() {
    let lines = TextBlock(Self.network(ChartOptions()).text()).lines
    // Row k is unit k: a glyph per input, then after a gap its bias; each layer on its own
    // scale (±1 and ±2): # and = at half of it or more, + and - below, · near 0.
    #expect(
      lines == [
        "weights 2→3→2: a row per unit, a cell per edge into it",
        "## · #·# ·",
        "== + ·== ·",
        "·· =",
        "· 0  + # positive  - = negative  ±1 ±2",
      ])
  }

  @Test func inColourTwoUnitsShareARow() {
    var options = ChartOptions(colorMode: .truecolor)
    options.height = 14
    let lines = TextBlock(Self.network(options).text()).lines
    // Three units in two rows of half blocks, between the heading and the legend.
    #expect(lines.count == 4)
    #expect(lines[1].contains("▀"))
    #expect(TextBlock.visibleWidth(lines[1]) == 10)
  }

  @Test func aLayerTooWideIsShownAsMeansWithoutBiases() {
    var options = ChartOptions(width: 24)
    options.height = 4
    let wide = NetworkWeights(
      [
        .init(
          name: "wide", weights: Matrix(rows: 40, columns: 8, values: (0..<320).map(Double.init)),
          bias: Array(repeating: 1, count: 8))
      ], options: options)
    let lines = TextBlock(wide.text()).lines
    #expect(lines.allSatisfy { TextBlock.visibleWidth($0) <= 24 })
    // 8 units in 4 rows, 40 inputs in 20 columns.
    #expect(lines.count == 6)
    #expect(lines[1].count == 20)
    // Means of blocks of 2 units × 2 inputs.
    #expect(lines.last?.hasPrefix("means of 2×2, no biases") == true, "\(lines)")
  }

  @Test func aStripShowsThePercentilesOnASharedAxis() {
    let strips = DistributionStrips(
      [
        .init(name: "w", percentiles: [-1, -0.8, -0.6, -0.2, 0, 0.2, 0.6, 0.8, 1]),
        .init(name: "b", percentiles: [0, 0, 0, 0, 0, 0, 0, 0, 0]),
      ], options: ChartOptions(width: 24))
    let lines = TextBlock(strips.text()).lines
    #expect(lines.count == 4)
    #expect(lines[0] == "weight distributions")
    // 22 columns from -1 to 1: the median, 0, at column 11 (10.5 rounded).
    let w = Array(lines[1])
    #expect(w.count == 24)
    #expect(String(w.prefix(2)) == "w ")
    #expect(w[2] == "·")
    #expect(w[2 + 11] == "┃")
    #expect(w[23] == "·")
    #expect(w.contains("█"))
    // A tensor of zeros is its median alone.
    #expect(lines[2] == "b" + String(repeating: " ", count: 12) + "┃")
    #expect(lines[3].hasPrefix("  -1"))
    #expect(lines[3].hasSuffix("1"))
  }
}
