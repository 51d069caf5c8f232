import NNVCore
import Testing

@Suite struct ConfusionCountsTests {
  typealias F = InspectionFixtures

  @Test func countsWithPrecisionRecallAndAccuracy() {
    let counts = ConfusionCounts(
      actual: [0, 0, 0, 1, 1, 2], predicted: [0, 0, 1, 1, 1, 0], classCount: 3)
    #expect(counts.counts == [[2, 1, 0], [0, 2, 0], [1, 0, 0]])
    #expect(counts.classCount == 3 && counts.total == 6)
    // Recall: diagonal over row, 2/3, 2/2, 0/1.
    #expect(counts.recall(0) == 2.0 / 3 && counts.recall(1) == 1 && counts.recall(2) == 0)
    // Precision: diagonal over column, 2/3, 2/3, and none for class 2, never predicted.
    #expect(counts.precision(0) == 2.0 / 3 && counts.precision(1) == 2.0 / 3)
    #expect(counts.precision(2) == nil)
    #expect(counts.accuracy == 4.0 / 6)
    #expect(counts.recall(3) == nil && counts.precision(-1) == nil)
  }

  @Test func classesNamedLabelledOrPredicted() {
    // Four classes named, one never seen: no recall or precision for it.
    let named = ConfusionCounts(actual: [0, 1], predicted: [0, 0], classCount: 4)
    #expect(named.classCount == 4 && named.recall(3) == nil && named.precision(3) == nil)
    // A larger label adds classes; a negative one is skipped.
    let labelled = ConfusionCounts(actual: [0, 2, -1], predicted: [0, 0, 1], classCount: 1)
    #expect(labelled.counts == [[1, 0, 0], [0, 0, 0], [1, 0, 0]])
    #expect(labelled.total == 2)
    let none = ConfusionCounts(actual: [], predicted: [])
    #expect(none.classCount == 0 && none.total == 0 && none.accuracy == nil)
  }

  @Test func givenCountsAreMadeSquare() {
    let counts = ConfusionCounts(counts: [[1, 2, 3], [4], [-5, 6]])
    #expect(counts.counts == [[1, 2, 3], [4, 0, 0], [0, 6, 0]])
    #expect(counts.accuracy == 1.0 / 16)
  }

  @Test func aModelsCountsOnData() throws {
    // Scores (x, y): class 1 when y > x.
    let model = try F.model(2, [F.dense(2, 2, .linear, weights: [1, 0, 0, 1], bias: [0, 0])])
    let data = try F.data(
      [[1, 0], [0, 1], [2, 1], [0.5, 3]], labels: [0, 1, 1, 1], classes: ["a", "b", "c"])
    let counts = try ConfusionCounts(model, on: data)
    #expect(counts.counts == [[1, 0, 0], [1, 2, 0], [0, 0, 0]])
    #expect(counts.recall(1) == 2.0 / 3 && counts.precision(0) == 0.5)
    // One output: class 1 above 0.5.
    let single = try F.model(2, [F.dense(2, 1, .linear, weights: [1, 0], bias: [0])])
    let binary = try F.data([[0.7, 0], [0.2, 5], [0.9, 1]], labels: [1, 0, 0])
    #expect(try ConfusionCounts(single, on: binary).counts == [[1, 1], [0, 1]])
  }
}
