/// The paths sequences take through a recurrent layer's state space, projected onto the
/// state's first two principal components: the `trajectory` view.
public struct HiddenTrajectories: Sendable, Equatable {
  /// One sequence's path.
  public struct Path: Sendable, Equatable {
    /// The sample, from 0.
    public var sample: Int
    /// The projected state at every step: (first component, second component).
    public var points: [Point]
    /// The tokens at every step (`SequenceTokens`).
    public var tokens: [String]
    /// The sequence's class (its label, or its last step's label); nil for regression.
    public var label: Int?
  }

  /// A point in the plane of the first two components.
  public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
  }

  public var layer: String
  public var kind: String
  public var paths: [Path]
  /// The components the states were projected on, fitted to every step of the paths.
  public var components: PrincipalComponents
  /// The class names, for a classification set; empty otherwise.
  public var classNames: [String]

  /// The first `count` samples of `data` through recurrent layer `number` (from 1 among the
  /// recurrent layers), projected onto the first two principal components of all their states.
  ///
  /// - Throws: `LayerError` when there is no such layer or the samples do not fit,
  ///   `TensorError.shapeMismatch` when there are fewer than 2 states, `LimitError`,
  ///   `CancellationError`.
  public static func of(
    _ model: Sequential, layer number: Int, data: Dataset, count: Int
  ) throws -> HiddenTrajectories {
    let (position, layer) = try model.recurrentLayer(number)
    let shown = Swift.max(0, Swift.min(count, data.count))
    let hidden = try model.trace(layer: position, on: data.features.rows(0..<shown)).hidden
    var states: [[[Double]]] = []
    for i in 0..<shown {
      try Cancellation.check()
      states.append(HiddenSequence.steps(of: hidden, sample: i))
    }
    let components = try PrincipalComponents.fit(
      states.flatMap { $0 }, dimension: layer.units, count: Swift.min(2, layer.units))
    var paths: [Path] = []
    for (i, rows) in states.enumerated() {
      try Cancellation.check()
      let points = rows.map { row in
        let p = components.project(row)
        return Point(x: p.first ?? 0, y: p.count > 1 ? p[1] : 0)
      }
      paths.append(
        Path(
          sample: i, points: points,
          tokens: try SequenceTokens.labels(
            of: data.features.row(i), featureNames: data.featureNames),
          label: data.isClassification ? data.labels(ofSample: i).last : nil))
    }
    return HiddenTrajectories(
      layer: layer.name, kind: layer.kind, paths: paths, components: components,
      classNames: data.classNames)
  }
}
