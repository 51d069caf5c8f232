import Synchronization

/// A request to stop long work early, shared by the thread that asks (a Ctrl-C handler) and
/// the work that polls it.
///
/// Long core work (training, attribution, data generation, CSV loading, evaluation, predictions
/// over large batches) calls `Cancellation.check()` every few milliseconds; while this token is
/// bound with `Cancellation.run(with:_:)`, a check after `cancel()` throws `CancellationError`.
/// Every check counts as a poll: `init(cancellingAtPoll:)` makes a token that cancels itself at
/// a given poll, so tests can stop work at a known point without timing.
public final class CancellationToken: Sendable {
  private let flag = Atomic<Bool>(false)
  private let polls = Atomic<Int>(0)
  private let tripPoll: Int

  public init() { tripPoll = 0 }

  /// A token that cancels itself at its `poll`-th poll (counting from 1), once.
  public init(cancellingAtPoll poll: Int) { tripPoll = Swift.max(poll, 1) }

  /// Asks the work to stop at its next poll.
  public func cancel() { flag.store(true, ordering: .sequentiallyConsistent) }

  /// Whether `cancel()` was called since the last `reset()`; not counted as a poll.
  public var isCancelled: Bool { flag.load(ordering: .sequentiallyConsistent) }

  /// Withdraws the request, so the token can serve the next piece of work.
  public func reset() { flag.store(false, ordering: .sequentiallyConsistent) }

  /// How many times the work has polled this token.
  public var pollCount: Int { polls.load(ordering: .relaxed) }

  /// Counts a poll and says whether the work should stop.
  public func poll() -> Bool {
    let count = polls.add(1, ordering: .relaxed).newValue
    if count == tripPoll { cancel() }
    return isCancelled
  }
}

/// The cancellation token of the work running now, and the check long loops call.
///
/// The token is a task-local value: `run(with:_:)` binds it for the work it runs (on the
/// calling thread, or the calling task), so work started elsewhere, such as tests running side
/// by side, sees its own token or none. Work with no token bound never stops early.
public enum Cancellation {
  @TaskLocal public static var token: CancellationToken?

  /// Runs `body` with `token` as the one `check()` polls.
  public static func run<T>(with token: CancellationToken, _ body: () throws -> T) rethrows -> T {
    try $token.withValue(token, operation: body)
  }

  /// Throws `CancellationError` when the running work has been asked to stop.
  public static func check() throws {
    if let token, token.poll() { throw CancellationError() }
  }

  /// Polls every `interval` units of work (elements, rows, lines), so a loop whose steps
  /// differ in size checks about as often whatever their size.
  public struct Poller: Sendable {
    public let interval: Int
    private var done = 0

    /// A poller that checks every `interval` units (2^20 by default: about a millisecond of
    /// simple arithmetic over floats).
    public init(interval: Int = 1 << 20) { self.interval = Swift.max(interval, 1) }

    /// Counts `units` of work done and checks when an interval has passed.
    public mutating func advance(by units: Int = 1) throws {
      // `done` stays below `interval`, so the difference cannot overflow.
      if units >= interval - done {
        done = 0
        try Cancellation.check()
      } else {
        done += units
      }
    }
  }
}
