import NNVLanguage

/// The libFuzzer entry point: lexes, parses and checks one input (never runs it).
///
/// Built only with `NNV_FUZZ=1` (see Package.swift and Scripts/fuzz.sh), because it needs
/// `-sanitize=fuzzer`, which instruments the language target and supplies `main`. libFuzzer
/// reports a crash, a timeout (`-timeout=`) or a leak; returning normally means the input passed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  let interpreter = Interpreter(output: CollectingOutput())
  _ = interpreter.check(SourceFile(name: "<fuzz>", text: text))
  return 0
}
