import NNVCore
import Testing

/// A sample of a data set spread evenly over it, for views that measure a large set quickly.
@Suite struct DatasetSpreadTests {
  /// `count` samples whose one feature is their index, labelled by halves (0 then 1).
  static func ordered(_ count: Int) throws -> Dataset {
    let features = try Tensor(shape: [count, 1], scalars: (0..<count).map(Float.init))
    return Dataset(
      name: "ordered", features: features, labels: (0..<count).map { $0 < count / 2 ? 0 : 1 },
      classNames: ["low", "high"])
  }

  @Test func aSetNoLargerThanTheLimitIsKeptWhole() throws {
    let set = try Self.ordered(10)
    #expect(try set.spread(limit: 10).features == set.features)
    #expect(try set.spread(limit: 50).labels == set.labels)
  }

  @Test func aLargerSetIsSampledEvenlyInOrder() throws {
    let sample = try Self.ordered(10).spread(limit: 4)
    // Samples ⌊i · 10 / 4⌋: 0, 2, 5, 7.
    #expect(sample.features.scalars == [0, 2, 5, 7])
    #expect(sample.labels == [0, 0, 1, 1])
    #expect(sample.classNames == ["low", "high"])
  }

  @Test func classesOfASetOrderedByClassKeepTheirProportions() throws {
    let sample = try Self.ordered(1_000).spread(limit: 100)
    #expect(sample.count == 100)
    #expect(sample.classCounts == [50, 50])
  }
}
