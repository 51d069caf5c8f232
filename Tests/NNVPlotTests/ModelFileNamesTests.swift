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
}
