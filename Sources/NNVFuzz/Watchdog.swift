import Foundation
import NNVLanguage
import Synchronization

/// Cancels a running script once it has run for longer than a budget, as a user pressing Ctrl-C
/// would: one background thread, polling every 10 ms, shared by every input.
final class Watchdog: Sendable {
  private struct Watch: Sendable {
    var flag: CancellationFlag?
    var deadline: ContinuousClock.Instant
  }
  private let budget: Duration
  private let current = Mutex(Watch(flag: nil, deadline: .now))

  init(budget: Duration) {
    self.budget = budget
    let thread = Thread { [self] in self.poll() }
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// Runs `body` with `flag` cancelled if it is still running after the budget.
  func guarding(_ flag: CancellationFlag, _ body: () -> Void) {
    current.withLock { $0 = Watch(flag: flag, deadline: .now + budget) }
    body()
    current.withLock { $0.flag = nil }
  }

  private func poll() {
    while true {
      Thread.sleep(forTimeInterval: 0.01)
      current.withLock { watch in
        if let flag = watch.flag, ContinuousClock.now >= watch.deadline { flag.cancel() }
      }
    }
  }
}
