/// A data set written as CSV or JSON with its targets, every value in full precision
/// (`ExactNumber`), a sample at a time.
///
/// CSV: a row per sample, the features first (`featureColumns`), then the targets
/// (`targetColumns`): for classes, the class index (`class`) and its name (`class_name`); for
/// numbers to predict, `target` (or `target0`, `target1`, … for several). A set with a target
/// at every step has one such column per step (`class_0`, … then `class_name_0`, …).
///
/// JSON: `{"name", "sample_shape", "feature_names", "classes", "features", "labels"}` for
/// classes, with `"targets"` (shape and data) instead of `"labels"` for numbers to predict;
/// `features` is `{"shape", "data"}` as a tensor is written, and `labels` a list of class
/// indices (a list per sample with a target at every step).
extension Dataset {
  /// The names of the feature columns: the feature names when there is one for every number of
  /// a sample; for sequences with one for each feature of a step, that name and the step
  /// (`a_3`); else the element names (`x0_2_1`).
  public var featureColumns: [String] {
    let size = sampleShape.reduce(1, *)
    if featureNames.count == size { return featureNames }
    let shape = sampleShape
    if shape.count >= 2, let last = shape.last, last > 0, featureNames.count == last {
      let leading = Array(shape.dropLast())
      return (0..<size).map { k in
        featureNames[k % last] + "_" + CSVText.elementName(k / last, in: leading, prefix: "")
      }
    }
    return CSVText.elementNames(shape)
  }

  /// The names of the target columns (see the type's notes).
  public var targetColumns: [String] {
    if let values {
      let shape = Array(values.shape.dropFirst())
      return shape.reduce(1, *) == 1 ? ["target"] : CSVText.elementNames(shape, prefix: "target")
    }
    guard let steps = targetSteps else { return ["class", "class_name"] }
    return (0..<steps).map { "class_\($0)" } + (0..<steps).map { "class_name_\($0)" }
  }

  /// Writes the data set as CSV (see the type's notes).
  public func writeCSV<Sink: TextSink>(to sink: inout Sink) throws {
    try sink.write(CSVText.line(featureColumns + targetColumns))
    let width = features.rowSize
    let targetWidth = values?.rowSize ?? 0
    var poller = Cancellation.Poller(interval: Tensor.exportPiece)
    for i in 0..<count {
      for j in 0..<width {
        try sink.write(ExactNumber.text(features.scalars[i * width + j]) + ",")
      }
      if let values {
        let row = values.scalars[(i * targetWidth)..<((i + 1) * targetWidth)]
        try sink.write(row.map(ExactNumber.text).joined(separator: ","))
      } else {
        let labels = self.labels(ofSample: i)
        let names = labels.map { $0 >= 0 && $0 < classNames.count ? classNames[$0] : "" }
        try sink.write(
          labels.map(String.init).joined(separator: ",") + ","
            + names.map(CSVText.field).joined(separator: ","))
      }
      try sink.write("\n")
      try poller.advance(by: width + targetWidth)
    }
  }

  /// Writes the data set as JSON (see the type's notes).
  public func writeJSON<Sink: TextSink>(to sink: inout Sink) throws {
    try sink.write(
      "{\"name\":" + JSONText.string(name) + ",\"sample_shape\":" + JSONText.integers(sampleShape)
        + ",\"feature_names\":" + JSONText.strings(featureNames))
    if isClassification { try sink.write(",\"classes\":" + JSONText.strings(classNames)) }
    try sink.write(",\"features\":")
    try features.writeJSON(to: &sink)
    if let values {
      try sink.write(",\"targets\":")
      try values.writeJSON(to: &sink)
    } else {
      try sink.write(",\"labels\":[")
      var poller = Cancellation.Poller(interval: Tensor.exportPiece)
      for i in 0..<count {
        if i > 0 { try sink.write(",") }
        let labels = self.labels(ofSample: i)
        try sink.write(
          hasStepTargets ? JSONText.integers(Array(labels)) : String(labels.first ?? -1))
        try poller.advance(by: labels.count)
      }
      try sink.write("]")
    }
    try sink.write("}")
  }
}
