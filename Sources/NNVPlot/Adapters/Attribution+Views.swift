import Foundation
import NNVCore

/// A saliency or sanity view, ready to draw in the terminal or as SVG.
public enum SaliencyView: Chart {
  /// Image inputs: a row per input.
  case images(SaliencyGrid)
  /// Tabular inputs: bars per feature.
  case bars(AttributionBars)
  /// 2-D inputs: arrows on the decision boundary, drawn at a terminal and an SVG resolution,
  /// with notes under them.
  case plane(text: DecisionBoundary, svg: DecisionBoundary, notes: [String])
  /// Sequences: one input's steps with what each contributed at the step explained.
  case sequence(SequenceSaliency)

  public func text() -> String {
    switch self {
    case .images(let grid): return grid.text()
    case .sequence(let chart): return chart.text()
    case .bars(let bars): return bars.text()
    case .plane(let chart, _, let notes):
      let width = Swift.max(chart.options.columns, 40)
      return chart.text()
        + notes.flatMap { NoteText.wrap($0, width: width) }.joined(separator: "\n") + "\n"
    }
  }

  /// The same view with other words for the sign of an attribution.
  public func with(_ meaning: SignMeaning) -> SaliencyView {
    switch self {
    case .images(var grid):
      grid.meaning = meaning
      return .images(grid)
    case .bars(var bars):
      bars.meaning = meaning
      return .bars(bars)
    case .sequence(var chart):
      chart.meaning = meaning
      return .sequence(chart)
    case .plane: return self
    }
  }

  public func document() -> SVGDocument {
    switch self {
    case .images(let grid): return grid.document()
    case .bars(let bars): return bars.document()
    case .sequence(let chart): return chart.document()
    case .plane(_, let chart, let notes): return NoteText.page(notes, below: chart.document())
    }
  }
}

/// The bridge from attributions (NNVCore) to the saliency charts: which inputs are images,
/// what each row says, and the notes under every view.
public enum AttributionViews {
  /// How a data set's samples are drawn.
  public enum InputKind: Sendable, Equatable {
    /// An image of `rows` × `columns` pixels (channels stacked as rows).
    case image(rows: Int, columns: Int)
    /// Two features: a point in the plane.
    case plane
    /// Named features: bars.
    case features
  }

  /// How samples of `shape` are drawn.
  ///
  /// A sample with two or more dimensions is an image (its last dimension the width). A flat
  /// sample is an image when its size is a square of 64 or more (8×8 digits stored as 64
  /// features): a bar chart of 64 or more features is unreadable anyway, while a tabular set
  /// with a square number of features below that (such as iris's 4) stays a bar chart. This
  /// matches how occlusion reads flat inputs (`Occlusion.layout`).
  public static func inputKind(_ shape: [Int]) -> InputKind {
    if shape.count >= 2, let width = shape.last, width > 0 {
      return .image(rows: shape.dropLast().reduce(1, *), columns: width)
    }
    let size = shape.reduce(1, *)
    if shape == [2] { return .plane }
    let side = Int(Double(size).squareRoot().rounded())
    if size >= 64, side * side == size { return .image(rows: side, columns: side) }
    return .features
  }

  /// Whether a method's attributions are signed (diverging colours) or magnitudes.
  public static func isSigned(_ method: AttributionMethod) -> Bool {
    switch method {
    case .gradient(let absolute): return !absolute
    case .smoothGrad(_, _, let variant): return variant == .mean
    case .gradientTimesInput, .integratedGradients, .occlusion: return true
    }
  }

  /// What `saliency` draws.
  public struct Request: Sendable {
    public var method: AttributionMethod
    /// Says where a `.sample` baseline came from (`the mean of digits`).
    public var baselineName: String?
    /// The class every input is explained for; each input's predicted class when nil.
    public var target: Int?
    /// One input to show on its own; every input (with a summary) when nil.
    public var index: Int?
    /// How many inputs to draw one by one (image rows, arrows); nil for the default.
    public var count: Int?
    /// Seeds SmoothGrad's noise.
    public var seed: UInt64
    /// For a sequence model, the step explained; the last when nil.
    public var step: Int?
    /// For 2-D inputs, the grid cells per side of the decision regions behind the arrows in
    /// SVG; `planeResolution` when nil.
    public var resolution: Int?

