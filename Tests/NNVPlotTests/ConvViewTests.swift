import Foundation
import NNVCore
import NNVPlot
import Testing

/// The views of convolutional networks drawn from values set by hand: feature maps (a grid of
/// small heatmaps per layer) and filters (kernels on one diverging scale).
@Suite struct ConvViewTests {
  static func mono(_ width: Int = 60, ascii: Bool = true) -> ChartOptions {
    ChartOptions(width: width, height: 6, colorMode: .none, glyphs: ascii ? .ascii : .unicode)
  }

  static func colour(_ width: Int = 80) -> ChartOptions {
    ChartOptions(width: width, colorMode: .truecolor, glyphs: .unicode)
  }

  /// A 3×3 input counting 0 to 8 and a conv layer whose channel c holds k·(c + 1), k = 0…3.
  static func maps(channels: Int = 2, side: Int = 2) -> [FeatureMaps] {
    let area = side * side
    return [
      FeatureMaps(
        name: "input", kind: "input", number: 0, channels: 1, height: 3, width: 3,
        values: (0..<9).map(Float.init)),
      FeatureMaps(
        name: "conv_1", kind: "conv", configuration: "\(channels) filters 2×2", activation: .relu,
        number: 1, channels: channels, height: side, width: side,
        values: (0..<(channels * area)).map { Float($0 % area) * Float($0 / area + 1) }),
    ]
  }

  /// One filter per channel of `channels`, K×K, weights from −1 to 1 in steps.
  static func filters(count: Int = 2, channels: Int = 1, size: Int = 2) -> ConvFilters {
    let n = count * channels * size * size
    let weights = (0..<n).map { Float($0) / Float(Swift.max(1, n - 1)) * 2 - 1 }
    return ConvFilters(
      name: "conv_1", number: 1, readsInputChannels: true, filters: count, channels: channels,
      size: size, weights: weights, bias: (0..<count).map { Float($0) / 10 })
  }

