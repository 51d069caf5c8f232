import NNVCore
import NNVTestSupport
import Testing

/// Occlusion on images follows Captum's `Occlusion` with windows (C, patch, patch): every
/// channel is hidden at once, windows start at multiples of the stride and are cut off at the
/// edges, and each pixel gets the mean drop of the windows that cover it. The expected maps are
/// worked out by hand for a linear model, whose score drops by exactly the hidden w · x.
@Suite struct OcclusionTests {
  /// Images [2, 3, 3] flattened into a linear layer whose class-0 score is the sum of the
  /// pixels (weights 1) plus a bias, and whose class-1 score weighs them otherwise.
  func summingModel() throws -> Sequential {
    var model = try Sequential(inputShape: [2, 3, 3])
    try model.append(Flatten())
    try model.append(Dense(inputSize: 18, outputSize: 2, activation: .softmax, seed: 1))
    model.parameters[1][0] = try Tensor(
      shape: [18, 2], scalars: (0..<18).flatMap { [1, Float($0 % 5) - 2] })
    model.parameters[1][1] = Tensor([0.5, -0.25])
    return model
  }

  /// Channel 0 holds 1…9 row by row, channel 1 holds 10…18.
  let image = try? Tensor(shape: [1, 2, 3, 3], scalars: (1...18).map(Float.init))

  /// The map of one channel as 3 rows; both channels must be equal.
  func channelMap(_ values: Tensor) -> [[Float]] {
    let s = values.scalars
    #expect(Array(s[0..<9]) == Array(s[9..<18]), "the channels were not hidden together")
    return (0..<3).map { r in Array(s[(r * 3)..<(r * 3 + 3)]) }
  }

  @Test func patchesOfTwoMovedByTwoAreCutOffAtTheEdges() throws {
    let x = try #require(image)
    let result = try Attributor.attribute(
      try summingModel(), inputs: x, method: .occlusion(patch: 2, stride: 2, fill: 0),
      targets: [0])
    // Windows at rows and columns 0 and 2: a 2×2 square, a 2×1 strip, a 1×2 strip, one pixel.
    // Their drops: 1+2+4+5 + 10+11+13+14 = 60; 3+6 + 12+15 = 36; 7+8 + 16+17 = 48; 9+18 = 27.
    #expect(channelMap(result.values) == [[60, 60, 36], [60, 60, 36], [48, 48, 27]])
  }

  @Test func overlappingPatchesGiveEachPixelTheMeanDropOfItsWindows() throws {
    let x = try #require(image)
    let result = try Attributor.attribute(
      try summingModel(), inputs: x, method: .occlusion(patch: 2, stride: 1, fill: 0),
      targets: [0])
    // Four 2×2 windows drop 60, 68 (top right), 84 (bottom left) and 92; the centre is in all
    // four, (60 + 68 + 84 + 92) / 4 = 76, an edge pixel in two, a corner in one.
    #expect(channelMap(result.values) == [[60, 64, 68], [72, 76, 80], [84, 88, 92]])
  }

  @Test func aFillOtherThanZeroAndAnotherClassWeighTheHiddenPixels() throws {
    let x = try #require(image)
    let model = try summingModel()
    let result = try Attributor.attribute(
      model, inputs: x, method: .occlusion(patch: 3, stride: 3, fill: 1), targets: [1])
    // One window hides everything: the drop is Σ w (x − 1) over all 18 pixels, every pixel's.
    let w = model.parameters[1][0].scalars
    var drop: Float = 0
    for j in 0..<18 {
      let hidden = Float(j + 1) - 1
      drop += w[j * 2 + 1] * hidden
    }
    #expect(result.values.scalars.allSatisfy { abs($0 - drop) < 1e-4 })
  }

  @Test func aStrideLargerThanThePatchIsRefused() throws {
    let x = try #require(image)
    #expect(throws: AttributionError.self) {
      try Attributor.attribute(
        try summingModel(), inputs: x, method: .occlusion(patch: 1, stride: 2, fill: 0))
    }
    #expect(throws: AttributionError.self) {
      try Attributor.attribute(
        try summingModel(), inputs: x, method: .occlusion(patch: 4, stride: 1, fill: 0))
    }
  }

  @Test func flatDigitsAreSquaresAndTablesAreRowsOfFeatures() throws {
    // 64 features with a patch above 1 are an 8×8 image: a 3×3 patch moved by 3 hides 9
    // windows starting at rows and columns 0, 3 and 6, those at 6 cut off to 2 pixels.
    var model = try Sequential(inputShape: [64])
    try model.append(Dense(inputSize: 64, outputSize: 1, seed: 3))
    let x = randomTensor([2, 64], seed: 4)
    let result = try Attributor.attribute(
      model, inputs: x, method: .occlusion(patch: 3, stride: 3, fill: 0))
    let w = model.parameters[0][0].scalars
    for i in 0..<2 {
      func drop(_ pixels: [Int]) -> Float {
        pixels.reduce(Float(0)) { $0 + w[$1] * x.scalars[i * 64 + $1] }
      }
      let map = Array(result.values.scalars[(i * 64)..<(i * 64 + 64)])
      // Every pixel of a window gets its drop: the window's first pixels add up to the total.
      let firsts = [0, 3, 6].flatMap { r in [0, 3, 6].map { r * 8 + $0 } }
      #expect(abs(firsts.map { map[$0] }.reduce(0, +) - drop(Array(0..<64))) < 1e-4)
      #expect(abs(map[9] - drop([0, 1, 2, 8, 9, 10, 16, 17, 18])) < 1e-5)
      #expect(abs(map[63] - drop([54, 55, 62, 63])) < 1e-5)
    }
    // A table's features are hidden one at a time, and a run of 2 covers two neighbours.
    var table = try Sequential(inputShape: [5])
    try table.append(Dense(inputSize: 5, outputSize: 1, seed: 5))
    let row = randomTensor([1, 5], seed: 6)
    let pairs = try Attributor.attribute(
      table, inputs: row, method: .occlusion(patch: 2, stride: 2, fill: 0))
    let v = table.parameters[0][0].scalars
    let last = v[4] * row.scalars[4]
    #expect(abs(pairs.values.scalars[4] - last) < 1e-5)
    let first = v[0] * row.scalars[0] + v[1] * row.scalars[1]
    #expect(abs(pairs.values.scalars[0] - first) < 1e-5)
  }
}