    public init(
      method: AttributionMethod, baselineName: String? = nil, target: Int? = nil, index: Int? = nil,
      count: Int? = nil, seed: UInt64 = 0, step: Int? = nil
    ) {
      self.step = step
      self.method = method
      self.baselineName = baselineName
      self.target = target
      self.index = index
      self.count = count
      self.seed = seed
    }
  }

  /// Image rows shown when no count is given.
  public static let defaultImageRows = 4
  /// Grid cells per side of the regions behind a 2-D plane's arrows in SVG.
  public static let planeResolution = 120

  // MARK: Saliency

  /// Attributes `data` (or one input of it) and builds the view that fits its inputs.
  ///
  /// - Throws: `AttributionError` for settings the method cannot use, `LayerError` when the
  ///   inputs do not fit the model, `TensorError` for an index or target out of range.
  public static func saliency(
    _ model: Sequential, on data: Dataset, request: Request, options: ChartOptions = ChartOptions()
  ) throws -> SaliencyView {
    let view =
      isSequenceModel(model)
      ? try sequenceView(model, on: data, request: request, options: options)
      : try saliencyView(model, on: data, request: request, options: options)
    return model.outputShape.reduce(1, *) == 1 ? view.with(.output) : view
  }

  /// What was attributed: which inputs of the data (by index), the inputs themselves, their
  /// attribution, and the notes under every view of it.
  struct Attributed {
    var model: Sequential
    var data: Dataset
    var request: Request
    var indices: [Int]
    var inputs: Tensor
    var attribution: Attribution
    var notes: [String]
    var options: ChartOptions
    var signed: Bool { AttributionViews.isSigned(request.method) }
  }

  static func saliencyView(
    _ model: Sequential, on data: Dataset, request: Request, options: ChartOptions
  ) throws -> SaliencyView {
    let indices = request.index.map { [$0] } ?? Array(0..<data.count)
    let inputs = request.index == nil ? data.features : try data.features.gatheringRows(indices)
    let targets = request.target.map { [Int](repeating: $0, count: indices.count) }
    let attribution = try Attributor.attribute(
      model, inputs: inputs, method: request.method, targets: targets, seed: request.seed)
    var notes = [methodNote(request.method, baselineName: request.baselineName)]
    notes.append(explainsNote(model, data, request.target))
    notes += try gapNotes(model, attribution: attribution)
    var o = options
    o.title = o.title ?? "saliency of \(model.name) on \(data.name)"
    let attributed = Attributed(
      model: model, data: data, request: request, indices: indices, inputs: inputs,
      attribution: attribution, notes: notes, options: o)
    switch inputKind(data.sampleShape) {
    case .image(let rows, let columns):
      return .images(try imageGrid(attributed, rows: rows, columns: columns))
    case .plane where model.inputShape == [2] && data.isClassification:
      return try planeView(attributed)
    case .features, .plane:
      return .bars(try bars(attributed))
    }
  }

  /// Image inputs: a row per input shown (input, map, overlay), and the mean map of all.
  static func imageGrid(_ a: Attributed, rows: Int, columns: Int) throws -> SaliencyGrid {
    let shown =
      a.request.index == nil
      ? Array(0..<Swift.min(a.data.count, a.request.count ?? defaultImageRows)) : [0]
    let predictions = try self.predictions(a.model, try a.inputs.gatheringRows(shown))
    let d = a.attribution.values.rowSize
    let gridRows = shown.enumerated().map { k, i in
      SaliencyGrid.Row(
        label: "#\(a.indices[i])",
        details: details(
          a.data, index: a.indices[i], prediction: predictions[k],
          explained: a.attribution.targets[i], model: a.model),
        input: image(a.inputs.scalars, row: i, size: d, rows: rows, columns: columns),
        maps: [image(a.attribution.values.scalars, row: i, size: d, rows: rows, columns: columns)])
    }
    var summary: SaliencyGrid.Summary?
    if a.request.index == nil, a.data.count > shown.count {
      summary = SaliencyGrid.Summary(
        title: "mean |attribution| over all \(a.data.count) inputs",
        map: Matrix(
          rows: rows, columns: columns, values: a.attribution.meanAbsolute.map(Double.init)))
    }
    return SaliencyGrid(
      mapTitles: [shortName(a.request.method)], signed: a.signed, overlay: true, rows: gridRows,
      summary: summary, notes: a.notes, options: a.options)
  }

