import NNVPlot

/// Training progress as text: pure functions, so the executable picks one and tests read them.
/// The model's name may come from a file, so its control characters are escaped.
public enum ProgressRenderer {
  /// A live bar for a terminal, redrawn in place: it starts with `\r`, has no newline, and fits
  /// in `columns − 1` characters, so it never wraps onto a new line:
  ///
  /// `\rnet  epoch 12/300 [=====>       ] 4%  loss 0.2531  acc 0.9100  val_loss 0.3  ETA 0:03`
  ///
  /// When the line is narrower, parts are dropped from the least useful: first the bar shrinks
  /// (to 6 cells) and goes, then the percentage, the time, validation accuracy, validation loss
  /// and accuracy; the name, the epoch and the loss always stay (from 40 columns up).
  public static func bar(_ event: ProgressEvent, columns: Int = 80) -> String {
    let budget = max(columns, 40) - 1
    let head = "\(clipped(name(event), to: budget / 4))  epoch \(event.epoch)/\(event.epochs)"
    var used = head.count
    var parts: [String] = []
    for part in metrics(of: event) {
      guard used + 2 + part.count <= budget else { break }
      parts.append(part)
      used += 2 + part.count
    }
    let fraction = event.fraction
    let percent = "\(Int((fraction * 100).rounded(.down)))%"
    var progress = ""
    let cells = min(24, budget - used - 4 - percent.count)
    if cells >= 6 {
      let filled = Int((fraction * Double(cells)).rounded(.down))
      var bar = String(repeating: "=", count: filled)
      if filled < cells { bar += ">" + String(repeating: " ", count: cells - filled - 1) }
      progress = " [\(bar)] \(percent)"
    } else if budget - used >= 1 + percent.count {
      progress = " \(percent)"
    }
    return "\r" + head + progress + parts.map { "  " + $0 }.joined()
  }

  /// The metrics and time of a bar, most useful first (the order they are also shown in, with
  /// the time last).
  static func metrics(of event: ProgressEvent) -> [String] {
    var parts = ["loss \(NumberFormatting.metric(event.loss))"]
    if let value = event.accuracy { parts.append("acc \(NumberFormatting.metric(value))") }
    if let value = event.validationLoss {
      parts.append("val_loss \(NumberFormatting.metric(value))")
    }
    if let value = event.validationAccuracy {
      parts.append("val_acc \(NumberFormatting.metric(value))")
    }
    let fraction = event.fraction
    if event.phase == .finished {
      parts.append("done in \(clock(event.elapsed))")
    } else if fraction > 0 {
      parts.append("ETA \(clock(event.elapsed / fraction * (1 - fraction)))")
    }
    return parts
  }

  /// `text` cut to `limit` characters, the last one an ellipsis when cut.
  static func clipped(_ text: String, to limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
  }

  /// One line per reported epoch, for logs and pipes; nil for batch events.
  ///
  /// `net  epoch 12/300  loss 0.2531  accuracy 0.91  val_loss 0.3  val_accuracy 0.88`
  public static func line(_ event: ProgressEvent) -> String? {
    switch event.phase {
    case .batch:
      return nil
    case .epoch:
      var text = "\(name(event))  epoch \(event.epoch)/\(event.epochs)"
      text += "  loss \(NumberFormatting.metric(event.loss))"
      if let value = event.accuracy { text += "  accuracy \(NumberFormatting.metric(value))" }
      if let value = event.validationLoss { text += "  val_loss \(NumberFormatting.metric(value))" }
      if let value = event.validationAccuracy {
        text += "  val_accuracy \(NumberFormatting.metric(value))"
      }
      return text
    case .finished:
      let epochs = event.epoch == 1 ? "1 epoch" : "\(event.epoch) epochs"
      return "\(name(event))  trained \(epochs) in \(clock(event.elapsed))"
    }
  }

  /// The model's name with its control characters escaped.
  static func name(_ event: ProgressEvent) -> String {
    TerminalText.escaped(event.model, keepingLayout: false)
  }

  /// Seconds as `m:ss` (or `h:mm:ss`).
  public static func clock(_ seconds: Double) -> String {
    let total = seconds.isFinite ? max(0, Int(seconds.rounded())) : 0
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
    let ss = s < 10 ? "0\(s)" : "\(s)"
    if h > 0 { return "\(h):\(m < 10 ? "0\(m)" : "\(m)"):\(ss)" }
    return "\(m):\(ss)"
  }
}
