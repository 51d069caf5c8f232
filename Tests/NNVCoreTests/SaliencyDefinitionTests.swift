import Foundation
import NNVCore
import NNVTestSupport
import Testing

/// The saliency methods as Docs/model-file.md defines them, computed from a model file by the
/// independent reader (scores before the last activation, gradients by central differences in
/// double precision), agree with nnv's attributions.
@Suite struct SaliencyDefinitionTests {
  /// input 4 (standardized) → dense 6 tanh → dense 5 gelu → dense 3 softmax: smooth, so
  /// central differences are accurate.
  static func tabular() throws -> Sequential {
    var model = try Sequential(name: "t", inputShape: [4])
    try model.append(Dense(inputSize: 4, outputSize: 6, activation: .tanh, seed: 1))
    try model.append(Dense(inputSize: 6, outputSize: 5, activation: .gelu, seed: 2))
    try model.append(Dense(inputSize: 5, outputSize: 3, activation: .softmax, seed: 3))
    model = ModelFileReaderTests.randomized(model, seed: 5)
    model.standardizer = Standardizer(mean: [0.5, -0.5, 1, 0], deviation: [1.5, 0.5, 2, 1])
    return model
  }

  static let samples: [[Double]] = [[0.3, -1.2, 2, 0.7], [-0.8, 0.1, 0.4, -1.5]]

  static func batch(_ samples: [[Double]], _ shape: [Int]) throws -> Tensor {
    try Tensor(shape: [samples.count] + shape, scalars: samples.flatMap { $0.map(Float.init) })
  }

  /// ∂score[target]/∂x by central differences.
  static func gradient(_ reader: ModelFileReader, _ x: [Double], _ target: Int) throws -> [Double] {
    let h = 1e-5
    return try x.indices.map { j in
      var (up, down) = (x, x)
      up[j] += h
      down[j] -= h
      return (try reader.scores(up)[target] - reader.scores(down)[target]) / (2 * h)
    }
  }

  static func target(_ reader: ModelFileReader, _ x: [Double]) throws -> Int {
    let scores = try reader.scores(x)
    return scores.indices.max { scores[$0] < scores[$1] } ?? 0
  }

  /// The largest difference between nnv's values and `expected`, relative to the largest value.
  static func difference(_ got: Tensor, _ expected: [[Double]]) -> Double {
    let flat = expected.flatMap { $0 }
    let scale = max(flat.map(abs).max() ?? 0, 1e-6)
    return zip(got.scalars, flat).map { abs(Double($0) - $1) }.max().map { $0 / scale } ?? 1
  }

  @Test func integratedGradientsIsTheTrapezoidalRuleOverTheStraightPath() throws {
    let model = try Self.tabular()
    let reader = try ModelFileReader(try ModelArchive.encode(model))
    let steps = 8
    let mean = [0.25, 0.5, -0.5, 1]
    for baseline in [[0, 0, 0, 0], mean] {
      let expected = try Self.samples.map { x in
        let target = try Self.target(reader, x)
        var sum = [Double](repeating: 0, count: x.count)
        for k in 0...steps {
          let point = x.indices.map {
            baseline[$0] + Double(k) / Double(steps) * (x[$0] - baseline[$0])
          }
          let weight = k == 0 || k == steps ? 0.5 : 1
          for (j, g) in try Self.gradient(reader, point, target).enumerated() {
            sum[j] += weight * g
          }
        }
        return x.indices.map { (x[$0] - baseline[$0]) * sum[$0] / Double(steps) }
      }
      let start: AttributionMethod.Baseline =
        baseline == mean ? .sample(try Tensor(shape: [4], scalars: mean.map(Float.init))) : .zeros
      let got = try Attributor.attribute(
        model, inputs: try Self.batch(Self.samples, [4]),
        method: .integratedGradients(steps: steps, baseline: start))
      #expect(Self.difference(got.values, expected) < 1e-3)
    }
  }

