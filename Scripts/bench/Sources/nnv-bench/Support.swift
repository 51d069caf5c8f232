import Foundation
import NNVCore

// Clocks, memory, output and the independent re-implementations the harness checks the core
// against. Nothing here is timed.

/// Wall time from a monotonic clock, in seconds.
func monotonicSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// CPU time of the whole process (all threads), in seconds.
func processCPUSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Measures wall and CPU seconds of `body`.
func timed<R>(_ body: () throws -> R) rethrows -> (result: R, seconds: Double, cpu: Double) {
  let c0 = processCPUSeconds()
  let t0 = monotonicSeconds()
  let result = try body()
  let seconds = monotonicSeconds() - t0
  let cpu = processCPUSeconds() - c0
  return (result, seconds, cpu)
}

/// The process's peak resident set size so far, in bytes.
func peakRSSBytes() -> Int {
  var usage = rusage()
  #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
  #else
    getrusage(RUSAGE_SELF, &usage)
    return Int(usage.ru_maxrss)  // bytes on macOS
  #endif
}

/// Writes a line to standard error.
func note(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// The number of threads to run with: `BENCH_THREADS`, default 1 (as the peers).
let benchThreads: Int = {
  let value = ProcessInfo.processInfo.environment["BENCH_THREADS"].flatMap { Int($0) } ?? 1
  return max(1, value)
}()

/// An optional positive integer from the environment (shortened runs for profiling).
func environmentInt(_ name: String) -> Int? {
  ProcessInfo.processInfo.environment[name].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
}

/// Prints the peers' one-line result format (see peers/common.py `emit`):
/// `workload=... peer=nnv seconds=... final_loss=... accuracy=... threads=... [cpu_seconds=...] ...`
func emit(
  _ workload: String, seconds: Double, finalLoss: Double = .nan, accuracy: Double = .nan,
  cpu: Double? = nil, extra: [(String, String)] = []
) {
  var fields: [(String, String)] = [
    ("workload", workload), ("peer", "nnv"), ("seconds", String(format: "%.6f", seconds)),
    ("final_loss", String(format: "%.6f", finalLoss)),
    ("accuracy", String(format: "%.4f", accuracy)), ("threads", String(benchThreads)),
  ]
  if let cpu { fields.append(("cpu_seconds", String(format: "%.6f", cpu))) }
  fields += extra
  let line = fields.map { "\($0.0)=\($0.1)" }.joined(separator: " ") + "\n"
  FileHandle.standardOutput.write(Data(line.utf8))
}

/// The peers' `splitmix64(seed, n)` (peers/common.py), written out here independently of the
/// core so that the core's `RandomGenerator` is checked against it, not against itself.
func referenceSplitmix64(seed: UInt64, count: Int) -> [UInt64] {
  (0..<count).map { i in
    var z = seed &+ UInt64(i + 1) &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The peers' `glorot(seed, fan_in, fan_out, shape)`: `(2u − 1) · float32(√(6 / (in + out)))`.
func referenceGlorot(seed: UInt64, fanIn: Int, fanOut: Int) -> [Float] {
  let a = Float((6.0 / Double(fanIn + fanOut)).squareRoot())
  return referenceSplitmix64(seed: seed, count: fanIn * fanOut).map { bits in
    let u = Float(bits >> 40) * 0x1p-24
    return (2 * u - 1) * a
  }
}

/// The peers' batch order for one epoch: stable argsort of `splitmix64(seed, n)`.
func referencePermutation(seed: UInt64, count n: Int) -> [Int] {
  let keys = referenceSplitmix64(seed: seed, count: n)
  return Array(0..<n).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
}

/// Failed self-checks, reported together at the end; any makes the exit status non-zero.
nonisolated(unsafe) var failures: [String] = []

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition {
    let text = message()
    failures.append(text)
    note("nnv-bench: WARNING: \(text)")
  }
}

/// Checks the core's generator, Glorot initializer and batch order against the peers' formulas.
func checkReproducibility(of model: Sequential, sizes: [Int], weightSeed: UInt64, samples: Int) {
  checkGenerator(samples: samples)
  for (i, layer) in model.layers.enumerated() {
    let expected = referenceGlorot(
      seed: weightSeed + UInt64(i), fanIn: sizes[i], fanOut: sizes[i + 1])
    let parameters = layer.parameters
    check(
      parameters.count == 2 && parameters[0].shape == [sizes[i], sizes[i + 1]]
        && parameters[0].scalars == expected,
      "layer \(i) weights differ from the peers' glorot(seed \(weightSeed + UInt64(i)))")
    check(
      parameters.count == 2 && parameters[1].scalars.allSatisfy { $0 == 0 },
      "layer \(i) biases are not zero")
  }
}

/// Checks the core's generator and batch order (for `samples` samples) against the peers'.
func checkGenerator(samples: Int) {
  // peers/README: "seed 0 gives 0xe220a8397b1dcdaf first".
  var generator = RandomGenerator(seed: 0)
  check(generator.next() == 0xe220_a839_7b1d_cdaf, "RandomGenerator(seed: 0) is not splitmix64")
  check(
    RandomGenerator.uniformValues(seed: 31, count: 1000)
      == referenceSplitmix64(seed: 31, count: 1000).map { Float($0 >> 40) * 0x1p-24 },
    "RandomGenerator.uniformValues differs from the peers' uniform()")
  for epoch in 0..<2 {
    var shuffler = RandomGenerator(seed: 7 + UInt64(epoch))
    check(
      shuffler.permutation(samples)
        == referencePermutation(seed: 7 + UInt64(epoch), count: samples),
      "RandomGenerator(seed: \(7 + epoch)).permutation differs from the peers' batch order")
  }
}
