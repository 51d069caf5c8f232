import NNVCore
import NNVPlot
import Testing

/// `plot activation` and `plot loss` as views: the chart from the core's curves, and the
/// formulas under it in the spelling the chart draws with.
@Suite struct FormulaViewTests {
  @Test func activationViewShowsBothFormulasUnderTheChart() throws {
    let curve = try ActivationCurve(.tanh)
    let view = ModelViews.activation(curve, options: ChartOptions(width: 60))
    let text = view.text()
    let lines = text.split(separator: "\n").map(String.init)
    #expect(
      lines.suffix(2) == ["tanh(x) = (e^x − e^−x) / (e^x + e^−x)", "tanh′(x) = 1 − tanh(x)²"])
    #expect(text.hasPrefix(view.chart.text()))
    #expect(view.chart.series.map(\.name) == ["tanh", "derivative"])
    // The plotted points are the curve's.
    let slopes = view.chart.series[1].points.map(\.y)
    #expect(slopes == curve.slopes.map(Double.init))

    let ascii = ModelViews.activation(curve, options: ChartOptions(width: 60, glyphs: .ascii))
    #expect(ascii.text().contains("tanh'(x) = 1 - tanh(x)^2"))
    #expect(ascii.text().unicodeScalars.allSatisfy { $0.isASCII })

    let check = try SVGCheck(view.svg())
    let notes = try check.document.nodes(forXPath: "/svg/text[@class='note']")
    #expect(notes.compactMap(\.stringValue).contains("tanh′(x) = 1 − tanh(x)²"))
  }

  @Test func lossViewHasALinePerTargetAndTheirFormulas() throws {
    let view = ModelViews.loss(try LossCurve.curves(.binaryCrossEntropy))
    #expect(view.chart.series.map(\.name) == ["target 1", "target 0"])
    #expect(view.chart.options.xLabel == "p, the predicted probability of class 1")
    #expect(view.formulas.count == 3)
    let text = view.text()
    #expect(text.contains("t = 1: L = −log p\nt = 0: L = −log(1 − p)\n"))
    _ = try SVGCheck(view.svg())
    #expect(ModelViews.loss([]).formulas.isEmpty)
  }

  /// A formula wider than the terminal wraps at spaces.
  @Test func longFormulasWrapToTheWidth() throws {
    let view = ModelViews.activation(try ActivationCurve(.gelu), options: ChartOptions(width: 40))
    for line in view.text().split(separator: "\n") { #expect(line.count <= 40, "\(line)") }
    #expect(view.text().contains("gelu′(x) = Φ(x) + x·φ(x), where"))
  }
}
