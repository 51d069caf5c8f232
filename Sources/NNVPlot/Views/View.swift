/// What a view command shows: a value drawn as terminal text or as an SVG document.
///
/// A view is built from what the core computed and the chart options; drawing it computes
/// nothing about the model. Either drawing may fail, and a failure is an error, never an empty
/// picture. Pages of several views compose their documents (`SVGDocument.place`), not their
/// rendered text.
public protocol View: Sendable {
  /// The terminal drawing, each line ending in a line break.
  func text() throws -> String
  /// The SVG drawing, to write as a file or to place in a page.
  func document() throws -> SVGDocument
}

extension View {
  /// The text of an SVG file of the view.
  public func svg() throws -> String { try document().render() }
}

/// A view whose drawings cannot fail: the charts, which draw values already computed.
public protocol Chart: View {
  func text() -> String
  func document() -> SVGDocument
}

extension Chart {
  /// The text of an SVG file of the chart.
  public func svg() -> String { document().render() }
}

extension LineChart: Chart {}
extension Histogram: Chart {}
extension Heatmap: Chart {}
extension ConfusionMatrix: Chart {}
extension DecisionBoundary: Chart {}
extension RegressionSurface: Chart {}
extension NetworkDiagram: Chart {}
extension NetworkWeights: Chart {}
extension DistributionStrips: Chart {}
extension SummaryTable: Chart {}
extension SaliencyGrid: Chart {}
extension AttributionBars: Chart {}

/// Views one under another: the terminal drawings separated by a blank line, the documents
/// stacked in one page as wide as the widest.
public struct StackedView: View {
  public var views: [any View]
  /// The page's title; the first view's when nil.
  public var title: String?

  public init(_ views: [any View], title: String? = nil) {
    self.views = views
    self.title = title
  }

  public func text() throws -> String {
    try views.map { try $0.text() }.joined(separator: "\n")
  }

  public func document() throws -> SVGDocument {
    let documents = try views.map { try $0.document() }
    guard documents.count > 1 else {
      return documents.first ?? SVGDocument(width: 640, height: 1).titled(title)
    }
    var page = SVGDocument(
      width: documents.map(\.width).max() ?? 640,
      height: documents.map(\.height).reduce(0, +))
    var y = 0.0
    for document in documents {
      page.place(document, y: y)
      y += document.height
    }
    return page.titled(title ?? documents.first?.title)
  }
}
