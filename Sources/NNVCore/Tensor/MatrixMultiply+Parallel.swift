import Dispatch
import Foundation

/// The helper threads that run the parts of a parallel product.
extension MatrixMultiply {
  /// A few persistent helper threads that wait for work by spinning briefly before sleeping.
  ///
  /// `DispatchQueue.concurrentPerform` hands work to threads that sleep between calls, and
  /// waking a sleeping thread takes 10–50 µs on a virtual machine, as long as a whole 128×128
  /// product; a 2-thread product of that size then ran slower than one thread. These helpers
  /// instead keep polling for about half a millisecond after each product, so a product that
  /// follows soon after (the usual case in training) starts on all threads at once, the way
  /// BLAS libraries' thread pools behave. A helper that finds no work sleeps on a condition
  /// variable and costs nothing.
  ///
  /// One product uses the pool at a time; a product that finds it busy (products started
  /// concurrently on several threads) runs its parts on its own thread.
  final class WorkerPool: @unchecked Sendable {
    // Unchecked Sendable: every stored property is only accessed with `condition` locked.

    /// The pool all products share.
    static let shared = WorkerPool()

    /// How long an idle helper keeps polling for work before it sleeps, in nanoseconds.
    private static let spinNanoseconds: UInt64 = 500_000

    private let condition = NSCondition()
    private var helperCount = 0
    /// Counts the products handed to the pool; a change tells the helpers there is work.
    private var generation = 0
    private var task: (@Sendable (Int) -> Void)?
    private var partCount = 0
    private var nextPart = 0
    private var unfinishedParts = 0

    /// Runs `body(0)`, …, `body(parts - 1)`, spread over the calling thread and `parts - 1`
    /// helpers, and returns when all have finished.
    func run(parts: Int, _ body: @escaping @Sendable (Int) -> Void) {
      condition.lock()
      guard task == nil else {
        condition.unlock()
        for part in 0..<parts { body(part) }
        return
      }
      while helperCount < parts - 1 {
        helperCount += 1
        // The new helper must treat the product about to be posted as new.
        let current = generation
        let thread = Thread { [self] in helperLoop(seenGeneration: current) }
        thread.name = "nnv.matmul.\(helperCount)"
        thread.start()
      }
      task = body
      partCount = parts
      nextPart = 0
      unfinishedParts = parts
      generation &+= 1
      condition.broadcast()
      condition.unlock()

      runParts()
      // Usually the helpers finish within microseconds of the caller; poll, then sleep.
      if !poll(until: { unfinishedParts == 0 }) {
        condition.lock()
        while unfinishedParts > 0 { condition.wait() }
        condition.unlock()
      }
    }

    /// Claims and runs parts of the current product until none are left.
    private func runParts() {
      while true {
        condition.lock()
        guard let body = task, nextPart < partCount else {
          condition.unlock()
          return
        }
        let part = nextPart
        nextPart += 1
        condition.unlock()

        body(part)

        condition.lock()
        unfinishedParts -= 1
        if unfinishedParts == 0 {
          task = nil
          condition.broadcast()
        }
        condition.unlock()
      }
    }

    /// A helper's life: wait for a new product (polling, then sleeping), help run it, repeat.
    private func helperLoop(seenGeneration initial: Int) {
      var seenGeneration = initial
      while true {
        poll(until: { generation != seenGeneration })
        condition.lock()
        while generation == seenGeneration { condition.wait() }
        seenGeneration = generation
        condition.unlock()
        runParts()
      }
    }

    /// Evaluates `isDone` with the lock held, again and again for up to `spinNanoseconds`, and
    /// returns whether it became true.
    @discardableResult
    private func poll(until isDone: () -> Bool) -> Bool {
      let start = DispatchTime.now().uptimeNanoseconds
      repeat {
        if condition.withLock(isDone) { return true }
      } while DispatchTime.now().uptimeNanoseconds - start < Self.spinNanoseconds
      return false
    }
  }
}
