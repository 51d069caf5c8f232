import NNVCore

/// The dashboard as one SVG page: the status line as its heading, then the same charts as the
/// terminal's in two columns, with the network drawn by the `diagram` view (neurons, and edges
/// by weight) instead of the terminal's blocks of cells.
extension DashboardView {
  /// The page: the status as its heading, the charts in two columns.
  public func document() throws -> SVGDocument {
    var o = options
    (o.svgWidth, o.svgHeight) = (560, 360)
    let (left, right) = try documentColumns(o)
    let top = 36.0
    let leftWidth = left.map(\.width).max() ?? 0
    let width = leftWidth + (right.map(\.width).max() ?? 0)
    let height = Swift.max(
      left.map(\.height).reduce(0, +), right.map(\.height).reduce(0, +))
    var page = SVGDocument(width: Swift.max(width, 640), height: height + top)
    var plain = options
    plain.colorMode = .none
    // SVG text collapses runs of spaces: the parts are set apart with dots.
    let heading = status.line(width: 160, options: plain)
      .replacingOccurrences(of: "  ", with: " · ")
    page.text(heading, x: 16, y: 24, size: 15, weight: "bold")
    for (column, documents) in [(0.0, left), (leftWidth, right)] {
      var y = top
      for document in documents {
        page.place(document, x: column, y: y)
        y += document.height
      }
    }
    return page.titled("\(model.name): training")
  }

  /// The documents of each column, top to bottom.
  func documentColumns(_ o: ChartOptions) throws -> (left: [SVGDocument], right: [SVGDocument]) {
    let (loss, accuracy) = ModelViews.history([model], options: o)
    let curves = [loss.document()] + (accuracy.map { [$0.document()] } ?? [])
    switch layout {
    case .plane, .curve:
      let view = BoundaryView(model, train: train, test: validation, options: o)
      let plane = try view.chart(
        resolution: BoundaryView.defaultResolution, thumbnails: false, options: o)
      var diagramOptions = o
      diagramOptions.title = "the network, edges by weight"
      let diagram = ModelViews.diagram(model, horizontal: true, options: diagramOptions)
      return ([plane.document(), diagram.document()], curves)
    case .curves:
      var side = [ModelViews.weightStrips(model, options: o).document()]
      if var chart = try confusionChart() {
        (chart.options.svgWidth, chart.options.svgHeight) = (o.svgWidth, o.svgHeight)
        side.append(chart.document())
      }
      return (curves, side)
    }
  }
}
