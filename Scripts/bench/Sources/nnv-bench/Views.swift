import Foundation
import NNVCore
import NNVPlot

/// `nnv-bench views`: the two view budgets. A 200×200 decision boundary of a 2-16-16-3
/// network on a 3-class spiral: the grid's forward pass and hidden-unit thumbnails alone, then
/// with the terminal text, then with the SVG document (goal under 50 ms). And the SVG diagram
/// of a 784-128-10 network (goal under 1 s and 1 MB). Each figure is the median of 9 runs after
/// one warm-up.
func runViews() throws {
  var spiral = try Sequential(name: "net", inputShape: [2])
  for (i, size) in [16, 16, 3].enumerated() {
    try spiral.append(
      Dense(
        inputSize: i == 0 ? 2 : 16, outputSize: size, activation: i == 2 ? .softmax : .tanh,
        seed: UInt64(i + 1)))
  }
  let data = try SyntheticDatasets.spiral(n: 300, classes: 3, noise: 0.1, seed: 1)
  let computeOnly = try median { _ = try ModelViews.boundary(spiral, train: data, resolution: 200) }
  emit("views-boundary-200-grid", seconds: computeOnly)
  let text = try median { _ = try ModelViews.boundary(spiral, train: data, resolution: 200).text() }
  emit("views-boundary-200-text", seconds: text)
  var svgBytes = 0
  let boundary = try median {
    let chart = try ModelViews.boundary(spiral, train: data, resolution: 200)
    svgBytes = chart.svg().utf8.count
  }
  emit("views-boundary-200", seconds: boundary, extra: [("svg_bytes", "\(svgBytes)")])
  check(boundary < 0.05, "views-boundary-200 took \(boundary) s, over the 50 ms budget")

  var mnist = try Sequential(name: "mlp", inputShape: [784])
  try mnist.append(Dense(inputSize: 784, outputSize: 128, activation: .relu, seed: 1))
  try mnist.append(Dense(inputSize: 128, outputSize: 10, activation: .softmax, seed: 2))
  var diagramBytes = 0
  let diagram = median {
    diagramBytes = ModelViews.diagram(mnist).svg().utf8.count
  }
  emit("views-diagram-784", seconds: diagram, extra: [("svg_bytes", "\(diagramBytes)")])
  check(diagram < 1, "views-diagram-784 took \(diagram) s, over the 1 s budget")
  check(diagramBytes < 1_000_000, "views-diagram-784 SVG is \(diagramBytes) bytes, over 1 MB")
}

/// The median wall time of `body` over 9 runs after a warm-up. Errors end the benchmark.
func median(_ body: () throws -> Void) rethrows -> Double {
  try body()
  var samples: [Double] = []
  for _ in 0..<9 {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  samples.sort()
  return samples[samples.count / 2]
}
