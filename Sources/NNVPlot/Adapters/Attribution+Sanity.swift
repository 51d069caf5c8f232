import NNVCore

/// The sanity check's view: NNVCore's `SanityCheck` runs the check and gives the verdict; this
/// puts it in words and shows the maps side by side.
extension AttributionViews {
  /// The mean rank correlation at or above which the sanity check fails
  /// (`SanityCheck.Verdict.threshold`).
  public static let sanityThreshold: Float = SanityCheck.Verdict.threshold

  /// The sanity check's result and its view.
  public struct SanityReport: Sendable {
    public var result: SanityCheck.Result
    /// The lines to read aloud: the correlation with the threshold, and the verdict.
    public var verdict: [String]
    public var view: SaliencyView

    /// Whether the method passed (`SanityCheck.Verdict.passed`).
    public var passed: Bool { result.verdict.passed }
  }

  /// Runs the model-randomization check on every input of `data` and shows the trained and the
  /// randomized model's maps side by side for the first `count` inputs (images) or as mean
  /// |attribution| bars (other inputs).
  public static func sanity(
    _ model: Sequential, on data: Dataset, method: AttributionMethod, baselineName: String? = nil,
    count: Int = 3, seed: UInt64 = 1, options: ChartOptions = ChartOptions()
  ) throws -> SanityReport {
    let result = try SanityCheck.run(model, inputs: data.features, method: method, seed: seed)
    let verdict = words(result.verdict, inputs: data.count)
    let notes = [methodNote(method, baselineName: baselineName)] + verdict
    var o = options
    o.title = o.title ?? "sanity check of \(model.name) on \(data.name)"
    let view: SaliencyView
    switch inputKind(data.sampleShape) {
    case .image(let rows, let columns):
      let shown = Array(0..<Swift.min(data.count, count))
      let predictions = try self.predictions(model, try data.features.gatheringRows(shown))
      let d = result.trained.values.rowSize
      let gridRows = shown.map { i in
        SaliencyGrid.Row(
          label: "#\(i)",
          details: details(
            data, index: i, prediction: predictions[i], explained: result.trained.targets[i],
            model: model),
          input: image(data.features.scalars, row: i, size: d, rows: rows, columns: columns),
          maps: [
            image(result.trained.values.scalars, row: i, size: d, rows: rows, columns: columns),
            image(result.randomized.values.scalars, row: i, size: d, rows: rows, columns: columns),
          ])
      }
      view = .images(
        SaliencyGrid(
          mapTitles: ["trained", "randomized"], signed: isSigned(method), overlay: false,
          rows: gridRows, notes: notes, options: o))
    case .features, .plane:
      let names = featureNames(data, count: result.trained.values.rowSize)
      let order = result.trained.ranking
      let trained = result.trained.meanAbsolute
      let randomized = result.randomized.meanAbsolute
      view = .bars(
        AttributionBars(
          names: order.map { names[$0] },
          panels: [
            .init(title: "trained: mean |attribution|", values: order.map { Double(trained[$0]) }),
            .init(title: "randomized weights", values: order.map { Double(randomized[$0]) }),
          ], signed: false, notes: notes, options: o))
    }
    return SanityReport(result: result, verdict: verdict, view: view)
  }

  /// The verdict read aloud: the correlation against the threshold over `inputs` inputs, what
  /// it means, and whether it rests on few features.
  static func words(_ verdict: SanityCheck.Verdict, inputs: Int) -> [String] {
    if verdict.reason == .constantMaps {
      return [
        "rank correlation of the maps: not defined, since the trained model's maps are "
          + "constant",
        "Cannot judge: the trained model's score does not change with its inputs (are all its "
          + "units dead?), so its maps rank nothing.",
      ]
    }
    if verdict.outcome == .cannotJudge {
      return [
        "rank correlation of the maps: not defined for 1 feature per input",
        "Cannot judge: with a single feature the maps always rank alike; "
          + "this check needs inputs with several features.",
      ]
    }
    let correlation = NumberText.fixed(Double(verdict.correlation), decimals: 2)
    let threshold = NumberText.fixed(Double(verdict.threshold), decimals: 2)
    var lines = [
      "rank correlation of the maps, trained vs randomized weights: \(correlation) "
        + "(Spearman, mean over \(inputs) inputs; fails at \(threshold) or more)",
      verdict.passed
        ? "Passed: the maps change when the weights are randomized, so they show what the "
          + "model learned."
        : "Failed: the maps stay alike with random weights, so they show the input more than "
          + "the model.",
    ]
    if verdict.isCoarse {
      lines.append(
        "with only \(verdict.featureCount) features per input, each rank correlation is coarse")
    }
    return lines
  }
}
