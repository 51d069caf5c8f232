import Foundation
import NNVLanguage

/// The libFuzzer entry point: runs one input as a script (or, with `NNV_FUZZ_MODE=check`, only
/// lexes, parses and checks it).
///
/// Built only with `NNV_FUZZ=1` (see Package.swift and Scripts/fuzz.sh), because it needs
/// `-sanitize=fuzzer`, which instruments the language target and supplies `main`. libFuzzer
/// reports a crash, a timeout (`-timeout=`), an allocation over `-malloc_limit_mb` or a leak;
/// returning normally means the input passed.
///
/// A script may loop for ever or train for a million epochs, as a user's may; the user then
/// presses Ctrl-C. The watchdog does the same after `FuzzSettings.budget`, through the same
/// cancellation flag, so an input that runs past libFuzzer's timeout is one that ignored Ctrl-C.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  let source = SourceFile(name: "<fuzz>", text: text)
  let output = CountingOutput()
  if FuzzSettings.checkOnly {
    _ = Interpreter(output: output).check(source)
    return 0
  }
  let cancellation = CancellationFlag()
  let interpreter = Interpreter(
    output: output, seed: 1, cancellation: cancellation, directory: FuzzSettings.directory)
  FuzzSettings.watchdog.guarding(cancellation) {
    _ = interpreter.run(source)
  }
  return 0
}

/// What the fuzzer's run mode is set to, read once from the environment.
enum FuzzSettings {
  static let checkOnly = ProcessInfo.processInfo.environment["NNV_FUZZ_MODE"] == "check"
  /// How long one input may run before the watchdog presses Ctrl-C.
  static let budget: Duration = .milliseconds(
    ProcessInfo.processInfo.environment["NNV_FUZZ_BUDGET_MS"].flatMap(Int.init) ?? 500)
  /// Where relative paths in scripts land: a fresh temporary folder.
  static let directory: String = {
    let path = NSTemporaryDirectory() + "nnv-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()
  static let watchdog = Watchdog(budget: budget)
}

/// Output that only counts what a script prints, so a script printing in a loop costs no memory.
final class CountingOutput: OutputSink {
  private(set) var bytes = 0
  func write(_ text: String) { bytes += text.utf8.count }
  func progress(_ event: ProgressEvent) {}
}
