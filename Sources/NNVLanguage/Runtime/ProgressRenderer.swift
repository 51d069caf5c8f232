import NNVPlot

/// Training progress as text: pure functions, so the executable picks one and tests read them.
/// The model's name may come from a file, so its control characters are escaped.
public enum ProgressRenderer {
  /// A live bar for a terminal, redrawn in place: it starts with `\r` and has no newline.
  ///
  /// `\rnet  epoch 12/300 [=====>              ] 4%  loss 0.2531  acc 0.91  ETA 0:03`
  public static func bar(_ event: ProgressEvent, width: Int = 20) -> String {
    let fraction = event.fraction
    let filled = Int((fraction * Double(width)).rounded(.down))
    var bar = String(repeating: "=", count: filled)
    if filled < width { bar += ">" + String(repeating: " ", count: width - filled - 1) }
    let percent = Int((fraction * 100).rounded(.down))
    var text = "\r\(name(event))  epoch \(event.epoch)/\(event.epochs) [\(bar)] \(percent)%"
    text += "  loss \(NumberFormatting.metric(event.loss))"
    if let accuracy = event.accuracy { text += "  acc \(NumberFormatting.metric(accuracy))" }
    if event.phase == .finished {
      text += "  done in \(clock(event.elapsed))"
    } else if fraction > 0 {
      text += "  ETA \(clock(event.elapsed / fraction * (1 - fraction)))"
    }
    return text
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
      return "\(name(event))  trained \(event.epoch) epochs in \(clock(event.elapsed))"
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