  /// SplitMix64, as the page gives it.
  struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func normal() -> Float {
      let u1 = 1 - Double(next() >> 11) * 0x1p-53
      let u2 = Double(next() >> 11) * 0x1p-53
      return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }
  }

  @Test func smoothGradAveragesTheGradientsOfNoisyCopies() throws {
    let model = try Self.tabular()
    let reader = try ModelFileReader(try ModelArchive.encode(model))
    let (count, noise, seed): (Int, Float, UInt64) = (6, 0.1, 3)
    for variant in AttributionMethod.SmoothGradVariant.allCases {
      var random = SplitMix(state: seed)
      let expected = try Self.samples.map { x in
        let target = try Self.target(reader, x)
        let row = x.map(Float.init)
        let sigma = noise * ((row.max() ?? 0) - (row.min() ?? 0))
        var (sum, squares) = ([Double](repeating: 0, count: 4), [Double](repeating: 0, count: 4))
        for _ in 0..<count {
          let copy = row.map { Double($0 + sigma * random.normal()) }
          for (j, g) in try Self.gradient(reader, copy, target).enumerated() {
            sum[j] += g
            squares[j] += g * g
          }
        }
        return (0..<4).map { j -> Double in
          let mean = sum[j] / Double(count)
          switch variant {
          case .mean: return mean
          case .squared: return squares[j] / Double(count)
          case .variance: return squares[j] / Double(count) - mean * mean
          }
        }
      }
      let got = try Attributor.attribute(
        model, inputs: try Self.batch(Self.samples, [4]),
        method: .smoothGrad(samples: count, noise: noise, variant: variant), seed: seed)
      #expect(Self.difference(got.values, expected) < 1e-3, "\(variant)")
    }
  }

  /// Window starts along an axis: multiples of the stride up to the first window that reaches
  /// the edge.
  static func starts(_ size: Int, _ length: Int, _ stride: Int) -> [Int] {
    var starts = [0]
    while let last = starts.last, last + length < size { starts.append(last + stride) }
    return starts
  }

  /// Occlusion as the page defines it, for C planes of H × W.
  static func occlusion(
    _ reader: ModelFileReader, _ x: [Double], planes: (Int, Int, Int), patch: Int, stride: Int
  ) throws -> [Double] {
    let (channels, height, width) = planes
    let target = try Self.target(reader, x)
    let score = try reader.scores(x)[target]
    var (total, covered) = (
      [Double](repeating: 0, count: x.count), [Double](repeating: 0, count: x.count)
    )
    let patchHeight = height == 1 ? 1 : patch
    for row in starts(height, patchHeight, stride) {
      for column in starts(width, patch, stride) {
        var members: [Int] = []
        for c in 0..<channels {
          for r in row..<min(row + patchHeight, height) {
            for k in column..<min(column + patch, width) {
              members.append((c * height + r) * width + k)
            }
          }
        }
        var copy = x
        for j in members { copy[j] = 0 }
        let drop = score - (try reader.scores(copy)[target])
        for j in members {
          total[j] += drop
          covered[j] += 1
        }
      }
    }
    return x.indices.map { covered[$0] > 0 ? total[$0] / covered[$0] : 0 }
  }

  @Test func occlusionFillsWindowsCutAtTheEdgesAndAveragesTheDrops() throws {
    var cnn = try Sequential(name: "c", inputShape: [2, 5, 5])
    try cnn.append(Conv2D(inputChannels: 2, filters: 3, kernelSize: 2, activation: .tanh, seed: 1))
    try cnn.append(Flatten())
    try cnn.append(Dense(inputSize: 48, outputSize: 3, activation: .softmax, seed: 2))
    cnn = ModelFileReaderTests.randomized(cnn, seed: 9)
    let images = (0..<2).map { i in
      randomTensor([50], seed: 60 + UInt64(i)).scalars.map(Double.init)
    }
    let cnnReader = try ModelFileReader(try ModelArchive.encode(cnn))
    // 2×2 windows 2 apart over 5 pixels start at 0, 2 and 4 (the last one pixel wide); 3×3
    // windows 1 apart overlap.
    #expect(Self.starts(5, 2, 2) == [0, 2, 4] && Self.starts(8, 3, 3) == [0, 3, 6])
    for (patch, stride) in [(2, 2), (3, 1), (1, 1)] {
      let expected = try images.map {
        try Self.occlusion(cnnReader, $0, planes: (2, 5, 5), patch: patch, stride: stride)
      }
      let got = try Attributor.attribute(
        cnn, inputs: try Self.batch(images, [2, 5, 5]),
        method: .occlusion(patch: patch, stride: stride, fill: 0))
      #expect(Self.difference(got.values, expected) < 1e-4, "patch \(patch) stride \(stride)")
    }
    // A flat input: one feature at a time with patch 1, a square image of 2 × 2 with patch 2.
    let model = try Self.tabular()
    let reader = try ModelFileReader(try ModelArchive.encode(model))
    for (patch, planes) in [(1, (1, 1, 4)), (2, (1, 2, 2))] {
      let expected = try Self.samples.map {
        try Self.occlusion(reader, $0, planes: planes, patch: patch, stride: 1)
      }
      let got = try Attributor.attribute(
        model, inputs: try Self.batch(Self.samples, [4]),
        method: .occlusion(patch: patch, stride: 1, fill: 0))
      #expect(Self.difference(got.values, expected) < 1e-4, "flat, patch \(patch)")
    }
  }
}
