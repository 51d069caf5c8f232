import NNVCore
import NNVPlot

/// `train ... live`: the dashboard redrawn on a live screen while training runs, and the keys
/// that pause, step and stop it.
///
/// It is the trainer's observer; the first frame is drawn after the first batch, once training
/// is known to run. After every batch it reads the keys pressed, without waiting
/// (one `poll` of the terminal, a fraction of a microsecond), and asks to see the model when a
/// frame is due: every
/// `frameInterval` while running (about 11 frames a second), and at once when the state
/// changes. A pause starts at
/// the end of an epoch, so a paused frame shows a whole number of epochs and `s` runs exactly
/// one more; while paused it waits for keys, checking for Ctrl-C every `pauseWait` seconds.
final class LiveTraining {
  /// What the keys have asked for, as a value with plain rules.
  struct Control: Equatable {
    var state: TrainingStatus.State = .running
    /// `q` was pressed: training stops after the current batch.
    var quit = false

    /// Applies a key: space pauses (at the end of the epoch) and resumes, `s` runs one epoch
    /// from a pause, `q` stops. True when something changed.
    mutating func press(_ key: Character) -> Bool {
      let before = self
      switch (key.lowercased(), state) {
      case ("q", _): quit = true
      case (" ", .running): state = .pausing
      case (" ", .pausing), (" ", .paused), (" ", .stepping): state = .running
      case ("s", .paused): state = .stepping
      default: break
      }
      return self != before
    }

    /// At the end of an epoch: a pause asked for, or the end of a step, is a pause now. True
    /// when the state changed.
    mutating func epochEnded() -> Bool {
      guard state == .pausing || state == .stepping else { return false }
      state = .paused
      return true
    }
  }

  /// Draws a frame of the dashboard for a model and a status.
  typealias Frame = (Sequential, TrainingStatus) throws -> String

  static let frameInterval: Duration = .milliseconds(90)
  static let pauseWait = 0.05

  let screen: any LiveScreen
  let cancellation: CancellationFlag
  let frame: Frame
  private(set) var control = Control()
  private(set) var status: TrainingStatus
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant
  private var lastDraw: ContinuousClock.Instant?
  /// Whether the state changed since the last frame.
  private var changed = false

  init(
    screen: any LiveScreen, cancellation: CancellationFlag, status: TrainingStatus,
    frame: @escaping Frame
  ) {
    self.screen = screen
    self.cancellation = cancellation
    self.status = status
    self.frame = frame
    start = clock.now
  }

  /// The trainer's observer.
  func observe(_ event: TrainingEvent) -> TrainingControl {
    switch event {
    case .batchEnded:
      return next(cancelled: cancellation.poll())
    case .epochEnded(let metrics, _):
      status.epoch = metrics.epoch
      status.metrics = metrics
      if control.epochEnded() { changed = true }
      return next(cancelled: cancellation.isCancelled)
    case .inspected(let model):
      draw(model)
      return waitWhilePaused(model)
    }
  }

  /// After a batch or an epoch: stop, go on, or show the model first.
  private func next(cancelled: Bool) -> TrainingControl {
    readKeys()
    if cancelled || control.quit { return .stop }
    if changed || control.state == .paused { return .inspect }
    if let lastDraw, clock.now - lastDraw < Self.frameInterval { return .proceed }
    return .inspect
  }

  /// Applies every key pressed so far, without waiting.
  private func readKeys() {
    for _ in 0..<16 {
      guard let key = screen.key(waiting: 0) else { return }
      if control.press(key) { changed = true }
    }
  }

  /// While paused, waits for keys, redrawing `model` when they change the state.
  private func waitWhilePaused(_ model: Sequential) -> TrainingControl {
    while control.state == .paused {
      if cancellation.isCancelled || control.quit { return .stop }
      guard let key = screen.key(waiting: Self.pauseWait) else { continue }
      if control.press(key) {
        if control.quit { return .stop }
        draw(model)
      }
    }
    return control.quit ? .stop : .proceed
  }

  /// Draws `model` with the status as it is; a frame that cannot be drawn is skipped.
  func draw(_ model: Sequential, state: TrainingStatus.State? = nil) {
    status.state = state ?? control.state
    status.elapsed = seconds(clock.now - start)
    changed = false
    lastDraw = clock.now
    guard let text = try? frame(model, status) else { return }
    screen.draw(text)
  }

  /// Seconds since training started.
  var elapsed: Double { seconds(clock.now - start) }

  private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }
}

extension LiveTraining {
  /// Gives the screen back without a last frame: training could not start (its options or
  /// data did not fit the model), and the error says why.
  func abandon() { screen.end() }

  /// Draws the last frame, `state` (finished or stopped), and gives the screen back with the
  /// frame left on it. The frame is drawn even after Ctrl-C, which stopped the training, not
  /// the drawing of where it stopped.
  func finish(_ model: Sequential, state: TrainingStatus.State) {
    Cancellation.run(with: CancellationFlag()) { draw(model, state: state) }
    screen.end()
  }
}
