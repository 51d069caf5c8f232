/// How a conv layer's kernel weights are spread, for the `weights` view: over the whole layer,
/// and filter by filter (a filter whose weights stay near zero detects nothing). The kernels
/// themselves, as pictures, are `ConvFilters`.
///
/// NaN and infinite weights are left out of every statistic.
public struct KernelDistribution: Sendable, Equatable {
  /// The layer's kernels.
  public var kernels: ConvFilters
  /// The whole layer's weights.
  public var overall: Statistics
  /// One per filter, over its kernels for every input channel.
  public var perFilter: [Statistics]

  /// The smallest, largest and mean weight, their standard deviation (of the population) and
  /// the Euclidean norm, of some weights.
  public struct Statistics: Sendable, Equatable {
    public var count: Int
    public var minimum: Float
    public var maximum: Float
    public var mean: Float
    public var standardDeviation: Float
    public var norm: Float

    /// The statistics of the finite `values` (all zero when there are none).
    public init<C: Collection>(_ values: C) where C.Element == Float {
      var (count, sum, squares) = (0, 0.0, 0.0)
      var (low, high) = (Float.infinity, -Float.infinity)
      for value in values where value.isFinite {
        count += 1
        sum += Double(value)
        squares += Double(value) * Double(value)
        low = Swift.min(low, value)
        high = Swift.max(high, value)
      }
      self.count = count
      guard count > 0 else {
        (minimum, maximum, mean, standardDeviation, norm) = (0, 0, 0, 0, 0)
        return
      }
      let average = sum / Double(count)
      (minimum, maximum, mean) = (low, high, Float(average))
      standardDeviation = Float(
        Swift.max(0, squares / Double(count) - average * average).squareRoot())
      norm = Float(squares.squareRoot())
    }
  }

  public init(_ kernels: ConvFilters) {
    self.kernels = kernels
    overall = Statistics(kernels.weights)
    let perFilterCount = kernels.channels * kernels.size * kernels.size
    perFilter = (0..<kernels.filters).map { f in
      let start = Swift.min(f * perFilterCount, kernels.weights.count)
      let end = Swift.min(start + perFilterCount, kernels.weights.count)
      return Statistics(kernels.weights[start..<end])
    }
  }

  /// The distribution of conv layer `number` (from 1, as `ConvFilters.of`) of `model`; nil
  /// when there is no such layer.
  public static func of(_ model: Sequential, number: Int) -> KernelDistribution? {
    ConvFilters.of(model, number: number).map(KernelDistribution.init)
  }
}
