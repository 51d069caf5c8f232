import NNVCore
import NNVTestSupport
import Testing

/// The percentiles recorded after every epoch, on tensors large enough for the radix sort:
/// the same values as from a plain sort, whatever the signs and magnitudes.
@Suite struct WeightPercentileTests {
  /// numpy's percentile (linear interpolation between closest ranks) of sorted values.
  static func reference(_ values: [Float]) -> [Float] {
    let sorted = values.filter(\.isFinite).map { $0 == 0 ? 0 : $0 }.sorted()
    return WeightDistribution.percentiles.map { p in
      let position = Double(p) / 100 * Double(sorted.count - 1)
      let low = Int(position)
      let high = min(low + 1, sorted.count - 1)
      return sorted[low] + (sorted[high] - sorted[low]) * Float(position - Double(low))
    }
  }

  @Test func percentilesOfManyValuesMatchAPlainSort() {
    var values = randomTensor([5000], seed: 5, in: -3...3).scalars
    values += [0, -0.0, 1e-30, -1e-30, 3e38, -3e38, .infinity, .nan, 1, 1, 1, -2, -2]
    values += randomTensor([300], seed: 6, in: -1e-6...1e-6).scalars
    let recorded = WeightDistribution(layer: "w", isBias: false, of: Tensor(values)).values
    #expect(recorded == Self.reference(values))
    // Only negative values, only positive ones, all equal.
    for part in [values.filter { $0 < 0 }, values.filter { $0 > 0 && $0.isFinite }] {
      #expect(
        WeightDistribution(layer: "w", isBias: false, of: Tensor(part)).values
          == Self.reference(part))
    }
    let same = WeightDistribution(
      layer: "b", isBias: true, of: Tensor([Float](repeating: 0.25, count: 200))
    ).values
    #expect(same.allSatisfy { $0 == 0.25 })
  }
}
