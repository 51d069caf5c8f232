import Foundation
import NNVCore
import Testing

/// The generated sequence sets: shapes, seeds, and targets recomputed here from the inputs.
@Suite struct SequenceDatasetTests {
  /// The one-hot symbol at every step of sample `index` (features `[T, F]`), checking that
  /// each step has exactly one 1.
  static func symbols(_ data: Dataset, _ index: Int) throws -> [Int] {
    let width = data.sampleShape[1]
    let row = try data.features.row(index).scalars
    return stride(from: 0, to: row.count, by: width).map { start in
      let step = Array(row[start..<(start + width)])
      #expect(step.filter { $0 == 1 }.count == 1 && step.allSatisfy { $0 == 0 || $0 == 1 })
      return step.firstIndex(of: 1) ?? -1
    }
  }

  @Test func parityIsTheRunningXorOfTheBits() throws {
    let data = try SequenceDatasets.parity(n: 50, length: 12, seed: 3)
    #expect(data.features.shape == [50, 12, 1] && data.targetSteps == 12)
    #expect(data.classNames == ["0", "1"] && data.labels.count == 600)
    #expect(data == (try SequenceDatasets.parity(n: 50, length: 12, seed: 3)))
    #expect(data != (try SequenceDatasets.parity(n: 50, length: 12, seed: 4)))
    var ones = 0
    for i in 0..<data.count {
      let bits = try data.features.row(i).scalars
      #expect(bits.allSatisfy { $0 == 0 || $0 == 1 })
      var parity = 0
      for (t, bit) in bits.enumerated() {
        parity = (parity + Int(bit)) % 2
        #expect(data.labels[i * 12 + t] == parity)
      }
      ones += bits.filter { $0 == 1 }.count
    }
    // Fair bits: about half are 1 (600 bits, a deviation of about 12).
    #expect(ones > 240 && ones < 360)
  }

  @Test func bracketDepthsFollowTheSymbols() throws {
    let data = try SequenceDatasets.brackets(n: 60, length: 30, depth: 3, seed: 5)
    #expect(data.features.shape == [60, 30, 3] && data.targetSteps == 30)
    #expect(data.classNames == ["0", "1", "2", "3"])
    #expect(data.featureNames == SequenceDatasets.bracketSymbols)
    #expect(data == (try SequenceDatasets.brackets(n: 60, length: 30, depth: 3, seed: 5)))
    var deepest = 0
    for i in 0..<data.count {
      var depth = 0
      for (t, symbol) in try Self.symbols(data, i).enumerated() {
        depth += symbol == 0 ? 1 : symbol == 1 ? -1 : 0
        #expect(depth >= 0 && depth <= 3)
        #expect(data.labels[i * 30 + t] == depth)
        deepest = max(deepest, depth)
      }
    }
    #expect(deepest == 3)
    // Every class occurs.
    #expect(data.classCounts.allSatisfy { $0 > 0 })
  }

  @Test func halfTheBracketSequencesAreBalanced() throws {
    let data = try SequenceDatasets.brackets(
      n: 200, length: 16, depth: 4, target: .balanced, seed: 6)
    #expect(data.targetSteps == nil && data.labels.count == 200)
    #expect(data.classNames == ["unbalanced", "balanced"])
    #expect(data.classCounts == [100, 100])
    var open = 0
    for i in 0..<data.count {
      var depth = 0
      var dipped = false
      for symbol in try Self.symbols(data, i) {
        depth += symbol == 0 ? 1 : symbol == 1 ? -1 : 0
        if depth < 0 { dipped = true }
        if depth > 4 { #expect(data.labels[i] == 0) }
      }
      let balanced = !dipped && depth == 0
      #expect(data.labels[i] == (balanced ? 1 : 0), "sample \(i)")
      open += try Self.symbols(data, i).filter { $0 == 0 }.count
    }
    // The sequences are not all fillers.
    #expect(open > 200)
  }

  @Test func wavesPredictTheNextValue() throws {
    let data = try SequenceDatasets.waves(n: 40, length: 20, noise: 0.1, seed: 7)
    #expect(data.features.shape == [40, 20, 1] && data.values?.shape == [40, 20, 1])
    #expect(data.targetSteps == 20 && !data.isClassification)
    #expect(data == (try SequenceDatasets.waves(n: 40, length: 20, noise: 0.1, seed: 7)))
    let values = try #require(data.values)
    for i in 0..<data.count {
      let x = try data.features.row(i).scalars
      let y = try values.row(i).scalars
      // The target at step t is the input at step t + 1.
      #expect(Array(y.dropLast()) == Array(x.dropFirst()))
    }
    // Without noise each sequence is a sine: x(t+1) + x(t−1) = 2·cos(ω)·x(t), one ω each.
    let clean = try SequenceDatasets.waves(n: 20, length: 20, noise: 0, seed: 8)
    for i in 0..<clean.count {
      let x = try clean.features.row(i).scalars + [try #require(clean.values).row(i).scalars[19]]
      let t = try #require((1..<20).max { abs(x[$0]) < abs(x[$1]) })
      let c = (x[t + 1] + x[t - 1]) / (2 * x[t])
      #expect(c >= cos(2 * Float.pi / 8) - 1e-4 && c <= cos(2 * Float.pi / 24) + 1e-4)
      for s in 1..<20 { #expect(abs(x[s + 1] + x[s - 1] - 2 * c * x[s]) < 1e-3) }
      #expect(x.allSatisfy { abs($0) <= 1 + 1e-6 })
    }
  }

  @Test func badSizesAreRefusedBeforeAnythingIsAllocated() throws {
    #expect(throws: DataError.self) { try SequenceDatasets.parity(n: 10, length: 0) }
    #expect(throws: DataError.self) { try SequenceDatasets.parity(n: 0, length: 4) }
    #expect(throws: DataError.self) { try SequenceDatasets.brackets(n: 10, depth: 0) }
    #expect(throws: DataError.self) { try SequenceDatasets.brackets(n: 10, depth: 101) }
    #expect(throws: DataError.self) { try SequenceDatasets.waves(n: 10, noise: -1) }
    #expect(throws: LimitError.self) {
      try SequenceDatasets.parity(n: 10_000_000, length: 1_000_000)
    }
    #expect(throws: LimitError.self) {
      try SequenceDatasets.waves(n: 1000, length: Int.max / 2)
    }
  }
}