  @Test func featuresInMonochrome() throws {
    // The inline picture: read it when it changes. Each map from its own min (blank) to its
    // max (the darkest glyph), two columns a pixel.
    let view = FeatureMapsView(Self.maps(), caption: ["net on tiny #0"], options: Self.mono(80))
    #expect(
      try view.text() == """
        feature maps - net on tiny #0

        input: 1 channel of 3x3
        #1
          ..::
        --++**
        ##%%@@
        0..8

        layer 1: conv_1 (conv 2 filters 2x2, relu), 2 channels of 2x2
        #1    #2
          --    --
        **@@  **@@
        0..3  0..6

        darker = larger; each map has its own scale, from the min to the max under it

        """)
  }

  @Test func featuresCapChannelsAndFitTheWidth() throws {
    let maps = Self.maps(channels: 40, side: 6)
    for width in [24, 40, 80, 120] {
      let text = try FeatureMapsView(maps, options: Self.mono(width)).text()
      #expect(width < 40 || text.contains("showing 32 of 40 channels"))
      #expect(text.contains("#32") && !text.contains("#33"))
      for line in text.split(separator: "\n") {
        #expect(line.count <= width, "width \(width): \(line)")
      }
    }
    // Side by side as many as fit: 6×6 maps are 12 columns and 2 apart, so 5 to a line at 80.
    let text = try FeatureMapsView(maps, options: Self.mono(80)).text()
    let first = text.split(separator: "\n").first { $0.hasPrefix("#1 ") }
    #expect(first?.contains("#5") == true && first?.contains("#6") == false)
  }

  @Test func largeMapsAreAveragedInBlocks() throws {
    let big = FeatureMaps(
      name: "conv_1", kind: "conv", number: 1, channels: 1, height: 40, width: 40,
      values: (0..<1600).map { Float($0 % 40) })
    let text = try FeatureMapsView([big], options: Self.mono(80)).text()
    #expect(text.contains("shown as means of 3x3 blocks"))
    // 40 pixels in blocks of 3 are 14, one column each.
    let tile = text.split(separator: "\n").filter { $0.contains("@") }
    #expect(!tile.isEmpty && tile.allSatisfy { $0.count <= 16 })
    #expect(tile.count == 14)
  }

  @Test func featuresInColourUseHalfBlocks() throws {
    let text = try FeatureMapsView(Self.maps(), options: Self.colour()).text()
    #expect(text.contains("▀"))
    #expect(text.contains("\u{1B}[38;2;") && text.contains("\u{1B}[48;2;"))
    #expect(text.contains("input: min") && text.contains("maps:  min"))
  }

  @Test func featuresSVGHasACellPerPixelWithItsValue() throws {
    let svg = try SVGCheck(try FeatureMapsView(Self.maps(), caption: ["a #0"]).svg())
    #expect(try svg.count("//g[@class='layer']") == 2)
    #expect(try svg.count("//g[@class='layer'][@data-layer='conv_1']/g[@class='tile']") == 2)
    #expect(try svg.count("//g[@class='tile']/rect[@class='cell']") == 9 + 2 * 4)
    #expect(try svg.count("//rect[@class='cell']/title") == 17)
    let tooltips = try svg.document.nodes(forXPath: "//rect[@class='cell']/title").compactMap(
      \.stringValue)
    #expect(tooltips.contains("conv_1 channel 2, row 2, column 2: 6"))
    #expect(tooltips.contains("input channel 1, row 1, column 3: 2"))
    let texts = try svg.texts()
    #expect(texts.contains("layer 1: conv_1 (conv 2 filters 2×2, relu), 2 channels of 2×2"))
    #expect(texts.contains("#2") && texts.contains("0…6") && texts.contains("0…8"))
    #expect(try svg.count("//g[@class='scale']") == 2)
  }

  @Test func featuresSVGStaysSmallHoweverLargeTheMaps() throws {
    let huge = FeatureMaps(
      name: "conv_1", kind: "conv", number: 1, channels: 64, height: 100, width: 100,
      values: (0..<640_000).map { Float($0 % 97) })
    let document = try FeatureMapsView([huge]).svg()
    let svg = try SVGCheck(document)
    #expect(try svg.count("//g[@class='tile']") == FeatureMapsView.maximumChannels)
    let cells = try svg.count("//rect[@class='cell']")
    #expect(cells <= FeatureMapsView.maximumSVGCells && cells >= 10_000, "\(cells)")
    #expect(document.utf8.count < 5_000_000, "\(document.utf8.count) bytes")
    #expect(try svg.texts().contains("showing 32 of 64 channels"))
  }

  @Test func filtersOfOneChannelInMonochrome() {
    // Weights −1, −5/7, … 1: the sign in front, darker = larger |weight|.
    let view = FiltersView(Self.filters(), model: "net", options: Self.mono(80))
    #expect(
      view.text() == """
        filters of net - layer 1: conv_1, 2 filters 2x2 over 1 input channel
        weights -1..1; one scale for the layer, +/-1
        + positive, - negative; darker = larger |weight|

        #1    #2
        -@-#  +.+=
        -=-.  +#+@

        """)
  }

  @Test func filtersOfSeveralChannelsAreAGrid() {
    let filters = Self.filters(count: 40, channels: 12, size: 3)
    let text = FiltersView(filters, model: "net", options: Self.mono(80)).text()
    #expect(text.contains("showing 32 of 40 filters"))
    #expect(text.contains("a row per filter, a column per input channel"))
    // 3×3 kernels are 6 columns and 2 apart after a 4-column label: 9 channels fit in 80.
    #expect(text.contains("showing channels 1-9 of 12 (a larger `width` shows more)"))
    #expect(text.split(separator: "\n").contains { $0.hasPrefix("#32 ") })
    #expect(!text.contains("#33"))
    for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    let wide = FiltersView(filters, model: "net", options: Self.mono(200)).text()
    #expect(!wide.contains("showing channels"))
    let colour = FiltersView(filters, model: "net", options: Self.colour()).text()
    #expect(colour.contains("▀") && colour.contains("(blue −, white 0, red +)"))
  }

  @Test func filtersSVGHasEveryWeightWithItsValueAndTheBiases() throws {
    let row = try SVGCheck(FiltersView(Self.filters(count: 3, size: 3), model: "net").svg())
    #expect(try row.count("//g[@class='tile']") == 3)
    #expect(try row.count("//g[@class='tile']/rect[@class='cell']") == 3 * 9)
    let tooltips = try row.document.nodes(forXPath: "//rect[@class='cell']/title").compactMap(
      \.stringValue)
    #expect(tooltips.first == "filter 1, weight, row 1, column 1: -1")
    #expect(tooltips.last == "filter 3, weight, row 3, column 3: 1")
    #expect(try row.texts().filter { $0.hasPrefix("bias ") } == ["bias 0", "bias 0.1", "bias 0.2"])
    #expect(try row.count("//g[@class='scale']") == 1)
    let grid = try SVGCheck(
      FiltersView(Self.filters(count: 4, channels: 3, size: 2), model: "net").svg())
    #expect(try grid.count("//g[@class='tile'][@data-filter='4'][@data-channel='3']") == 1)
    #expect(try grid.count("//g[@class='tile']/rect[@class='cell']") == 4 * 3 * 4)
    #expect(try grid.texts().contains("input channel →"))
    let capped = try SVGCheck(
      FiltersView(Self.filters(count: 40, channels: 40, size: 3), model: "net").svg())
    #expect(try capped.count("//g[@class='tile']") == 32 * 32)
    #expect(
      try capped.texts().contains("showing 32 of 40 filters")
        && capped.texts().contains("showing 32 of 40 channels"))
  }

  @Test func aScaleOfZerosIsStillDrawn() throws {
    var zeros = Self.filters()
    zeros.weights = Array(repeating: 0, count: zeros.weights.count)
    let text = FiltersView(zeros, model: "net", options: Self.mono()).text()
    #expect(text.contains("weights all 0; one scale for the layer, +/-1"))
    let flat = FeatureMaps(
      name: "conv_1", kind: "conv", number: 1, channels: 1, height: 2, width: 2,
      values: [0, 0, 0, 0])
    #expect(try FeatureMapsView([flat], options: Self.mono()).text().contains("all 0"))
  }

  @Test func drawingManyLayersStopsWhenCancelled() {
    // A deep model's maps: the drawing polls between layers, so it stops at the third poll.
    let layers = (1...200).map { n in
      FeatureMaps(
        name: "conv_\(n)", kind: "conv", number: n, channels: 4, height: 6, width: 6,
        values: (0..<144).map(Float.init))
    }
    let view = FeatureMapsView(layers)
    for draw in [{ _ = try view.text() }, { _ = try view.document() }] {
      let token = CancellationToken(cancellingAtPoll: 3)
      #expect(throws: CancellationError.self) { try Cancellation.run(with: token, draw) }
      #expect(token.pollCount == 3)
    }
  }
}
