import NNVCore

/// Where a live training run is: what the dashboard's first and last lines say.
public struct TrainingStatus: Sendable, Equatable {
  /// What the run is doing, and so which keys work.
  public enum State: String, Sendable, Equatable {
    case running
    /// Asked to pause: it pauses when the current epoch ends.
    case pausing
    case paused
    /// Running one epoch from a pause, then pausing again.
    case stepping
    case finished
    case stopped
  }

  /// The model's name.
  public var model: String
  /// Epochs finished in this run, and the run's length.
  public var epoch: Int
  public var epochs: Int
  /// The last finished epoch's metrics; nil before the first ends.
  public var metrics: EpochMetrics?
  /// The optimizer's learning rate, and what the run is doing.
  public var learningRate: Double?
  public var state: State
  /// Seconds since training started.
  public var elapsed: Double

  /// The status of `model` after `epoch` of `epochs` epochs.
  public init(
    model: String, epoch: Int, epochs: Int, metrics: EpochMetrics? = nil,
    learningRate: Double? = nil, state: State = .running, elapsed: Double = 0
  ) {
    self.model = model
    self.epoch = epoch
    self.epochs = epochs
    self.metrics = metrics
    self.learningRate = learningRate
    self.state = state
    self.elapsed = elapsed
  }

  /// What the state is called on the screen.
  var stateText: String {
    switch state {
    case .running: "running"
    case .pausing: "pausing at the epoch's end"
    case .paused: "paused"
    case .stepping: "one epoch"
    case .finished: "done"
    case .stopped: "stopped"
    }
  }

  /// The first line, at most `width` cells: the model, the epoch and the state always; then
  /// the loss, accuracy, learning rate, validation loss and accuracy and the time, as they fit.
  public func line(width: Int, options: ChartOptions = ChartOptions()) -> String {
    let name = TerminalText.escaped(model, keepingLayout: false)
    var head = TextLayout.clip(name, Swift.max(4, width / 5)) + "  epoch \(epoch)/\(epochs)"
    var stateWord = stateText
    if options.colored {
      let color = state == .running || state == .stepping ? RGB(44, 160, 44) : RGB(214, 39, 40)
      stateWord = ANSIStyle.foreground(color, options.colorMode) + stateText + ANSIStyle.reset
    }
    var used = head.count + 2 + stateText.count
    for part in parts() where used + 2 + part.count <= width {
      head += "  " + part
      used += 2 + part.count
    }
    return TextBlock.clipped(head + "  " + stateWord, to: width)
  }

  /// The metrics, most useful first.
  func parts() -> [String] {
    var parts: [String] = []
    func number(_ x: Float) -> String { NumberText.fixed(Double(x), decimals: 4) }
    if let m = metrics {
      parts.append("loss \(number(m.loss))")
      if let a = m.accuracy { parts.append("acc \(number(a))") }
    }
    if let rate = learningRate { parts.append("lr \(NumberText.short(rate))") }
    if let m = metrics {
      if let v = m.validationLoss { parts.append("val_loss \(number(v))") }
      if let v = m.validationAccuracy { parts.append("val_acc \(number(v))") }
    }
    parts.append(TrainingStatus.clock(elapsed))
    return parts
  }

  /// The last line: the keys that work now, at most `width` cells.
  public func keys(width: Int, options: ChartOptions = ChartOptions()) -> String {
    let dot = options.glyphs.usesBraille ? " · " : " - "
    let keys: [String]
    switch state {
    case .running: keys = ["space pause", "q stop"]
    case .pausing: keys = ["space keep running", "q stop"]
    case .paused: keys = ["space resume", "s one epoch", "q stop"]
    case .stepping: keys = ["q stop"]
    case .finished, .stopped: keys = []
    }
    return TextLayout.clip(keys.joined(separator: dot), width)
  }

  /// Seconds as `m:ss` (or `h:mm:ss`).
  static func clock(_ seconds: Double) -> String {
    let total = seconds.isFinite ? Swift.max(0, Int(seconds.rounded())) : 0
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
    let ss = s < 10 ? "0\(s)" : "\(s)"
    if h > 0 { return "\(h):\(m < 10 ? "0\(m)" : "\(m)"):\(ss)" }
    return "\(m):\(ss)"
  }
}
