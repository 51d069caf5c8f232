/// A model's training history as a table, as Keras's `CSVLogger` writes one: a row per epoch
/// with `run` (which `train` it came from, from 1), `epoch` (within the run, from 1), `loss`,
/// `accuracy`, `val_loss` and `val_accuracy`, in full precision (`ExactNumber`); a metric an
/// epoch did not measure is an empty field in CSV and `null` in JSON.
extension TrainingHistory {
  /// The column names, in order.
  public static let exportColumns = [
    "run", "epoch", "loss", "accuracy", "val_loss", "val_accuracy",
  ]

  /// The fields of one epoch as text, nil for a metric it did not measure; `number` writes a
  /// value.
  static func fields(_ e: EpochMetrics, number: (Float) -> String) -> [String?] {
    [
      String(e.run), String(e.epoch), number(e.loss), e.accuracy.map(number),
      e.validationLoss.map(number), e.validationAccuracy.map(number),
    ]
  }

  /// Writes the history as CSV: a header, then a row per epoch.
  public func writeCSV<Sink: TextSink>(to sink: inout Sink) throws {
    try sink.write(CSVText.line(TrainingHistory.exportColumns))
    for e in epochs {
      try Cancellation.check()
      try sink.write(
        TrainingHistory.fields(e, number: ExactNumber.text).map { $0 ?? "" }
          .joined(separator: ",") + "\n")
    }
  }

  /// Writes the history as a JSON array of objects, one per epoch.
  public func writeJSON<Sink: TextSink>(to sink: inout Sink) throws {
    try sink.write("[")
    for (index, e) in epochs.enumerated() {
      try Cancellation.check()
      let fields = TrainingHistory.fields(e, number: ExactNumber.json)
      let pairs = zip(TrainingHistory.exportColumns, fields).map { name, value in
        JSONText.string(name) + ":" + (value ?? "null")
      }
      try sink.write((index > 0 ? "," : "") + "{" + pairs.joined(separator: ",") + "}")
    }
    try sink.write("]")
  }
}
