import NNVCore

/// `weights`: one layer's weights over histograms of every layer's weights and biases. A dense
/// layer's weight matrix is a heatmap (blue negative, white zero, red positive); a conv layer's
/// kernels are a histogram of their values with each filter's spread (`KernelChart`), the
/// pictures being the `filters` view's.
public struct WeightsView: Chart {
  /// What the view shows of the chosen layer.
  public enum Focus: Sendable {
    /// A dense layer's weight matrix.
    case matrix(Heatmap)
    /// A conv layer's kernel weights.
    case kernels(KernelChart)
  }

  public var focus: Focus
  public var histograms: [Histogram]

  /// The view of `model`'s weights with layer `layer` (from 0, among the layers with weights
  /// to show: `ModelViews.weightLayers`) in focus; nil when the model has no such layer.
  public init?(_ model: Sequential, layer: Int, options: ChartOptions = ChartOptions()) {
    let layers = ModelViews.weightLayers(model)
    guard layers.indices.contains(layer) else { return nil }
    switch layers[layer] {
    case .matrix(let name, let weights, _):
      var heatOptions = options
      heatOptions.title = "\(name) weights (\(weights.rows) inputs × \(weights.columns) units)"
      focus = .matrix(
        Heatmap(
          weights, options: heatOptions, colorMap: .diverging, rowName: "input",
          columnName: "unit"))
    case .kernels(let distribution):
      focus = .kernels(KernelChart(distribution, model: model.name, options: options))
    }
    var histogramOptions = options
    histogramOptions.height = 5
    histograms = layers.flatMap { layer -> [Histogram] in
      var w = histogramOptions
      var b = histogramOptions
      b.title = "\(layer.name) biases"
      switch layer {
      case .matrix(let name, let weights, let bias):
        w.title = "\(name) weights"
        return [
          Histogram(weights.values, options: w),
          Histogram(bias, options: b, color: CategoricalPalette.color(1)),
        ]
      case .kernels(let distribution):
        w.title = "\(layer.name) kernel weights"
        return [
          Histogram(distribution.kernels.weights.map(Double.init), options: w),
          Histogram(
            distribution.kernels.bias.map(Double.init), options: b,
            color: CategoricalPalette.color(1)),
        ]
      }
    }
  }

  public func text() -> String {
    let top: String
    switch focus {
    case .matrix(let heatmap): top = heatmap.text()
    case .kernels(let chart): top = chart.text()
    }
    return top + histograms.map { "\n" + $0.text() }.joined()
  }

  /// The chosen layer's matrix with its colour bar, or its kernels' chart, then a grid of
  /// histograms, two per row.
  public func document() -> SVGDocument {
    let width = 720.0
    let histogramHeight = 150.0
    let rows = (histograms.count + 1) / 2
    let used: Double
    var top: SVGDocument?
    switch focus {
    case .matrix(let heatmap):
      // The matrix keeps square cells, so a wide matrix is short: the histograms start below
      // the space it actually took (or its colour bar, whichever is lower).
      let matrix = heatmap.matrix
      let probe = matrix.isEmpty ? 1 : Double(matrix.rows) / Double(matrix.columns)
      used = 60 + Swift.max(90, Swift.min(300 - 20, (width - 220) * probe)) + 30
    case .kernels(let chart):
      let document = chart.document()
      top = document
      used = document.height
    }
    var doc = SVGDocument(
      width: width, height: used + Double(rows) * (histogramHeight + 30) + 20)
    switch focus {
    case .matrix(let heatmap):
      SVGAxes.title(&doc, heatmap.options.title, width: width)
      heatmap.draw(
        into: &doc, area: Box(x: 70, y: 50, width: width - 220, height: 300 - 20),
        colorBar: true)
    case .kernels:
      if let top { doc.place(top) }
    }
    for (i, histogram) in histograms.enumerated() {
      let x = 60 + Double(i % 2) * (width / 2)
      let y = used + Double(i / 2) * (histogramHeight + 30)
      doc.text(histogram.options.title ?? "", x: x, y: y, size: 12, weight: "bold")
      histogram.draw(
        into: &doc, plot: Box(x: x, y: y + 12, width: width / 2 - 90, height: histogramHeight - 40),
        label: histogram.options.title ?? "values", small: true)
    }
    return doc.titled(title)
  }

  /// The title of the drawing: the chosen layer's.
  var title: String {
    switch focus {
    case .matrix(let heatmap): heatmap.options.title ?? "weights"
    case .kernels(let chart): chart.title
    }
  }
}
