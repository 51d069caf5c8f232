import NNVCore
import NNVTestSupport
import Testing

/// Max and average pooling: values by hand, agreement with the direct reference, gradients
/// against finite differences.
@Suite struct PoolingTests {
  func grid(_ shape: [Int]) throws -> Tensor {
    try Tensor(shape: shape, scalars: (1...shape.reduce(1, *)).map(Float.init))
  }

  /// Distinct values at least 0.04 apart in a shuffled order, so a finite-difference step of
  /// 0.001 never changes which value of a window is the largest.
  func separated(_ shape: [Int], seed: UInt64) -> Tensor {
    let count = shape.reduce(1, *)
    var random = RandomGenerator(seed: seed)
    let order = random.permutation(count)
    return Tensor(shape: shape) { out in
      for (i, rank) in order.enumerated() { out[i] = Float(rank) * 0.04 - Float(count) * 0.02 }
    }
  }

  @Test func maxOfEachWindowByHand() throws {
    let out = try Variable.maxPool2D(Variable(try grid([1, 1, 4, 4])), size: 2).value
    #expect(out.shape == [1, 1, 2, 2])
    #expect(out.scalars == [6, 8, 14, 16])
  }

  @Test func averageOfEachWindowByHand() throws {
    let out = try Variable.averagePool2D(Variable(try grid([1, 1, 4, 4])), size: 2).value
    #expect(out.scalars == [3.5, 5.5, 11.5, 13.5])
  }

  @Test func edgesThatDoNotFillAWindowAreLeftOut() throws {
    // 5×5 in windows of 2: the last row and column are not read.
    let x = try grid([1, 1, 5, 5])
    let out = try Variable.maxPool2D(Variable(x), size: 2).value
    #expect(out.shape == [1, 1, 2, 2])
    #expect(out.scalars == [7, 9, 17, 19])
    // Overlapping windows with stride 1.
    let overlapping = try Variable.maxPool2D(Variable(try grid([1, 1, 3, 3])), size: 2, stride: 1)
    #expect(overlapping.value.scalars == [5, 6, 8, 9])
  }

  @Test func aNaNInAWindowIsKept() throws {
    var x = try grid([1, 1, 2, 4])
    x.scalars[1] = .nan
    let out = try Variable.maxPool2D(Variable(x), size: 2).value
    #expect(out.scalars[0].isNaN && out.scalars[1] == 8)
  }

  @Test(arguments: [
    ([2, 3, 6, 6], 2, 2), ([1, 2, 7, 7], 3, 2), ([2, 2, 7, 8], 2, 3), ([1, 1, 5, 4], 1, 1),
    ([1, 2, 4, 4], 4, 4),
  ])
  func agreesWithTheDirectReference(_ shape: [Int], _ size: Int, _ stride: Int) throws {
    let x = randomTensor(shape, seed: 3)
    for useMax in [true, false] {
      let fast =
        useMax
        ? try Variable.maxPool2D(Variable(x), size: size, stride: stride).value
        : try Variable.averagePool2D(Variable(x), size: size, stride: stride).value
      let reference = ConvolutionReference.pool(x, size: size, stride: stride, max: useMax)
      #expect(ConvolutionReference.maxDifference(fast, reference) < 1e-6, "\(shape) max \(useMax)")
    }
  }

  @Test(arguments: [([2, 3, 6, 6], 2, 2), ([1, 2, 7, 7], 3, 2), ([2, 2, 7, 8], 2, 3)])
  func maxGradients(_ shape: [Int], _ size: Int, _ stride: Int) throws {
    let report = try checkGradients(
      of: { try Variable.maxPool2D($0[0], size: size, stride: stride) },
      at: [separated(shape, seed: 5)])
    #expect(report.passes, "\(report)")
  }

  @Test(arguments: [([2, 3, 6, 6], 2, 2), ([1, 2, 7, 7], 3, 2), ([2, 2, 7, 8], 2, 3)])
  func averageGradients(_ shape: [Int], _ size: Int, _ stride: Int) throws {
    let report = try checkGradients(
      of: { try Variable.averagePool2D($0[0], size: size, stride: stride) },
      at: [randomTensor(shape, seed: 6)], step: 0.05)
    #expect(report.passes, "\(report)")
  }

  @Test func overlappingMaxWindowsAddTheirGradients() throws {
    // 3×3 with windows of 2 at stride 1: the centre 9 is the max of all four windows.
    let tape = Tape()
    let x = tape.variable(try grid([1, 1, 3, 3]))
    let out = try Variable.maxPool2D(x, size: 2, stride: 1)
    let gradient = tape.gradients(
      of: out, seed: try Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4]))
    #expect(gradient[x].scalars == [0, 0, 0, 0, 1, 2, 0, 3, 4])
  }

  @Test func badShapesAreErrors() throws {
    let x = Variable(randomTensor([1, 2, 3, 3], seed: 1))
    #expect(throws: TensorError.self) { try Variable.maxPool2D(x, size: 4) }
    #expect(throws: TensorError.self) { try Variable.maxPool2D(x, size: 0) }
    #expect(throws: TensorError.self) { try Variable.averagePool2D(x, size: 2, stride: -1) }
    #expect(throws: TensorError.self) {
      try Variable.maxPool2D(Variable(randomTensor([3, 3], seed: 1)), size: 2)
    }
  }

  @Test func cancellationIsHeardWhilePooling() throws {
    let x = Variable(randomTensor([128, 16, 32, 32], seed: 1))
    let token = CancellationToken(cancellingAtPoll: 1)
    #expect(throws: CancellationError.self) {
      try Cancellation.run(with: token) { try Variable.maxPool2D(x, size: 2) }
    }
  }
}
