import Foundation
import NNVCore
import NNVPlot
import Testing

/// The saliency charts: image grids, attribution bars, arrows on the plane, and the adapter that
/// builds them from models and data sets.
@Suite struct SaliencyChartTests {
  static func mono(_ width: Int = 60) -> ChartOptions {
    ChartOptions(width: width, height: 6, colorMode: .none, glyphs: .ascii)
  }

  /// A 4×4 "image" and a signed map with one strong positive and one strong negative pixel.
  static let image = Matrix([[0, 1, 1, 0], [0, 1, 0, 0], [0, 1, 0, 0], [0, 1, 1, 0]])
  static let map = Matrix([[0, 0.9, 0.1, 0], [0, 0.2, 0, 0], [0, 0.1, 0, -0.8], [0, 0, 0, 0]])

  static func grid(rows: Int = 2, summary: Bool = false, options: ChartOptions = mono())
    -> SaliencyGrid
  {
    SaliencyGrid(
      mapTitles: ["gradient"], signed: true, overlay: true,
      rows: (0..<rows).map {
        SaliencyGrid.Row(
          label: "#\($0)", details: ["true 1", "predicted 1 (97%)"], input: image, maps: [map])
      },
      summary: summary
        ? SaliencyGrid.Summary(title: "mean |attribution| over 9 inputs", map: map) : nil,
      notes: ["method: gradient"], options: options)
  }

