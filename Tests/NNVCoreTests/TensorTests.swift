import NNVCore
import NNVTestSupport
import Testing

@Suite struct TensorTests {
  @Test func randomGeneratorMatchesSplitMix64Reference() {
    // The peer benchmarks' check value: seed 0 gives 0xe220a8397b1dcdaf first.
    var random = RandomGenerator(seed: 0)
    #expect(random.next() == 0xe220_a839_7b1d_cdaf)
    #expect(
      RandomGenerator.uniformValues(seed: 0, count: 1) == [Float(0xe220a8 as UInt32) * 0x1p-24])
  }

  @Test func sameSeedSameNumbers() {
    var a = RandomGenerator(seed: 42)
    var b = RandomGenerator(seed: 42)
    #expect((0..<100).map { _ in a.normal() } == (0..<100).map { _ in b.normal() })
  }

  @Test func permutationIsAPermutation() {
    var random = RandomGenerator(seed: 3)
    let p = random.permutation(1000)
    #expect(p.sorted() == Array(0..<1000))
    #expect(p != Array(0..<1000))
  }

  @Test func initRejectsWrongCountAndRank() {
    #expect(throws: TensorError.self) { try Tensor(shape: [2, 3], scalars: [1, 2]) }
    #expect(throws: TensorError.self) { try Tensor(shape: [1, 1, 1, 1, 1], scalars: [1]) }
    #expect(throws: TensorError.self) { try Tensor(rows: [[1, 2], [3]]) }
  }

  @Test func broadcastingBiasRowAndGeneral() throws {
    let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    let bias = Tensor([10, 20, 30])
    #expect(try (a + bias).scalars == [11, 22, 33, 14, 25, 36])
    let column = try Tensor(shape: [2, 1], scalars: [100, 200])
    #expect(try (a + column).scalars == [101, 102, 103, 204, 205, 206])
    let row = try Tensor(shape: [1, 3], scalars: [1, 0, -1])
    #expect(try (column * row).shape == [2, 3])
    #expect(try (column * row).scalars == [100, 0, -100, 200, 0, -200])
    #expect(throws: TensorError.self) { try a + Tensor([1, 2]) }
  }

  @Test func summedToShapeUndoesBroadcast() throws {
    let g = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(g.summed(toShape: [3]).scalars == [5, 7, 9])
    #expect(g.summed(toShape: [2, 1]).scalars == [6, 15])
    #expect(g.summed(toShape: []).scalars == [21])
  }

  @Test func reductionsAlongAxes() throws {
    let t = try Tensor(shape: [2, 3], scalars: [1, 5, 3, 4, 2, 6])
    #expect(try t.sum(axis: 0).scalars == [5, 7, 9])
    #expect(try t.sum(axis: 1).scalars == [9, 12])
    #expect(try t.mean(axis: -1).scalars == [3, 4])
    #expect(try t.max(axis: 1).scalars == [5, 6])
    #expect(try t.argmax(axis: 1) == [1, 2])
    #expect(try t.argmax(axis: 0) == [1, 0, 1])
    #expect(t.sum == 21 && t.mean == 3.5 && t.max == 6 && t.min == 1)
    #expect(throws: TensorError.self) { try t.sum(axis: 2) }
    let cube = Tensor(shape: [2, 3, 4]) { for i in 0..<24 { $0[i] = Float(i) } }
    #expect(try cube.sum(axis: 1).shape == [2, 4])
    #expect(try cube.sum(axis: 1).scalars[0] == 0 + 4 + 8)
  }

  @Test func reshapeTransposeRowsGather() throws {
    let t = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(try t.reshaped([3, -1]).shape == [3, 2])
    #expect(throws: TensorError.self) { try t.reshaped([4, 2]) }
    #expect(t.transposed.shape == [3, 2])
    #expect(t.transposed.scalars == [1, 4, 2, 5, 3, 6])
    #expect(try t.rows(1..<2).scalars == [4, 5, 6])
    #expect(try t.row(0).shape == [3])
    #expect(try t.gatheringRows([1, 0, 1]).scalars == [4, 5, 6, 1, 2, 3, 4, 5, 6])
    #expect(throws: TensorError.self) { try t.gatheringRows([2]) }
    #expect(throws: TensorError.self) { try t.row(-1) }
    #expect(Tensor.oneHot([2, 0], classes: 3).scalars == [0, 0, 1, 1, 0, 0])
  }

  @Test func matmulWithTransposes() throws {
    let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    let b = try Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
    #expect(try Tensor.matmul(a, b).scalars == [58, 64, 139, 154])
    #expect(
      try Tensor.matmul(b, transposed: true, a, transposed: true).scalars == [58, 139, 64, 154])
    #expect(
      try Tensor.matmul(a, transposed: false, a, transposed: true).scalars == [14, 32, 32, 77])
    #expect(throws: TensorError.self) { try Tensor.matmul(a, a) }
  }
}
