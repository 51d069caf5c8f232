import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs the interpreter on a thread with a large stack, and measures how much of it is used.
///
/// The interpreter recurses: a call inside blocks nested as deeply as the parser allows
/// (`Parser.maximumDepth`, 256) takes about 640 KB of stack (2.5 KB a level, measured in a
/// release build), and functions may call each other `Interpreter.maximumCallDepth` (200) deep:
/// about 130 MB, which does not fit the 8 MB of a main thread but fits `budget` seven times. So
/// every run gets its own thread with `size` bytes of stack; the system commits its pages only
/// when they are touched, so an ordinary script uses no more memory than before. The
/// interpreter also compares the stack in use with `budget` before each statement, call and
/// expression (`StackGuard`), so even a thread that could not be made large ends in a "too
/// deep" error rather than a crash.
enum LargeStack {
  /// The stack of the interpreter's thread: 1 GiB of address space.
  static let size = 1 << 30
  /// The stack tried next when a system will not reserve `size` (strict overcommit, a low
  /// address-space limit): deep recursion then ends in "too deep" sooner.
  static let smallerSize = 64 << 20
  /// What may be used of the first stack.
  static let budget = budget(for: size)

  /// What may be used of a stack of `size` bytes; the rest covers the builtins' own frames
  /// past the last check.
  static func budget(for size: Int) -> Int { size - size / 16 }
  /// What may be used when no thread could be made and the work runs on the caller's: a main
  /// thread's usual 8 MB or a secondary thread's 2 MB leave room for this and a builtin.
  static let fallbackBudget = 1 << 20

  /// Runs `body` on a new thread with a `size`-byte stack (or `smallerSize`) and waits for
  /// it; on the caller's thread if none can be made. `body` gets the stack budget of the thread
  /// it runs on.
  static func run<T>(_ body: (_ budget: Int) -> T) -> T {
    withoutActuallyEscaping(body) { body in
      for size in [size, smallerSize] {
        let work = Work { body(budget(for: size)) }
        // `start` joined the thread, so the result is there.
        if start(work, stackSize: size), let result = work.result { return result }
      }
      return body(fallbackBudget)
    }
  }

  /// The closure and its result, handed to the thread. The caller waits for the thread to end
  /// before it reads `result`, so the two never touch it at once.
  fileprivate final class Work<T>: Runnable, @unchecked Sendable {
    let body: () -> T
    var result: T?

    init(_ body: @escaping () -> T) { self.body = body }

    func run() { result = body() }
  }

  /// Runs `work` on a new thread and joins it; false if the thread could not be made.
  private static func start<T>(_ work: Work<T>, stackSize: Int) -> Bool {
    var attributes = pthread_attr_t()
    guard pthread_attr_init(&attributes) == 0 else { return false }
    defer { pthread_attr_destroy(&attributes) }
    guard pthread_attr_setstacksize(&attributes, stackSize) == 0 else { return false }
    let context = Unmanaged.passRetained(work as AnyObject).toOpaque()
    #if canImport(Darwin)
      var thread: pthread_t?
    #else
      var thread = pthread_t()
    #endif
    let status = pthread_create(
      &thread, &attributes,
      { context in
        let pointer: UnsafeMutableRawPointer? = context
        if let pointer {
          let object = Unmanaged<AnyObject>.fromOpaque(pointer).takeRetainedValue()
          (object as? any Runnable)?.run()
        }
        return nil
      }, context)
    guard status == 0 else {
      Unmanaged<AnyObject>.fromOpaque(context).release()
      return false
    }
    #if canImport(Darwin)
      guard let thread else { return false }
    #endif
    pthread_join(thread, nil)
    return true
  }
}

/// Something a thread runs.
private protocol Runnable: AnyObject {
  func run()
}

/// How much stack the interpreter has used since its run started, compared with a budget.
struct StackGuard {
  /// An address near the top of the stack when the run started.
  private let base: UInt
  private let budget: Int

  /// A guard for the current thread, allowing `budget` bytes below the caller's frame.
  init(budget: Int) {
    self.base = StackGuard.currentAddress()
    self.budget = budget
  }

  /// Whether the stack in use has grown past the budget. Stacks grow down on every platform
  /// nnv runs on; the distance is taken either way to be safe.
  var isExhausted: Bool {
    let here = StackGuard.currentAddress()
    let used = here > base ? here - base : base - here
    return used > UInt(budget)
  }

  /// The address of a local variable of the calling frame: where the stack has reached.
  @inline(never)
  static func currentAddress() -> UInt {
    var marker: UInt8 = 0
    return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
  }
}
