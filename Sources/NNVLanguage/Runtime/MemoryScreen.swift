import Foundation

/// A live screen in memory: it keeps every frame drawn and hands out keys queued by the caller,
/// for tests, benchmarks and programs that embed the interpreter.
public final class MemoryScreen: LiveScreen {
  /// The size frames are drawn for; a test may change it between frames.
  public var size: ScreenSize
  /// Every frame drawn, oldest first (only the last `keptFrames` are kept).
  public private(set) var frames: [String] = []
  /// How many frames were drawn in all.
  public private(set) var frameCount = 0
  /// Keys not yet read, the next one first.
  public var keys: [Character] = []
  /// Called after each frame with its number (from 1) and text: a test can queue the keys a
  /// person would press on seeing it.
  public var onDraw: ((Int, String) -> Void)?
  /// The most frames kept in `frames`.
  public var keptFrames: Int
  /// Whether `begin` and `end` were called.
  public private(set) var began = false
  public private(set) var ended = false

  /// An empty screen of `columns` × `rows` that keeps the last `keptFrames` frames.
  public init(columns: Int = 80, rows: Int = 24, keptFrames: Int = 1_000) {
    size = ScreenSize(columns: columns, rows: rows)
    self.keptFrames = keptFrames
  }

  /// Always ready.
  public func begin() -> Bool {
    began = true
    return true
  }

  /// Keeps `frame` and tells `onDraw`.
  public func draw(_ frame: String) {
    frameCount += 1
    frames.append(frame)
    if frames.count > keptFrames { frames.removeFirst(frames.count - keptFrames) }
    onDraw?(frameCount, frame)
  }

  /// The next queued key; with none queued, waits `seconds` as a terminal would, then nil.
  public func key(waiting seconds: Double) -> Character? {
    guard keys.isEmpty else { return keys.removeFirst() }
    if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
    return nil
  }

  /// Notes that the screen was given back.
  public func end() { ended = true }
}
