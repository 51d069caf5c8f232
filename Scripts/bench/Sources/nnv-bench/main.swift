import Foundation
import NNVCore

// nnv-bench <workload>: runs one of the peer benchmarks (peers/*.py) through nnv's public API —
// the same data, initial weights, batch order, loss and optimizer — and prints the peers'
// one-line result format. Only the training (or saliency) loop is timed. The final loss (or the
// saliency checksum) is compared with the peers' reference value; a mismatch is reported on
// standard error and makes the exit status 1.

/// The peers' reference results: numpy_peer.py and torch_peer.py (in peers/) agree on these to
/// six decimals (final loss on the full training set after training; README "Reference values").
enum Reference {
  static let finalLoss: [String: Double] = [
    "xor-tiny": 0.001027,  // W1, numpy and torch
    "spiral-small": 0.017652,  // W2, numpy and torch
    "mnist-mlp": 1.958165,  // W3, numpy and torch
    "cnn-small": 2.258989,  // W4, numpy (torch: 2.258987)
    "rnn-char": 1.410712,  // W7, numpy (torch: 1.410711)
    "lstm-char": 0.888526,  // W8, numpy (torch: 0.888527)
  ]
  /// Largest accepted |nnv − peer| final loss.
  static let lossTolerance = 1e-4
  /// W6: Σ|d(top logit)/d(input)| over the first 1,000 samples, untrained W3 net (numpy, torch).
  static let saliencyChecksum = 21102.5
  /// Largest accepted relative difference of the checksum.
  static let checksumTolerance = 1e-4
}

/// One of the peers' training workloads (peers/common.py `WORKLOADS`).
struct TrainingWorkload {
  var sizes: [Int]
  var hidden: Activation
  var output: Activation
  var loss: Loss
  var batchSize: Int
  var epochs: Int
  var weightSeed: UInt64
  var makeOptimizer: () -> any Optimizer
  var makeData: () throws -> Dataset
}

let workloads: [String: TrainingWorkload] = [
  // W1: [2, 8, 8, 1] tanh, BCE on logits, full batch of 200, 1,000 epochs, Adam 0.01.
  "xor-tiny": TrainingWorkload(
    sizes: [2, 8, 8, 1], hidden: .tanh, output: .sigmoid, loss: .binaryCrossEntropy,
    batchSize: 200, epochs: 1000, weightSeed: 100,
    makeOptimizer: { Adam(learningRate: 0.01) }, makeData: { try xorData() }),
  // W2: [2, 16, 16, 3] relu, softmax cross-entropy, batches of 32 (9×32 + 12), 200 epochs, Adam 0.01.
  "spiral-small": TrainingWorkload(
    sizes: [2, 16, 16, 3], hidden: .relu, output: .softmax, loss: .categoricalCrossEntropy,
    batchSize: 32, epochs: 200, weightSeed: 200,
    makeOptimizer: { Adam(learningRate: 0.01) }, makeData: { try spiralData() }),
  // W3: [784, 128, 64, 10] relu, softmax cross-entropy, batches of 64 (156×64 + 16), 3 epochs,
  // SGD 0.01 with momentum 0.9 (torch form).
  "mnist-mlp": TrainingWorkload(
    sizes: [784, 128, 64, 10], hidden: .relu, output: .softmax, loss: .categoricalCrossEntropy,
    batchSize: 64, epochs: 3, weightSeed: 300,
    makeOptimizer: { SGD(learningRate: 0.01, momentum: 0.9) }, makeData: { try mnistLikeData() }),
]