  /// Two inputs: each input's attribution as an arrow on the decision boundary.
  static func planeView(_ a: Attributed) throws -> SaliencyView {
    let count = Swift.min(a.indices.count, a.request.count ?? a.indices.count)
    let d = a.attribution.values.rowSize
    let inputs = a.inputs.scalars
    let values = a.attribution.values.scalars
    let arrows = (0..<count).map { i in
      DecisionBoundary.Arrow(
        x: Double(inputs[i * d]), y: Double(inputs[i * d + 1]), dx: Double(values[i * d]),
        dy: Double(values[i * d + 1]),
        label: a.indices[i] < a.data.labels.count ? a.data.labels[a.indices[i]] : 0)
    }
    var textOptions = a.options
    textOptions.height = 20
    var text = try ModelViews.boundary(
      a.model, train: a.data, resolution: 160, thumbnails: false, options: textOptions)
    var svg = try ModelViews.boundary(
      a.model, train: a.data, resolution: a.request.resolution ?? planeResolution,
      thumbnails: false, options: a.options)
    text.arrows = arrows
    svg.arrows = arrows
    let pair = featureNames(a.data, count: 2).joined(separator: ", ")
    let arrowNote: String
    switch a.request.method {
    case .gradient(false), .smoothGrad(_, _, .mean):
      arrowNote = "arrows: the gradient at each input, pointing where the score rises fastest"
    case _ where !a.signed:
      arrowNote =
        "arrows: each input's attribution (\(pair)) as a vector; magnitudes, so "
        + "they only show which feature matters more"
    default:
      arrowNote =
        "arrows: each input's attribution as a vector, whose components are what "
        + "\(pair) contributed to the score"
    }
    return .plane(text: text, svg: svg, notes: [arrowNote] + a.notes)
  }

  /// Named features: one input's attribution per feature, or the mean |attribution| of all,
  /// ranked.
  static func bars(_ a: Attributed) throws -> AttributionBars {
    let names = featureNames(a.data, count: a.attribution.values.rowSize)
    if let index = a.request.index {
      let prediction = try predictions(a.model, a.inputs)[0]
      let title =
        (["input #\(index)"]
        + details(
          a.data, index: index, prediction: prediction, explained: a.attribution.targets[0],
          model: a.model))
        .joined(separator: " · ")
      return AttributionBars(
        names: names,
        panels: [.init(title: title, values: a.attribution.values.scalars.map(Double.init))],
        signed: a.signed, notes: a.notes, options: a.options)
    }
    let order = a.attribution.ranking
    let mean = a.attribution.meanAbsolute
    return AttributionBars(
      names: order.map { names[$0] },
      panels: [
        .init(
          title: "mean |attribution| over all \(a.data.count) inputs, ranked",
          values: order.map { Double(mean[$0]) })
      ],
      signed: false, notes: a.notes, options: a.options)
  }

  // MARK: Pieces

  /// The method line under every view.
  static func methodNote(_ method: AttributionMethod, baselineName: String?) -> String {
    // The core can only say "a given baseline"; here the caller knows which.
    if case .integratedGradients(let steps, .sample) = method, let baselineName {
      return "method: integrated gradients, \(steps) steps from \(baselineName)"
    }
    return "method: " + method.description
  }

  /// A short column heading for the method.
  static func shortName(_ method: AttributionMethod) -> String {
    switch method {
    case .gradient(let absolute): return absolute ? "|gradient|" : "gradient"
    case .gradientTimesInput: return "gradient×input"
    case .smoothGrad(_, _, let variant):
      return variant == .mean ? "SmoothGrad" : variant == .squared ? "SmoothGrad²" : "VarGrad"
    case .integratedGradients: return "int. gradients"
    case .occlusion: return "occlusion"
    }
  }

