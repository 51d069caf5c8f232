import Foundation
import NNVCore
import NNVPlot
import Testing

/// One text snapshot and one SVG structure test per chart.
@Suite struct ChartTests {
  static func ascii(_ width: Int = 40, height: Int = 6) -> ChartOptions {
    ChartOptions(width: width, height: height, colorMode: .none, glyphs: .ascii)
  }

  @Test func lineChartText() {
    let chart = LineChart([Series("loss", values: [4, 3, 2, 1.5, 1, 0.8])], options: Self.ascii())
    let text = chart.text()
    // The inline picture: read it when it changes.
    #expect(
      text == """
        4 +*****
          |     *****
        2 +          ****
          |              ***********
          |                         **********
        0 +
          +------+-------------+-------------+
                 2             4             6
           ** loss

        """)
  }

  @Test func lineChartHandlesNaNEmptyAndNarrow() {
    #expect(LineChart([Series("x", values: [.nan])]).text().contains("no finite values"))
    #expect(LineChart([]).text().contains("no finite values"))
    let narrow = LineChart([Series("x", values: [1, 2])], options: ChartOptions(width: 1)).text()
    #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= ChartOptions.minimumWidth })
    let log = LineChart([Series("x", values: [0, 1, 10, 100])], logY: true).text()
    #expect(log.contains("100"))
  }

  @Test func extremeValuesNeitherTrapNorHang() throws {
    let extremes = [1e308, -1e308, 0, .nan, 5e-324, -.greatestFiniteMagnitude]
    for chart in [
      LineChart([Series("x", values: extremes)]),
      LineChart([Series("x", values: extremes)], logY: true),
    ] {
      #expect(chart.text().contains("┤"))
      _ = try SVGCheck(chart.svg())
    }
    let histogram = Histogram(extremes)
    #expect(histogram.bins.counts.reduce(0, +) == 5)
    #expect(histogram.text().contains("(1 NaN or infinite values left out)"))
    _ = try SVGCheck(histogram.svg())
    let scale = Scale(domain: -1e308...1e308, range: 0...100)
    #expect(scale(0).isFinite && abs(scale(0) - 50) < 1)
    #expect(scale(.nan) == 0)
    #expect(scale(.infinity) == 100)
  }

  @Test func lineChartSVG() throws {
    let chart = LineChart(
      [
        Series("train", values: [1, 0.5, 0.25]),
        Series("validation", values: [1.2, 0.7, .nan], dashed: true),
      ])
    let svg = try SVGCheck(chart.svg())
    #expect(try svg.count("//circle[@class='point']") == 5)
    #expect(try svg.count("//polyline") == 2)
    #expect(try svg.texts().contains("validation"))
    #expect(try svg.count("//circle/title") == 5)
  }

  @Test func histogramText() throws {
    let chart = Histogram([1, 2, 2, 3, 3, 3, 4, 4, 5], bins: 5, options: Self.ascii(30, height: 4))
    #expect(
      chart.text() == """
          |          ####
        2 +     #### #### ####
          |     #### #### ####
        0 +#### #### #### #### ####
          ++----+----+----+----+---+
          1.0  1.8  2.6  3.4  4.2 5.0

        """)
    let svg = try SVGCheck(chart.svg())
    #expect(try svg.count("//rect[@class='bar']") == chart.bins.counts.count)
    #expect(chart.bins.counts.reduce(0, +) == 9)
  }

  @Test func heatmapText() throws {
    let matrix = Matrix([[-1, 0, 1], [0.5, .nan, -0.5]])
    let chart = Heatmap(
      matrix, options: Self.ascii(), colorMap: .diverging, rowName: "input", columnName: "unit")
    #expect(
      chart.text() == """
         1 @@  @@
         2 ++??++
           1    3
        2 inputs × 3 units
        |value|: 0 [ .:-=+*#%@] 1 (sign not shown without colour)
        1 NaN or infinite entries shown as ?

        """)
    let svg = try SVGCheck(chart.svg())
    #expect(try svg.count("//rect[@class='cell']") == 6)
    #expect(try svg.count("//text[@class='colorbar-value']") >= 3)
    #expect(Heatmap(Matrix([])).text().contains("empty: 0×0"))
    #expect(try SVGCheck(Heatmap(Matrix([])).svg()).count("//rect[@class='cell']") == 0)
  }

  @Test func heatmapColorUsesHalfBlocks() {
    let chart = Heatmap(
      Matrix([[0, 1], [1, 0]]), options: ChartOptions(width: 30, colorMode: .truecolor))
    let text = chart.text()
    #expect(text.contains("▀"))
    #expect(text.contains("\u{1B}[38;2;68;1;84m"))
  }

  @Test func confusionMatrix() throws {
    let chart = ConfusionMatrix(
      actual: [0, 0, 0, 1, 1, 2], predicted: [0, 0, 1, 1, 1, 0], classNames: ["cat", "dog", "eel"],
      options: Self.ascii(60))
    #expect(
      chart.text() == """
        actual \\ predicted
                       cat    dog    eel   recall
          cat            2      1      0    66.7%
          dog            0      2      0   100.0%
          eel            1      0      0     0.0%
          precision  66.7%  66.7%      –
        accuracy 66.7% of 6 samples

        """)
    // Ten classes do not fit 60 columns with one decimal; the percentages drop it.
    let ten = ConfusionMatrix(
      actual: Array(0..<10) + [3], predicted: Array(0..<10) + [4],
      classNames: (0..<10).map(String.init),
      options: Self.ascii(70))
    let lines = ten.text().split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 70 })
    #expect(lines.contains { $0.hasPrefix("  3 ") && $0.hasSuffix("  50%") })
    let svg = try SVGCheck(chart.svg())
    #expect(try svg.count("//rect[@class='cell']") == 9)
    #expect(try svg.count("//text[@class='recall']") == 3)
    #expect(try svg.texts().contains("66.7%"))
  }

  @Test func summaryTable() throws {
    let table = SummaryTable(
      modelName: "net", inputShape: [2],
      layers: [
        LayerSummary(
          name: "dense_1", kind: "dense", outputShape: [8], parameters: 24, activation: "tanh"),
        LayerSummary(
          name: "dense_2", kind: "dense", outputShape: [1], parameters: 9, activation: "sigmoid",
          flags: ["all weights zero"]),
      ], options: Self.ascii())
    Snapshot.assert(table.text(), named: "summaryTable")
    let svg = try SVGCheck(table.svg())
    #expect(try svg.texts().contains("total parameters: 33"))
    // The picture ends just below its last line, with no blank band under it.
    let lines = try svg.document.nodes(forXPath: "//text/@y").compactMap {
      $0.stringValue.flatMap(Double.init)
    }
    let lastLine = try #require(lines.max())
    let height = table.document().height
    #expect(height > lastLine + 8 && height < lastLine + 40, "last line \(lastLine), \(height)")
  }

  @Test func decisionBoundary() throws {
    // Class 1 on the right half; two points, one of them test data.
    let side = 4
    let labels = (0..<(side * side)).map { $0 % side >= 2 ? 1 : 0 }
    let chart = DecisionBoundary(
      gridColumns: side, gridRows: side, labels: labels,
      confidences: Array(repeating: 0.9, count: 16),
      xDomain: 0...1, yDomain: 0...1,
      points: [.init(x: 0.1, y: 0.9, label: 0), .init(x: 0.9, y: 0.1, label: 1, isTest: true)],
      classNames: ["a", "b"], options: Self.ascii(24, height: 4))
    Snapshot.assert(chart.text(), named: "decisionBoundary")
    let svg = try SVGCheck(chart.svg())
    #expect(try svg.count("//circle[contains(@class,'point')]") == 2)
    #expect(try svg.count("//g[@class='regions']/rect") == 4 * 2)
    let empty = DecisionBoundary(
      gridColumns: 0, gridRows: 0, labels: [], confidences: [], xDomain: 0...0,
      yDomain: -Double.infinity...Double.infinity,
      points: [], classNames: [])
    #expect(empty.text().contains("empty"))
    _ = try SVGCheck(empty.svg())
  }

  @Test func regressionSurface() throws {
    let surface = RegressionSurface(
      gridColumns: 4, gridRows: 3, values: (0..<12).map(Double.init), xDomain: 0...1,
      yDomain: 0...1,
      points: [.init(x: 0.1, y: 0.9, target: 0), .init(x: 0.9, y: 0.1, target: 11, isTest: true)],
      options: Self.ascii())
    let text = surface.text()
    #expect(text.contains("output: 0 [ .:-=+*#%@] 11"))
    #expect(text.contains("O: test"))
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= Self.ascii().width })
    let svg = try SVGCheck(surface.svg())
    #expect(try svg.count("//circle[@class='point train']") == 1)
    #expect(try svg.count("//circle[@class='point test']") == 1)
    // Twelve distinct values, no equal neighbours to merge: one rectangle per cell.
    #expect(try svg.count("//g[@class='surface']/rect") == 12)
    #expect(try svg.count("//g[@class='colorbar']") == 1)
  }

  @Test func networkDiagram() throws {
    let weights = Matrix(rows: 784, columns: 128, values: (0..<(784 * 128)).map { sin(Double($0)) })
    let out = Matrix(rows: 128, columns: 10, values: (0..<1280).map { cos(Double($0)) })
    let diagram = NetworkDiagram(
      inputShape: [784],
      layers: [
        LayerSummary(
          name: "dense_1", kind: "dense", outputShape: [128], parameters: 100_480,
          activation: "relu"),
        LayerSummary(
          name: "dense_2", kind: "dense", outputShape: [10], parameters: 1290, activation: "softmax"
        ),
      ],
      connections: [
        .init(weights: weights, layerName: "dense_1"), .init(weights: out, layerName: "dense_2"),
      ],
      options: Self.ascii())
    Snapshot.assert(diagram.text(), named: "networkDiagram")
    let clock = ContinuousClock()
    var text = ""
    let elapsed = clock.measure { text = diagram.svg() }
    print("784-128-10 diagram SVG: \(text.utf8.count) bytes in \(elapsed)")
    #expect(text.utf8.count < 1_000_000)
    let svg = try SVGCheck(text)
    #expect(try svg.count("//rect[@class='block']") == 3)
    // 10 + 10 + 10 neurons shown (9 each plus ellipses for the two big layers).
    #expect(try svg.count("//circle[@class='neuron']") == 9 + 9 + 10)
    #expect(try svg.count("//line[@class='edge']") == 9 * 9 + 9 * 10)

    var horizontal = diagram
    horizontal.horizontal = true
    horizontal.options.width = 40
    let lines = horizontal.text().split(separator: "\n")
    // Three blocks do not fit 40 columns side by side, so they wrap into rows of four lines.
    #expect(lines.count == 8 || lines.count == 12)
    #expect(lines.allSatisfy { $0.count <= 40 })
    #expect(lines[1].contains("input") && lines[1].contains("->"))
    let row = try SVGCheck(horizontal.svg())
    #expect(try row.count("//rect[@class='block']") == 3)
    #expect(try row.count("//circle[@class='neuron']") == 9 + 9 + 10)
  }
}
