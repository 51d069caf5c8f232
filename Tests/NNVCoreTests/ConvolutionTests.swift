import NNVCore
import NNVTestSupport
import Testing

/// 2-D convolution: values computed by hand, agreement with the direct reference, and gradients
/// against finite differences.
@Suite struct ConvolutionTests {
  func conv(
    _ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int = 1, padding: Padding = .valid
  ) throws -> Tensor {
    try Variable.conv2D(Variable(x), Variable(w), Variable(b), stride: stride, padding: padding)
      .value
  }

  func grid(_ shape: [Int]) throws -> Tensor {
    try Tensor(shape: shape, scalars: (1...shape.reduce(1, *)).map(Float.init))
  }

  @Test func validTwoByTwoKernelByHand() throws {
    // out(i, j) = 1·x[i, j] + 2·x[i, j+1] + 3·x[i+1, j] + 4·x[i+1, j+1] + 0.5 on 1...9.
    let out = try conv(
      try grid([1, 1, 3, 3]), try Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4]),
      Tensor([0.5]))
    #expect(out.shape == [1, 1, 2, 2])
    #expect(out.scalars == [37.5, 47.5, 67.5, 77.5])
  }

  @Test func samePaddingKeepsTheSizeWithZerosAtTheBorder() throws {
    // A 3×3 kernel of ones sums each neighbourhood of 1...9; outside the image counts 0.
    let out = try conv(
      try grid([1, 1, 3, 3]), Tensor(repeating: 1, shape: [1, 1, 3, 3]), Tensor([0]),
      padding: .same)
    #expect(out.shape == [1, 1, 3, 3])
    #expect(out.scalars == [12, 21, 16, 27, 45, 33, 24, 39, 28])
  }

  @Test func samePaddingAtStrideTwoPadsTheEndAsPyTorch() throws {
    // 4×4 at stride 2 gives 2×2; the one row and column of padding go after the image.
    let out = try conv(
      try grid([1, 1, 4, 4]), Tensor(repeating: 1, shape: [1, 1, 3, 3]), Tensor([0]),
      stride: 2, padding: .same)
    #expect(out.shape == [1, 1, 2, 2])
    #expect(out.scalars == [54, 45, 72, 54])
  }

  @Test func channelsAreSummedAndFiltersStacked() throws {
    // Two channels (1...4 and 10·(1...4)), 1×1 kernels: filter 0 adds them, filter 1 takes
    // the second minus the first, with biases 0 and 1.
    let x = try Tensor(shape: [1, 2, 2, 2], scalars: [1, 2, 3, 4, 10, 20, 30, 40])
    let w = try Tensor(shape: [2, 2, 1, 1], scalars: [1, 1, -1, 1])
    let out = try conv(x, w, Tensor([0, 1]))
    #expect(out.shape == [1, 2, 2, 2])
    #expect(out.scalars == [11, 22, 33, 44, 10, 19, 28, 37])
  }

  @Test func windowAxesFollowTheConventions() throws {
    let valid = try #require(WindowAxis(input: 28, kernel: 3, stride: 1, padding: .valid))
    #expect(valid.output == 26 && valid.padBefore == 0 && valid.padAfter == 0)
    let floor = try #require(WindowAxis(input: 7, kernel: 2, stride: 2, padding: .valid))
    #expect(floor.output == 3)
    let odd = try #require(WindowAxis(input: 8, kernel: 5, stride: 1, padding: .same))
    #expect(odd.output == 8 && odd.padBefore == 2 && odd.padAfter == 2)
    let even = try #require(WindowAxis(input: 5, kernel: 4, stride: 1, padding: .same))
    #expect(even.output == 5 && even.padBefore == 1 && even.padAfter == 2)
    let strided = try #require(WindowAxis(input: 7, kernel: 3, stride: 2, padding: .same))
    #expect(strided.output == 4 && strided.padBefore == 1 && strided.padAfter == 1)
    #expect(WindowAxis(input: 3, kernel: 5, stride: 1, padding: .valid) == nil)
    #expect(WindowAxis(input: 3, kernel: 5, stride: 1, padding: .same)?.output == 3)
    #expect(WindowAxis(input: 3, kernel: 3, stride: 0, padding: .valid) == nil)
    #expect(WindowAxis(input: 3, kernel: Int.max, stride: 1, padding: .same) == nil)
  }

  /// Settings for the reference comparisons: shapes, stride, padding.
  struct Case: CustomStringConvertible {
    var input: [Int]
    var filters: Int
    var kernel: Int
    var stride: Int
    var padding: Padding
    var description: String {
      "\(input) \(filters)×\(kernel)² stride \(stride) \(padding)"
    }
    var weight: [Int] { [filters, input[1], kernel, kernel] }
  }

  static let cases: [Case] = [
    Case(input: [2, 1, 8, 8], filters: 3, kernel: 3, stride: 1, padding: .valid),
    Case(input: [3, 2, 7, 9], filters: 4, kernel: 3, stride: 1, padding: .same),
    Case(input: [2, 3, 9, 7], filters: 5, kernel: 3, stride: 2, padding: .valid),
    Case(input: [2, 3, 9, 8], filters: 2, kernel: 3, stride: 2, padding: .same),
    Case(input: [1, 2, 6, 6], filters: 3, kernel: 2, stride: 1, padding: .same),
    Case(input: [2, 2, 10, 11], filters: 3, kernel: 5, stride: 3, padding: .same),
    Case(input: [2, 4, 5, 5], filters: 6, kernel: 1, stride: 1, padding: .valid),
    Case(input: [1, 1, 4, 4], filters: 1, kernel: 4, stride: 1, padding: .valid),
    Case(input: [1, 2, 3, 3], filters: 2, kernel: 5, stride: 1, padding: .same),
    // Large enough to run chunks of whole images on two threads.
    Case(input: [16, 8, 13, 13], filters: 16, kernel: 3, stride: 1, padding: .valid),
  ]

  @Test(arguments: cases) func agreesWithTheDirectReference(_ c: Case) throws {
    let (x, w, b) = (
      randomTensor(c.input, seed: 1), randomTensor(c.weight, seed: 2),
      randomTensor([c.filters], seed: 3)
    )
    let fast = try conv(x, w, b, stride: c.stride, padding: c.padding)
    let reference = ConvolutionReference.convolve(
      x, w, b, stride: c.stride, same: c.padding == .same)
    #expect(fast.shape == reference.shape)
    #expect(ConvolutionReference.maxDifference(fast, reference) < 1e-4, "\(c)")
  }

  @Test(arguments: cases) func backwardAgreesWithTheDirectReference(_ c: Case) throws {
    let (x, w, b) = (
      randomTensor(c.input, seed: 4), randomTensor(c.weight, seed: 5),
      randomTensor([c.filters], seed: 6)
    )
    try expectReferenceGradients(x, w, b, stride: c.stride, padding: c.padding, "\(c)")
  }

  /// Compares every gradient of a convolution with the direct reference for a random seed.
  func expectReferenceGradients(
    _ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Padding, _ what: String,
    tolerance: Float = 1e-3
  ) throws {
    let tape = Tape()
    let (vx, vw, vb) = (tape.variable(x), tape.variable(w), tape.variable(b))
    let out = try Variable.conv2D(vx, vw, vb, stride: stride, padding: padding)
    let g = randomTensor(out.shape, seed: 7)
    let gradients = tape.gradients(of: out, seed: g)
    let reference = ConvolutionReference.convolutionGradients(
      x, w, gradient: g, stride: stride, same: padding == .same)
    #expect(ConvolutionReference.maxDifference(gradients[vx], reference.x) < tolerance, "\(what)")
    #expect(ConvolutionReference.maxDifference(gradients[vw], reference.w) < tolerance, "\(what)")
    #expect(ConvolutionReference.maxDifference(gradients[vb], reference.b) < tolerance, "\(what)")
  }

  @Test func gradientsDoNotDependOnWhichThreadRanWhichChunk() throws {
    // Large enough for chunks of whole images claimed by two threads; run it several times.
    let (x, w, b) = (
      randomTensor([40, 8, 13, 13], seed: 14), randomTensor([16, 8, 3, 3], seed: 15),
      randomTensor([16], seed: 16)
    )
    var first: [Tensor] = []
    for run in 0..<5 {
      let tape = Tape()
      let (vx, vw, vb) = (tape.variable(x), tape.variable(w), tape.variable(b))
      let out = try Variable.conv2D(vx, vw, vb)
      let gradients = tape.gradients(of: out, seed: randomTensor(out.shape, seed: 17))
      let all = [out.value, gradients[vx], gradients[vw], gradients[vb]]
      if run == 0 { first = all } else { #expect(all == first, "run \(run)") }
    }
  }

  @Test func imagesLargerThanAChunkAreSplitAcrossChunks() throws {
    // 64 channels under a 5×5 kernel: one image's 1,600 patches of 1,600 values do not fit in
    // one chunk, so chunks end inside images.
    let (x, w, b) = (
      randomTensor([2, 64, 40, 40], seed: 8), randomTensor([2, 64, 5, 5], seed: 9),
      randomTensor([2], seed: 10)
    )
    let fast = try conv(x, w, b, padding: .same)
    let reference = ConvolutionReference.convolve(x, w, b, stride: 1, same: true)
    #expect(ConvolutionReference.maxDifference(fast, reference) < 1e-3)
    try expectReferenceGradients(x, w, b, stride: 1, padding: .same, "chunked", tolerance: 1e-2)
  }

  @Test func patchesTooLargeToKeepAreComputedAgainForTheWeightGradient() throws {
    // 256 channels, 5×5, 64×64: 26 million patch values, more than the backward pass keeps.
    let (x, w, b) = (
      randomTensor([1, 256, 64, 64], seed: 11), randomTensor([1, 256, 5, 5], seed: 12),
      randomTensor([1], seed: 13)
    )
    try expectReferenceGradients(x, w, b, stride: 1, padding: .same, "recomputed", tolerance: 1e-2)
  }

  // MARK: - Finite differences

  /// Convolution is linear in each argument, so a large step is exact up to rounding.
  func expectConvolutionGradients(_ c: Case, seed: UInt64) throws {
    let inputs = [
      randomTensor(c.input, seed: seed), randomTensor(c.weight, seed: seed + 1),
      randomTensor([c.filters], seed: seed + 2),
    ]
    let report = try checkGradients(
      of: { v in
        try Variable.conv2D(v[0], v[1], v[2], stride: c.stride, padding: c.padding)
      }, at: inputs, step: 0.05)
    #expect(report.passes, "\(c): \(report)")
    #expect(report.checked == inputs.reduce(0) { $0 + $1.count })
  }

  @Test func gradientsStrideOneValidSeveralChannels() throws {
    try expectConvolutionGradients(
      Case(input: [2, 3, 5, 5], filters: 4, kernel: 3, stride: 1, padding: .valid), seed: 20)
  }

  @Test func gradientsStrideOneSame() throws {
    try expectConvolutionGradients(
      Case(input: [2, 2, 5, 6], filters: 3, kernel: 3, stride: 1, padding: .same), seed: 23)
  }

  @Test func gradientsStrideTwoValid() throws {
    try expectConvolutionGradients(
      Case(input: [2, 2, 7, 7], filters: 3, kernel: 3, stride: 2, padding: .valid), seed: 26)
  }

  @Test func gradientsStrideTwoSame() throws {
    try expectConvolutionGradients(
      Case(input: [2, 3, 6, 7], filters: 2, kernel: 3, stride: 2, padding: .same), seed: 29)
  }

  @Test func gradientsEvenKernelSame() throws {
    try expectConvolutionGradients(
      Case(input: [1, 2, 4, 5], filters: 2, kernel: 2, stride: 1, padding: .same), seed: 32)
  }

  @Test func gradientsThroughReluAndALoss() throws {
    // Conv then relu then a weighted sum: away from the kinks, a small step is exact enough.
    let report = try checkGradients(
      of: { v in
        let out = try Variable.conv2D(v[0], v[1], v[2], stride: 1, padding: .same)
        return Activation.relu.apply(out)
      },
      at: [
        randomTensorAvoidingZero([2, 2, 4, 4], seed: 35), randomTensor([3, 2, 3, 3], seed: 36),
        randomTensor([3], seed: 37),
      ], step: 1e-3)
    #expect(report.passes, "\(report)")
  }

  @Test func inferenceAndTrainingComputeTheSameValues() throws {
    let (x, w, b) = (
      randomTensor([3, 2, 6, 6], seed: 40), randomTensor([4, 2, 3, 3], seed: 41),
      randomTensor([4], seed: 42)
    )
    let tape = Tape()
    let recorded = try Variable.conv2D(
      tape.variable(x), tape.variable(w), tape.variable(b), padding: .same)
    #expect(recorded.value == (try conv(x, w, b, padding: .same)))
    #expect(tape.nodeCount == 4)
  }

  @Test func mismatchedShapesAreErrorsNotCrashes() throws {
    let x = randomTensor([1, 2, 5, 5], seed: 1)
    let w = randomTensor([3, 2, 3, 3], seed: 2)
    let b = randomTensor([3], seed: 3)
    #expect(throws: TensorError.self) { try conv(randomTensor([2, 5, 5], seed: 1), w, b) }
    #expect(throws: TensorError.self) { try conv(randomTensor([1, 3, 5, 5], seed: 1), w, b) }
    #expect(throws: TensorError.self) { try conv(x, randomTensor([3, 2, 3, 2], seed: 1), b) }
    #expect(throws: TensorError.self) { try conv(x, w, randomTensor([2], seed: 1)) }
    #expect(throws: TensorError.self) { try conv(x, w, b, stride: 0) }
    #expect(throws: TensorError.self) { try conv(x, randomTensor([3, 2, 6, 6], seed: 1), b) }
    #expect(
      try conv(x, randomTensor([3, 2, 6, 6], seed: 1), b, padding: .same).shape == [
        1, 3, 5, 5,
      ])
  }

  @Test func anEmptyBatchGivesAnEmptyOutput() throws {
    let out = try conv(
      Tensor.zeros([0, 2, 5, 5]), randomTensor([3, 2, 3, 3], seed: 1), Tensor.zeros([3]))
    #expect(out.shape == [0, 3, 3, 3] && out.count == 0)
  }

  @Test func cancellationIsHeardBetweenChunks() throws {
    let x = randomTensor([64, 4, 16, 16], seed: 1)
    let w = randomTensor([8, 4, 3, 3], seed: 2)
    let token = CancellationToken(cancellingAtPoll: 1)
    #expect(throws: CancellationError.self) {
      try Cancellation.run(with: token) { try conv(x, w, Tensor.zeros([8])) }
    }
    #expect(token.pollCount == 1)
  }
}
