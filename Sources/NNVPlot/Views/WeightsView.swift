import NNVCore

/// `weights`: one layer's weight matrix as a heatmap (blue negative, white zero, red
/// positive) over histograms of every layer's weights and biases.
public struct WeightsView: Chart {
  public var heatmap: Heatmap
  public var histograms: [Histogram]

  /// The view of `model`'s weights with layer `layer` (from 0, among the layers with a weight
  /// matrix) as the heatmap; nil when the model has no such layer.
  public init?(_ model: Sequential, layer: Int, options: ChartOptions = ChartOptions()) {
    let layers = ModelViews.denseWeights(model)
    guard layers.indices.contains(layer) else { return nil }
    let chosen = layers[layer]
    var heatOptions = options
    heatOptions.title =
      "\(chosen.name) weights (\(chosen.weights.rows) inputs × \(chosen.weights.columns) units)"
    heatmap = Heatmap(
      chosen.weights, options: heatOptions, colorMap: .diverging, rowName: "input",
      columnName: "unit")
    var histogramOptions = options
    histogramOptions.height = 5
    histograms = layers.flatMap { layer -> [Histogram] in
      var w = histogramOptions
      w.title = "\(layer.name) weights"
      var b = histogramOptions
      b.title = "\(layer.name) biases"
      return [
        Histogram(layer.weights.values, options: w),
        Histogram(layer.bias, options: b, color: CategoricalPalette.color(1)),
      ]
    }
  }

  public func text() -> String {
    heatmap.text() + histograms.map { "\n" + $0.text() }.joined()
  }

  /// The matrix with its colour bar, then a grid of histograms, two per row.
  public func document() -> SVGDocument {
    let width = 720.0
    let heatHeight = 300.0
    let histogramHeight = 150.0
    let rows = (histograms.count + 1) / 2
    // The matrix keeps square cells, so a wide matrix is short: the histograms start below
    // the space it actually took (or its colour bar, whichever is lower).
    let matrix = heatmap.matrix
    let probe = matrix.isEmpty ? 1 : Double(matrix.rows) / Double(matrix.columns)
    let used = Swift.max(90, Swift.min(heatHeight - 20, (width - 220) * probe)) + 30
    var doc = SVGDocument(
      width: width, height: 60 + used + Double(rows) * (histogramHeight + 30) + 20)
    SVGAxes.title(&doc, heatmap.options.title, width: width)
    heatmap.draw(
      into: &doc, area: Box(x: 70, y: 50, width: width - 220, height: heatHeight - 20),
      colorBar: true)
    for (i, histogram) in histograms.enumerated() {
      let x = 60 + Double(i % 2) * (width / 2)
      let y = 60 + used + Double(i / 2) * (histogramHeight + 30)
      doc.text(histogram.options.title ?? "", x: x, y: y, size: 12, weight: "bold")
      histogram.draw(
        into: &doc, plot: Box(x: x, y: y + 12, width: width / 2 - 90, height: histogramHeight - 40),
        label: histogram.options.title ?? "values", small: true)
    }
    return doc.titled(heatmap.options.title ?? "weights")
  }
}
