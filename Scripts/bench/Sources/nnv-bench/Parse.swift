import Foundation
import NNVLanguage

/// `nnv-bench parse`: lexes, parses and checks a generated 10,000-line script (no execution).
///
/// Prints `workload=parse peer=nnv seconds=… lines=10000 diagnostics=0`, the median of 7 runs
/// after one warm-up. The goal is under 100 ms.
func runParse() {
  let lines = Int(ProcessInfo.processInfo.environment["NNV_BENCH_PARSE_LINES"] ?? "") ?? 10_000
  let text = BenchmarkScript.generate(lines: lines)
  let source = SourceFile(name: "generated.nnv", text: text)
  var samples: [Double] = []
  var diagnostics = 0
  for run in 0..<8 {
    let interpreter = Interpreter(output: CollectingOutput())
    let start = DispatchTime.now().uptimeNanoseconds
    diagnostics = interpreter.check(source).count
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    if run > 0 { samples.append(seconds) }
  }
  samples.sort()
  let median = samples[samples.count / 2]
  let counted = text.split(separator: "\n", omittingEmptySubsequences: false).count
  print(
    "workload=parse peer=nnv seconds=\(String(format: "%.6f", median)) lines=\(counted) "
      + "diagnostics=\(diagnostics)")
}
