import NNVCore
import Testing

@Suite struct PlaneGridTests {
  typealias F = InspectionFixtures

  @Test func theExtentIsPaddedByEightPercentAndAtLeastATenth() throws {
    let a = try F.data([[0, 0], [1, 2]], labels: [0, 1])
    let b = try F.data([[0.5, .nan], [.infinity, 1]], labels: [0, 1])
    let (x, y) = PlaneGrid.extent(of: [a, b])
    // x spans 0…1: 8% is 0.08, below the 0.1 minimum. y spans 0…2: 8% is 0.16.
    #expect(x == -0.1...1.1)
    #expect(abs(y.lowerBound + 0.16) < 1e-12 && abs(y.upperBound - 2.16) < 1e-12)
    // Nothing finite: -1…1, padded by 0.16.
    let none = try F.data([[.nan, .nan]], labels: [0])
    let empty = PlaneGrid.extent(of: [none])
    #expect(abs(empty.x.lowerBound + 1.16) < 1e-12 && abs(empty.y.upperBound - 1.16) < 1e-12)
    // A set with one feature per sample has no plane: skipped, not read past its end.
    let line = try F.data([[3], [4]], labels: [0, 1])
    #expect(PlaneGrid.extent(of: [line, a]).x == -0.1...1.1)
  }

  @Test func theBatchHoldsCellCentresTopRowFirst() throws {
    let batch = try F.square.batch()
    #expect(batch.shape == [4, 2])
    #expect(batch.scalars == [-0.5, 0.5, 0.5, 0.5, -0.5, -0.5, 0.5, -0.5])
    let row = try PlaneGrid(x: 0...3, y: 0...1, columns: 3, rows: 1).batch()
    #expect(row.scalars == [0.5, 0.5, 1.5, 0.5, 2.5, 0.5])
    let spanning = PlaneGrid(
      spanning: [try F.data([[0, 0], [1, 2]], labels: [0, 1])], columns: 4, rows: 3)
    #expect(spanning.x == -0.1...1.1 && spanning.columns == 4 && spanning.rows == 3)
  }

  @Test func aGridTooLargeForATensorIsRefused() {
    let huge = PlaneGrid(x: 0...1, y: 0...1, columns: 1 << 20, rows: 1 << 20)
    #expect(throws: LimitError.self) { try huge.batch() }
    #expect(PlaneGrid(x: 0...1, y: 0...1, columns: -3, rows: 2).columns == 0)
  }
}
