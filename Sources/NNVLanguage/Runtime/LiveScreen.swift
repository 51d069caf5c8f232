/// A screen that a live view redraws in place: the training dashboard of `train ... live`.
///
/// The interpreter never touches a terminal: an output that can show live frames offers a
/// screen (`OutputSink.liveScreen`), and the executable's terminal output does so only when
/// standard input and output are both terminals. Training then draws frames on it and reads
/// keys from it; tests and benchmarks use a `MemoryScreen`.
public protocol LiveScreen: AnyObject {
  /// The size in character cells, read before every frame, so that a resized window gets
  /// frames that fit. A frame has at most `rows − 1` lines of at most `columns` cells, so the
  /// screen never scrolls.
  var size: ScreenSize { get }
  /// Gets ready to draw: keys are read one at a time without echo (Ctrl-C still interrupts)
  /// and the cursor is hidden. False when the screen cannot be used; nothing is drawn then.
  func begin() -> Bool
  /// Draws `frame`, lines separated by line breaks, over the previous frame.
  func draw(_ frame: String)
  /// The next key pressed, waiting at most `seconds` for one (0: only look); nil when none.
  func key(waiting seconds: Double) -> Character?
  /// Leaves the last frame on the screen with the cursor below it, and restores the terminal.
  func end()
}

/// The size of a screen in character cells.
public struct ScreenSize: Sendable, Equatable {
  /// Character cells across and lines down.
  public var columns: Int
  public var rows: Int

  /// A size of `columns` × `rows` cells.
  public init(columns: Int, rows: Int) {
    self.columns = columns
    self.rows = rows
  }
}

extension OutputSink {
  /// No live screen: training prints its usual progress.
  public var liveScreen: (any LiveScreen)? { nil }
}
