import Foundation
import NNVCore

/// `nnv-bench attribution`: the saliency issue's two speed goals on the W6 network
/// (784-128-64-10, untrained, mnist-like inputs):
/// - vanilla gradients for 1,000 inputs as one batched job (goal: under 50 ms),
/// - Integrated Gradients with 50 steps for one input (goal: under 5 ms).
/// Each figure is the median time of one call (`benchmark`). Prints two lines,
/// `workload=attribution-vanilla-1000` and `workload=attribution-ig50-single`.
func runAttribution() throws {
  let data = try mnistLikeData()
  let model = try mlp([784, 128, 64, 10], hidden: .relu, output: .softmax, weightSeed: 300)
  let batch = try data.features.rows(0..<1000)
  let one = try data.features.row(0)
  var checksum = 0.0
  let vanilla = benchmark {
    if let result = try? Attributor.attribute(model, inputs: batch, method: .gradient(absolute: true)) {
      checksum = result.values.scalars.reduce(0) { $0 + Double($1) }
    }
  }
  emit(
    "attribution-vanilla-1000", seconds: vanilla, cpu: nil,
    extra: [("checksum", String(format: "%.6g", checksum))])
  var gap: Float = 0
  let integrated = benchmark {
    if let result = try? Attributor.attribute(model, inputs: one, method: .integratedGradients) {
      gap = result.completenessGaps?.first ?? .nan
    }
  }
  emit(
    "attribution-ig50-single", seconds: integrated, cpu: nil,
    extra: [("completeness_gap", String(format: "%.3g", gap))])
}
