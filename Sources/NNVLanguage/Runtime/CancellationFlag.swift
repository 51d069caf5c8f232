import NNVCore

/// A thread-safe "stop now" flag: set from a signal handler's thread, read by the interpreter.
///
/// It is the core's `CancellationToken`: the interpreter binds it while it runs, so training,
/// attribution, data loading and every other long builtin poll it every few milliseconds, and
/// checks it before every statement and loop iteration. A set flag ends the running statement
/// with an "interrupted" diagnostic. `run` clears it when it starts.
public typealias CancellationFlag = CancellationToken
