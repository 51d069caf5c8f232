import NNVCore

/// Saliency on a sequence model: one input's steps, each with what it contributed to the class
/// explained at one step (`Attributor.attribute(_:inputs:method:step:)`), summed over the
/// step's features.
extension AttributionViews {
  /// Whether `model` reads sequences with a recurrent layer, so its saliency is along the steps.
  public static func isSequenceModel(_ model: Sequential) -> Bool {
    model.inputShape.count == 2 && model.layers.contains { $0 is Recurrent }
  }

  /// The saliency of input `request.index` (0 by default) at `request.step` (the last by
  /// default).
  ///
  /// - Throws: `AttributionError` for a step the model cannot be explained at, `TensorError`
  ///   for an index or target out of range, what the attribution throws.
  static func sequenceView(
    _ model: Sequential, on data: Dataset, request: Request, options: ChartOptions
  ) throws -> SaliencyView {
    let index = request.index ?? 0
    guard index >= 0, index < data.count else {
      throw TensorError.indexOutOfRange("there is no input \(index) in \(data.name)")
    }
    let steps = model.inputShape[0]
    let step = request.step ?? steps - 1
    let input = try data.features.gatheringRows([index])
    let attribution = try Attributor.attribute(
      model, inputs: input, method: request.method, step: step,
      targets: request.target.map { [$0] }, seed: request.seed)
    let predicted = try Attributor.predictedClasses(model, input, step: step)[0]
    let explained = attribution.targets[0]
    var heading =
      "#\(index): predicted \(quoted(className(data, model, predicted))) at step \(step)"
    if explained != predicted || request.target != nil {
      heading += ", explaining \(quoted(className(data, model, explained)))"
    }
    if let truth = trueClass(data, index: index, step: step) {
      heading += " (true \(quoted(className(data, model, truth))))"
    }
    var notes = [methodNote(request.method, baselineName: request.baselineName)]
    notes.append(
      "explains: the class score at step \(step) (before the last activation); each step shows "
        + (model.inputShape[1] == 1
          ? "its value's attribution" : "its one-hot feature's attribution, or the sum of all"))
    notes += try gapNotes(model, attribution: attribution)
    var o = options
    o.title = o.title ?? "saliency of \(model.name) on \(data.name)"
    let chart = SequenceSaliency(
      tokens: tokens(data, index: index), values: attribution.perStep(of: input).first ?? [],
      step: step,
      heading: heading, signed: isSigned(request.method), notes: notes, options: o)
    return .sequence(chart)
  }

  static func quoted(_ name: String) -> String { "'\(name)'" }

  /// The class at `step` of input `index` when the data has one there (or one per sample at
  /// the last step).
  static func trueClass(_ data: Dataset, index: Int, step: Int) -> Int? {
    guard data.isClassification else { return nil }
    let labels = data.labels(ofSample: index)
    if data.hasStepTargets { return labels.dropFirst(step).first }
    return step == (data.sampleShape.first ?? 1) - 1 ? labels.first : nil
  }

  /// A token per step of input `index`: the hot feature's name for one-hot steps (characters,
  /// brackets), the value's digit for 0/1 features, else a level from ▁ to █ over the
  /// sequence's range; `·` when there are several features that are not one-hot.
  static func tokens(_ data: Dataset, index: Int) -> [String] {
    let shape = data.sampleShape
    guard shape.count == 2 else { return [] }
    let (steps, features) = (shape[0], shape[1])
    let base = index * steps * features
    let x = Array(data.features.scalars[base..<(base + steps * features)])
    let names = data.featureNames.count == features ? data.featureNames : []
    let oneHot = (0..<steps).allSatisfy { t in
      let row = x[(t * features)..<((t + 1) * features)]
      return row.filter { $0 == 1 }.count == 1 && row.allSatisfy { $0 == 0 || $0 == 1 }
    }
    if oneHot, features > 1, !names.isEmpty {
      return (0..<steps).map { t in
        names[
          x[(t * features)..<((t + 1) * features)].firstIndex(of: 1).map { $0 - t * features } ?? 0]
      }
    }
    guard features == 1 else { return [String](repeating: "·", count: steps) }
    if x.allSatisfy({ $0 == 0 || $0 == 1 }) { return x.map { $0 == 1 ? "1" : "0" } }
    let levels = Array("▁▂▃▄▅▆▇█")
    let low = x.min() ?? 0
    let span = Swift.max((x.max() ?? 0) - low, 1e-12)
    return x.map { String(levels[Swift.min(7, Int(($0 - low) / span * 7 + 0.5))]) }
  }
}