/// Trains one workload with `Trainer.train` and prints its result line.
func runTraining(_ name: String, _ workload: TrainingWorkload) throws {
  let baselineRSS = peakRSSBytes()
  let data = try workload.makeData()
  var model = try mlp(
    workload.sizes, hidden: workload.hidden, output: workload.output,
    weightSeed: workload.weightSeed)
  checkReproducibility(
    of: model, sizes: workload.sizes, weightSeed: workload.weightSeed, samples: data.count)
  let shortened = environmentInt("NNV_BENCH_EPOCHS")
  let options = TrainingOptions(
    epochs: shortened ?? workload.epochs, batchSize: workload.batchSize, loss: workload.loss,
    seed: 7, shuffle: true)
  let optimizer = workload.makeOptimizer()

  let run = try timed {
    try Trainer.train(&model, on: data, optimizer: optimizer, options: options)
  }
  check(
    run.result == .completed(epochs: options.epochs), "training did not complete: \(run.result)")
  let peakTrainingRSS = peakRSSBytes()

  let (loss, accuracy) = try Metrics.evaluate(model, on: data, loss: workload.loss)
  emit(
    name, seconds: run.seconds, finalLoss: Double(loss), accuracy: Double(accuracy ?? .nan),
    cpu: run.cpu)

  if name == "mnist-mlp" {
    // Goal: peak memory < 2 × (data + parameters). Data = float32 pixels + integer labels.
    let dataBytes =
      data.features.count * MemoryLayout<Float>.size + data.labels.count * MemoryLayout<Int>.size
    let parameterBytes = model.parameterCount * MemoryLayout<Float>.size
    note(
      "nnv-bench: memory data_bytes=\(dataBytes) parameter_bytes=\(parameterBytes) "
        + "sum=\(dataBytes + parameterBytes) limit_2x=\(2 * (dataBytes + parameterBytes)) "
        + "baseline_peak_rss=\(baselineRSS) peak_rss_after_training=\(peakTrainingRSS) "
        + "peak_rss_after_evaluation=\(peakRSSBytes())")
  }
  checkFinalLoss(name, loss: loss, shortened: shortened != nil)
}

/// Compares a training workload's final loss with the peers' reference value.
func checkFinalLoss(_ name: String, loss: Float, shortened: Bool) {
  if shortened {
    note("nnv-bench: NNV_BENCH_EPOCHS set: shortened run, final loss not checked")
  } else if let reference = Reference.finalLoss[name] {
    let delta = Double(loss) - reference
    check(
      abs(delta) <= Reference.lossTolerance,
      "\(name) final_loss \(String(format: "%.6f", loss)) differs from the peers' "
        + "\(String(format: "%.6f", reference)) by \(String(format: "%.2e", delta)) "
        + "(tolerance \(Reference.lossTolerance))")
    note(
      "nnv-bench: \(name) final_loss \(String(format: "%.6f", loss)) vs peers "
        + "\(String(format: "%.6f", reference)): delta \(String(format: "%+.2e", delta))")
  }
}

/// W6: d(top logit)/d(input) of the untrained W3 network for the first 1,000 samples, one at a
/// time (each its own forward and backward pass, through `InputGradient.compute`), as the peers
/// do; prints Σ|gradient|.
func runSaliency() throws {
  let sizes = [784, 128, 64, 10]
  let data = try mnistLikeData()
  // The last layer is softmax as in W3; InputGradient differentiates its logits.
  let model = try mlp(sizes, hidden: .relu, output: .softmax, weightSeed: 300)
  checkReproducibility(of: model, sizes: sizes, weightSeed: 300, samples: 0)
  let samples = environmentInt("NNV_BENCH_SAMPLES").map { min($0, data.count) } ?? 1000

  let run = try timed { () throws -> Double in
    var total = 0.0
    for i in 0..<samples {
      let (gradient, _, _) = try InputGradient.compute(model, inputs: try data.features.row(i))
      for g in gradient.scalars { total += Double(abs(g)) }
    }
    return total
  }
  let checksum = run.result
  emit(
    "saliency", seconds: run.seconds, cpu: run.cpu,
    extra: [("checksum", String(format: "%.6g", checksum))])
  if samples != 1000 {
    note("nnv-bench: NNV_BENCH_SAMPLES set: shortened run, checksum not checked")
    return
  }
  let relative = (checksum - Reference.saliencyChecksum) / Reference.saliencyChecksum
  check(
    abs(relative) <= Reference.checksumTolerance,
    "saliency checksum \(checksum) differs from the peers' \(Reference.saliencyChecksum) "
      + "by \(String(format: "%.2e", relative)) relative (tolerance \(Reference.checksumTolerance))"
  )
  note(
    "nnv-bench: saliency checksum \(String(format: "%.4f", checksum)) vs peers "
      + "\(Reference.saliencyChecksum): relative delta \(String(format: "%+.2e", relative))")
}