  @Test func gridTextInMonochrome() {
    // The inline picture: read it when it changes. Darker glyphs are larger |values|; the
    // overlay marks the strong pixels with their sign.
    #expect(
      Self.grid(rows: 1).text() == """
        #0 · true 1 · predicted 1 (97%)
        input     gradient  overlay
          @@@@      @@..      ++@@
          @@        ::        @@
          @@        ..  %%    @@  --
          @@@@                @@@@
                  ±0.9

        input: 0 light … 1 dark
        the map: darker = larger |value| (the sign shows in the
          overlay)
        overlay: + for the class, - against, where |value| ≥ 50% of
          the map's largest
        ranges under the maps: each map has its own scale
        method: gradient

        """)
  }

  @Test func gridTextPutsInputsSideBySideWhenThereIsRoom() {
    let narrow = Self.grid(rows: 2, options: Self.mono(40)).text()
    let wide = Self.grid(rows: 2, options: Self.mono(120)).text()
    #expect(narrow.components(separatedBy: "#1").count == 2)
    // Both captions on one line when wide.
    #expect(wide.split(separator: "\n").contains { $0.contains("#0") && $0.contains("#1") })
    #expect(!narrow.split(separator: "\n").contains { $0.contains("#0") && $0.contains("#1") })
  }

  @Test func gridTextInColourUsesHalfBlocks() {
    var options = Self.mono()
    options.colorMode = .truecolor
    options.glyphs = .unicode
    let text = Self.grid(rows: 1, options: options).text()
    #expect(text.contains("▀"))
    #expect(text.contains("\u{1B}[38;2;"))
    #expect(text.contains("0 at white"))
  }

  @Test func gridSVGHasOneCellPerPixelPerMap() throws {
    let grid = Self.grid(rows: 2, summary: true)
    let svg = try SVGCheck(grid.svg())
    for kind in ["input", "attribution", "overlay"] {
      #expect(
        try svg.count("//g[@class='map'][@data-kind='\(kind)']/rect[@class='cell']") == 2 * 16)
    }
    #expect(try svg.count("//g[@class='map'][@data-kind='summary']/rect[@class='cell']") == 16)
    // Every cell says its value.
    #expect(try svg.count("//rect[@class='cell']/title") == 3 * 2 * 16 + 16)
    // A colour bar with values next to each attribution map and the summary.
    #expect(try svg.count("//g[@class='colorbar']") == 3)
    let values = try svg.document.nodes(forXPath: "//text[@class='colorbar-value']").compactMap(
      \.stringValue)
    #expect(values.contains("0.5") && values.contains("-0.5"))
    let texts = try svg.texts()
    #expect(texts.contains("method: gradient"))
    #expect(texts.contains("gradient") && texts.contains("overlay") && texts.contains("input"))
    #expect(texts.contains("predicted 1 (97%)"))
  }

  @Test func gridSVGScalesLargerImagesToTheSameSide() throws {
    let big = Matrix(rows: 28, columns: 28, values: (0..<784).map { Double($0 % 28) / 28 })
    let grid = SaliencyGrid(
      mapTitles: ["trained", "randomized"], signed: false, overlay: false,
      rows: [.init(label: "#0", details: [], input: big, maps: [big, big])])
    let svg = try SVGCheck(grid.svg())
    #expect(try svg.count("//g[@class='map']/rect[@class='cell']") == 3 * 784)
    #expect(try svg.count("//g[@data-kind='overlay']") == 0)
    #expect(try svg.count("//g[@class='colorbar']") == 2)
  }

  @Test func gridSVGStaysSmallHoweverLargeOrManyTheImages() throws {
    // Four rows of 300×300 images: 360,000 pixels a row with the map and the overlay.
    let side = 300
    let big = Matrix(
      rows: side, columns: side, values: (0..<(side * side)).map { sin(Double($0) * 0.01) })
    let grid = SaliencyGrid(
      mapTitles: ["gradient"], signed: true, overlay: true,
      rows: (0..<4).map { .init(label: "#\($0)", details: [], input: big, maps: [big]) },
      summary: .init(title: "mean", map: big))
    let document = grid.svg()
    let svg = try SVGCheck(document)
    let cells = try svg.count("//g[@class='map']/rect[@class='cell']")
    #expect(cells <= SaliencyGrid.maximumSVGCells)
    #expect(cells >= SaliencyGrid.maximumSVGCells / 2, "images shrunk more than needed: \(cells)")
    #expect(document.utf8.count < 4_000_000, "\(document.utf8.count) bytes")
    // Each cell is a block of pixels, and its tooltip says which.
    #expect(document.contains("input #1, rows 1–9, columns 1–9:"))
    // A hundred rows of 64×64 images hold the same bound.
    let image = Matrix(rows: 64, columns: 64, values: (0..<4096).map { Double($0 % 7) })
    let many = SaliencyGrid(
      mapTitles: ["trained", "randomized"], signed: false, overlay: false,
      rows: (0..<100).map {
        .init(label: "#\($0)", details: [], input: image, maps: [image, image])
      })
    let text = many.svg()
    #expect(try SVGCheck(text).count("//rect[@class='cell']") <= SaliencyGrid.maximumSVGCells)
    #expect(text.utf8.count < 4_000_000, "\(text.utf8.count) bytes")
  }

  // MARK: Bars

  static let names = ["sepal_length", "sepal_width", "petal_length", "petal_width"]

  @Test func signedBarsText() {
    let bars = AttributionBars(
      names: Self.names, panels: [.init(title: "input #3", values: [1, 0.5, -1.5, 0])],
      signed: true,
      notes: ["method: gradient × input"], options: Self.mono(50))
    #expect(
      bars.text() == """
        input #3
        sepal_length                    |############    1
        sepal_width                     |######        0.5
        petal_length   #################|             -1.5
        petal_width                     |                0
                      -1.6              0           1
        right of |: for the class, left: against
        method: gradient × input

        """)
  }

  @Test func barsSVGHasOneBarPerFeatureInEachPanel() throws {
    let bars = AttributionBars(
      names: Self.names,
      panels: [
        .init(title: "trained", values: [0.1, 0.4, 2.5, 1.2]),
        .init(title: "randomized weights", values: [0.3, 0.2, 0.1, 0.05]),
      ], signed: false, notes: ["method: gradient"])
    let svg = try SVGCheck(bars.svg())
    #expect(try svg.count("//rect[@class='bar']") == 8)
    #expect(try svg.count("//text[@class='feature']") == 8)
    #expect(try svg.count("//rect[@class='bar']/title") == 8)
    let texts = try svg.texts()
    #expect(texts.contains("petal_length") && texts.contains("method: gradient"))
    #expect(texts.contains("2.5") && texts.contains("0.05"))
    #expect(try svg.count("//text[@class='tick']") >= 4)
    #expect(try svg.count("//line[@class='zero']") == 0)
  }

  @Test func signedBarsSVGDrawsTheZeroLineAndTheLegend() throws {
    let bars = AttributionBars(
      names: ["a", "b"], panels: [.init(title: "one input", values: [-2, 3])], signed: true)
    let svg = try SVGCheck(bars.svg())
    #expect(try svg.count("//line[@class='zero']") == 1)
    #expect(try svg.texts().contains("against"))
  }

  // MARK: Arrows

  @Test func arrowsOnTheDecisionBoundary() throws {
    var chart = DecisionBoundary(
      gridColumns: 4, gridRows: 4,
      labels: Array(repeating: 0, count: 8) + Array(repeating: 1, count: 8),
      confidences: Array(repeating: 0.9, count: 16), xDomain: -1...1, yDomain: -1...1,
      points: [.init(x: -0.5, y: 0.5, label: 0), .init(x: 0.5, y: -0.5, label: 1)],
      classNames: ["a", "b"], options: Self.mono(40))
    chart.arrows = [
      .init(x: -0.5, y: 0.5, dx: 0, dy: 1, label: 0),
      .init(x: 0.5, y: -0.5, dx: -1, dy: 0, label: 1),
    ]
    let svg = try SVGCheck(chart.svg())
    #expect(try svg.count("//g[@class='arrows']/g[@class='arrow']") == 2)
    let text = chart.text()
    #expect(text.contains("^") && text.contains("<"))
    var unicode = chart
    unicode.options.glyphs = .unicode
    #expect(unicode.text().contains("↑") && unicode.text().contains("←"))
  }

  /// The legend lists the classes drawn (as points or regions), not every class named.
  @Test func theLegendListsOnlyWhatIsDrawn() throws {
    let chart = DecisionBoundary(
      gridColumns: 4, gridRows: 4,
      labels: Array(repeating: 0, count: 8) + Array(repeating: 2, count: 8),
      confidences: Array(repeating: 0.9, count: 16), xDomain: -1...1, yDomain: -1...1,
      points: [.init(x: -0.5, y: 0.5, label: 0), .init(x: 0.5, y: -0.5, label: 1)],
      classNames: ["alpha", "beta", "gamma", "delta"], options: Self.mono(60))
    let texts = try SVGCheck(chart.svg()).texts()
    // alpha: points and a region; beta: a point; gamma: a region; delta: nothing.
    for name in ["alpha", "beta", "gamma"] { #expect(texts.contains(name), "\(texts)") }
    #expect(!texts.contains("delta"), "\(texts)")
    let text = chart.text()
    #expect(text.contains("alpha") && text.contains("beta") && text.contains("gamma"))
    #expect(!text.contains("delta"), "\(text)")
  }

  // MARK: Adapter

  @Test(arguments: [
    ([64], AttributionViews.InputKind.image(rows: 8, columns: 8)),
    ([784], .image(rows: 28, columns: 28)),
    ([3, 8, 8], .image(rows: 24, columns: 8)),
    ([4], .features),
    ([16], .features),
    ([2], .plane),
    ([1], .features),
  ])
  func inputKinds(_ shape: [Int], _ kind: AttributionViews.InputKind) {
    #expect(AttributionViews.inputKind(shape) == kind)
  }

  static func model(_ inputs: Int, _ classes: Int) throws -> Sequential {
    var model = try Sequential(name: "net", inputShape: [inputs])
    try model.append(Dense(inputSize: inputs, outputSize: 8, activation: .tanh, seed: 1))
    try model.append(Dense(inputSize: 8, outputSize: classes, activation: .softmax, seed: 2))
    return model
  }

  @Test func digitsGiveImageRowsAndAMeanMap() throws {
    let data = try BundledDatasets.digits().subset(Array(0..<20))
    let view = try AttributionViews.saliency(
      try Self.model(64, 10), on: data, request: .init(method: .integratedGradients, count: 3))
    guard case .images(let grid) = view else {
      Issue.record("expected images")
      return
    }
    #expect(grid.rows.count == 3)
    #expect(grid.rows[0].input.rows == 8 && grid.rows[0].maps[0].columns == 8)
    #expect(grid.summary?.title == "mean |attribution| over all 20 inputs")
    #expect(grid.notes.contains { $0.contains("integrated gradients, 50 steps") })
    #expect(grid.notes.contains { $0.hasPrefix("completeness gap") })
    #expect(grid.notes.contains { $0.contains("relative to |f(x) − f(baseline)|") })
    let svg = try SVGCheck(view.svg())
    #expect(try svg.count("//g[@data-kind='attribution']/rect[@class='cell']") == 3 * 64)
  }

  @Test func irisGivesRankedBarsOrOneInputsSignedBars() throws {
    let data = try BundledDatasets.iris()
    let model = try Self.model(4, 3)
    guard
      case .bars(let ranked) = try AttributionViews.saliency(
        model, on: data, request: .init(method: .gradientTimesInput))
    else {
      Issue.record("expected bars")
      return
    }
    #expect(!ranked.signed)
    #expect(Set(ranked.names) == Set(data.featureNames))
    let values = ranked.panels[0].values
    #expect(values == values.sorted(by: >))
    guard
      case .bars(let one) = try AttributionViews.saliency(
        model, on: data, request: .init(method: .gradientTimesInput, index: 7))
    else {
      Issue.record("expected bars")
      return
    }
    #expect(one.signed && one.names == data.featureNames)
    #expect(one.panels[0].title.hasPrefix("input #7 · true setosa"))
  }

  @Test func sanityReportsTheCorrelationAndAVerdict() throws {
    let data = try BundledDatasets.digits().subset(Array(0..<30))
    let report = try AttributionViews.sanity(
      try Self.model(64, 10), on: data, method: .gradientTimesInput, count: 2)
    #expect(report.verdict[0].contains("rank correlation"))
    #expect(report.verdict[1].hasPrefix(report.passed ? "Passed" : "Failed"))
    #expect(report.passed == (report.result.meanRankCorrelation < AttributionViews.sanityThreshold))
    guard case .images(let grid) = report.view else {
      Issue.record("expected images")
      return
    }
    #expect(grid.rows.count == 2 && grid.mapTitles == ["trained", "randomized"])
  }
}
