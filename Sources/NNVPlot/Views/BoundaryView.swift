import NNVCore

/// `boundary`: what a model with two inputs does over their plane, with the data on top: a
/// classifier's decision regions, or a regression model's output surface; for a model with
/// one input, its fitted curve through the data.
///
/// The terminal and the SVG drawing are computed at their own resolutions, each when drawn.
public struct BoundaryView: View {
  /// Grid cells per side of the terminal drawing, finer than any terminal shows.
  public static let textResolution = 160
  /// The height of the terminal drawing in rows.
  public static let textRows = 20
  /// Grid cells per side of the SVG drawing when none is given.
  public static let defaultResolution = 120

  public var model: Sequential
  public var train: Dataset
  public var test: Dataset?
  /// Grid cells per side of the SVG drawing.
  public var resolution: Int
  public var options: ChartOptions

  public init(
    _ model: Sequential, train: Dataset, test: Dataset? = nil,
    resolution: Int = BoundaryView.defaultResolution, options: ChartOptions = ChartOptions()
  ) {
    self.model = model
    self.train = train
    self.test = test
    self.resolution = resolution
    self.options = options
  }

  public func text() throws -> String {
    var o = options
    if model.inputShape != [1] { o.height = Self.textRows }
    return try chart(resolution: Self.textResolution, thumbnails: false, options: o).text()
  }

  public func document() throws -> SVGDocument {
    try chart(resolution: resolution, thumbnails: true, options: options).document()
  }

  /// The chart that fits the model and the data.
  func chart(resolution: Int, thumbnails: Bool, options: ChartOptions) throws -> any SizedChart {
    if model.inputShape == [1] {
      return try ModelViews.fittedCurve(model, train: train, test: test, options: options)
    }
    if !train.isClassification {
      return try ModelViews.surface(
        model, train: train, test: test, resolution: resolution, options: options)
    }
    return try ModelViews.boundary(
      model, train: train, test: test, resolution: resolution, thumbnails: thumbnails,
      options: options)
  }
}