/// The median seconds of one call: after warm-up, 7 samples each averaging enough calls to last
/// ≥ 50 ms (peers/sgemm.py). Warm-up stops early once it has taken a second (slow kernels).
func benchmark(_ body: () -> Void) -> Double {
  let warmStart = monotonicSeconds()
  for _ in 0..<3 where monotonicSeconds() - warmStart < 1 { body() }
  let t0 = monotonicSeconds()
  body()
  let one = monotonicSeconds() - t0
  let reps = max(1, Int(0.05 / max(one, 1e-7)))
  var samples: [Double] = []
  for _ in 0..<7 {
    let start = monotonicSeconds()
    for _ in 0..<reps { body() }
    samples.append((monotonicSeconds() - start) / Double(reps))
  }
  samples.sort()
  return samples[samples.count / 2]
}

/// W5: C = A·B in float32 for n = 128 ... 1024 (A = uniform(500 + n), B = uniform(600 + n)),
/// through `MatrixMultiply.multiply` into a preallocated C; one line per size.
func runSgemm() {
  let sizes =
    ProcessInfo.processInfo.environment["NNV_BENCH_SGEMM_SIZES"]?
    .split(separator: ",").compactMap { Int($0) } ?? [128, 256, 512, 1024]
  for n in sizes {
    let a = RandomGenerator.uniformValues(seed: UInt64(500 + n), count: n * n)
    let b = RandomGenerator.uniformValues(seed: UInt64(600 + n), count: n * n)
    var c = [Float](repeating: .nan, count: n * n)
    let seconds = a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          guard let pa = a.baseAddress, let pb = b.baseAddress, let pc = c.baseAddress else {
            return Double.nan
          }
          return benchmark {
            MatrixMultiply.multiply(
              m: n, n: n, k: n, a: pa, aRowStride: n, aColStride: 1, b: pb, bRowStride: n,
              bColStride: 1, c: pc, ldc: n, accumulate: false)
          }
        }
      }
    }
    // Spot-check 64 entries against double-precision dot products.
    var random = RandomGenerator(seed: UInt64(n))
    var worst = 0.0
    for _ in 0..<64 {
      let (i, j) = (random.integer(below: n), random.integer(below: n))
      var exact = 0.0
      for p in 0..<n { exact += Double(a[i * n + p]) * Double(b[p * n + j]) }
      worst = max(worst, abs(Double(c[i * n + j]) - exact) / max(abs(exact), 1e-30))
    }
    check(worst < 1e-4, "sgemm-\(n): result wrong (worst relative error \(worst))")
    emit(
      "sgemm-\(n)", seconds: seconds,
      extra: [
        ("gflops", String(format: "%.2f", 2 * pow(Double(n), 3) / seconds / 1e9)),
        ("kernel", "nnv"),
      ])
  }
}

// MARK: - main

let usage =
  "usage: nnv-bench {xor-tiny|spiral-small|mnist-mlp|saliency|sgemm|parse|attribution|views|"
  + "live|cnn-small|rnn-char|lstm-char}"
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 1, let workload = arguments.first else {
  note(usage)
  exit(2)
}
MatrixMultiply.threadCount = benchThreads
if MatrixMultiply.threadCount != benchThreads {
  note(
    "nnv-bench: note: BENCH_THREADS=\(benchThreads) but MatrixMultiply.threadCount is "
      + "\(MatrixMultiply.threadCount) (the kernel ignores the setting)")
}

do {
  switch workload {
  case "cnn-small":
    try runCNN()
  case "rnn-char":
    try runSequence(workload, cell: .rnn(.tanh), seed: 700)
  case "lstm-char":
    try runSequence(workload, cell: .lstm, seed: 800)
  case "saliency":
    try runSaliency()
  case "sgemm":
    runSgemm()
  case "parse":
    runParse()
  case "attribution":
    try runAttribution()
  case "views":
    try runViews()
  case "live":
    runLive()
  default:
    guard let training = workloads[workload] else {
      note("nnv-bench: unknown workload '\(workload)'\n\(usage)")
      exit(2)
    }
    try runTraining(workload, training)
  }
} catch {
  note("nnv-bench: \(workload) failed: \(error)")
  exit(1)
}
if !failures.isEmpty {
  note("nnv-bench: \(failures.count) check(s) failed")
  exit(1)
}
