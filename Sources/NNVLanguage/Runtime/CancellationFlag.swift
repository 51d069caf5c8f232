import Synchronization

/// A thread-safe "stop now" flag: set from a signal handler's thread, read by the interpreter.
///
/// The interpreter checks it after every training batch and every loop iteration; a set flag
/// ends the running statement with an "interrupted" diagnostic. `run` clears it when it starts.
public final class CancellationFlag: Sendable {
  private let flag = Atomic<Bool>(false)

  public init() {}

  /// Asks the running script to stop.
  public func cancel() { flag.store(true, ordering: .sequentiallyConsistent) }

  public var isCancelled: Bool { flag.load(ordering: .sequentiallyConsistent) }

  public func reset() { flag.store(false, ordering: .sequentiallyConsistent) }
}
