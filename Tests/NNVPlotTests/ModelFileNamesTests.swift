import Foundation
import NNVCore
import NNVPlot
import Testing

/// Feature names read from a model file are text a stranger wrote: the views that show them
/// write them as text, escaped in SVG, never as markup.
@Suite struct ModelFileNamesTests {
  @Test func featureNamesFromAFileAreEscapedInSVG() throws {
    var model = try ExplanationViewTests.net()
    model.featureNames = ["<script>alert(1)</script>", "a&b \"q\""]
    let loaded = try ModelArchive.decode(try ModelArchive.encode(model))
    #expect(loaded.featureNames == model.featureNames)
    let explanation = try ForwardExplanation(
      loaded, sample: try Tensor(shape: [2], scalars: [1, 0.5]))
    let view = ForwardExplanationView(explanation, sampleName: "x", options: ChartOptions())
    // The terminal shows the names as they are.
    #expect(try view.text().contains("features: <script>alert(1)</script>, a&b \"q\""))
    let svg = try view.document().render()
    _ = try SVGCheck(svg)  // well-formed XML: every name escaped
    #expect(!svg.contains("<script>"))
    #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(svg.contains("a&amp;b"))
  }

  @Test func theSummaryNamesAFlatInputsFeatures() throws {
    var model = try Sequential(name: "net", inputShape: [4])
    try model.append(Dense(inputSize: 4, outputSize: 3, activation: .softmax, seed: 1))
    model.featureNames = ["sepal_length", "sepal_width", "petal_length", "petal\u{1B}[2J"]
    let loaded = try ModelArchive.decode(try ModelArchive.encode(model))
    let table = ModelViews.summary(loaded)
    let expected = """
      model net: input [4]
        features: sepal_length, sepal_width, petal_length, petal\\u{1B}[2J
      ──────────────────────────────────────────
        layer  kind   output  params  activation
      ──────────────────────────────────────────
        dense  dense  [3]         15  softmax
      ──────────────────────────────────────────
        total parameters: 15 (60 B)
        trainable: 15, non-trainable: 0

      """
    #expect(table.text() == expected)
    let svg = table.document().render()
    _ = try SVGCheck(svg)
    #expect(svg.contains("features: sepal_length, sepal_width"))
    // Default names, or a sequence's names for each step, add no line.
    model.featureNames = ["x1", "x2", "x3", "x4"]
    #expect(!ModelViews.summary(model).text().contains("features"))
    var steps = try Sequential(name: "s", inputShape: [3, 2])
    steps.featureNames = ["a", "b"]
    #expect(!ModelViews.summary(steps).text().contains("features"))
    // A long list is cut to the width.
    model.featureNames = (1...4).map { String(repeating: "f\($0)", count: 12) }
    let narrow = ModelViews.summary(model, options: ChartOptions(width: 40)).text()
    let line = try #require(narrow.split(separator: "\n").first { $0.contains("features") })
    #expect(line.count == 40 && line.hasSuffix("…"))
  }
}