  static func explainsNote(_ model: Sequential, _ data: Dataset, _ target: Int?) -> String {
    // A single output is one score whatever the prediction: class 1's for a sigmoid unit.
    if model.outputShape.reduce(1, *) == 1 {
      let what = data.isClassification ? " (class \(className(data, model, 1)))" : ""
      return "explains: the output's score\(what), before the last activation"
    }
    guard let target else {
      return "explains: each input's predicted class (class scores before the last activation)"
    }
    return "explains: class \(className(data, model, target)) for every input "
      + "(class scores before the last activation)"
  }

  /// For Integrated Gradients: the completeness gap, absolute and relative to the score change
  /// (`CompletenessSummary`).
  static func gapNotes(_ model: Sequential, attribution: Attribution) throws -> [String] {
    guard let summary = try CompletenessSummary(attribution, model: model) else { return [] }
    let single = summary.count == 1
    let counted = single ? "1 input" : "\(summary.count) inputs"
    let worst = NumberText.short(summary.largest)
    var lines = [
      "completeness gap |Σ attributions − (f(x) − f(baseline))| over \(counted):",
      single ? "  \(worst)" : "  max \(worst), mean \(NumberText.short(summary.mean))",
    ]
    if let top = summary.largestRelative, let average = summary.meanRelative {
      lines.append(
        "  relative to |f(x) − f(baseline)|: "
          + (single ? percent(top) : "max \(percent(top)), mean \(percent(average))")
          + (summary.needsMoreSteps ? " (more steps make it smaller)" : ""))
    }
    return lines
  }

  static func percent(_ x: Double) -> String {
    if x < 0.0001 { return "below 0.01%" }
    return NumberText.fixed(x * 100, decimals: x < 0.1 ? 2 : 1) + "%"
  }

  /// The predicted class with its probability when the outputs are probabilities, or the
  /// output value (a regression, or scores without a softmax).
  static func predictions(_ model: Sequential, _ inputs: Tensor) throws -> [ClassPrediction] {
    try ClassPrediction.predict(model, inputs, classifier: false)
  }

  static func className(_ data: Dataset, _ model: Sequential, _ k: Int) -> String {
    let names = data.classNames.isEmpty ? model.classNames : data.classNames
    return k >= 0 && k < names.count ? names[k] : "\(k)"
  }

  /// `true 3`, `predicted 3 (98%)`, and `explains 5` when another class is explained.
  static func details(
    _ data: Dataset, index: Int, prediction: ClassPrediction, explained: Int, model: Sequential
  ) -> [String] {
    if !data.isClassification {
      let target =
        data.values.map { NumberText.short(Double($0.scalars[index * $0.rowSize])) } ?? "?"
      return ["target \(target)", "output \(NumberText.short(prediction.value))"]
    }
    let actual = index < data.labels.count ? className(data, model, data.labels[index]) : "?"
    var predicted = "predicted \(className(data, model, prediction.label))"
    if let probability = prediction.probability {
      predicted += " (\(NumberText.fixed(probability * 100, decimals: 0))%)"
    }
    var lines = ["true \(actual)", predicted]
    // A single-output model explains its one score (class 1) whatever it predicts.
    let outputs = model.outputShape.reduce(1, *)
    if outputs > 1, explained != prediction.label {
      lines.append("explains \(className(data, model, explained))")
    }
    return lines
  }

  static func featureNames(_ data: Dataset, count: Int) -> [String] {
    (0..<count).map { $0 < data.featureNames.count ? data.featureNames[$0] : "x\($0 + 1)" }
  }

  /// Row `row` of a flat buffer as an image.
  static func image(_ scalars: [Float], row: Int, size: Int, rows: Int, columns: Int) -> Matrix {
    let slice = scalars[(row * size)..<((row + 1) * size)]
    return Matrix(rows: rows, columns: columns, values: slice.map(Double.init))
  }
}
