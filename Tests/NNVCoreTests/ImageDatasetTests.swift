import NNVCore
import Testing

/// The generated image sets: their shape, seeds and balance, and that each class draws what
/// its name says, measured on the pixels.
@Suite struct ImageDatasetTests {
  /// The lit pixels of sample `index` (noise 0): their rows and columns.
  static func lit(_ data: Dataset, _ index: Int) throws -> [(row: Int, column: Int)] {
    let size = data.sampleShape[2]
    let pixels = try data.features.row(index).scalars
    #expect(pixels.allSatisfy { $0 == 0 || $0 == 1 })
    return pixels.indices.filter { pixels[$0] == 1 }.map { ($0 / size, $0 % size) }
  }

  /// The bounding box of `points`: top, left, height, width.
  static func box(_ points: [(row: Int, column: Int)]) -> (Int, Int, Int, Int) {
    let rows = points.map(\.row)
    let columns = points.map(\.column)
    let top = rows.min() ?? 0
    let left = columns.min() ?? 0
    return (top, left, (rows.max() ?? -1) - top + 1, (columns.max() ?? -1) - left + 1)
  }

  @Test(arguments: ["bars", "shapes"])
  func imagesAreSeededShapedAndBalanced(_ name: String) throws {
    func make(_ n: Int, size: Int, noise: Float = 0.1, seed: UInt64) throws -> Dataset {
      name == "bars"
        ? try ImageDatasets.bars(n: n, size: size, noise: noise, seed: seed)
        : try ImageDatasets.shapes(n: n, size: size, noise: noise, seed: seed)
    }
    let a = try make(90, size: 10, seed: 1)
    #expect(a == (try make(90, size: 10, seed: 1)))
    #expect(a != (try make(90, size: 10, seed: 2)))
    #expect(a.count == 90 && a.features.shape == [90, 1, 10, 10] && a.sampleShape == [1, 10, 10])
    #expect(a.name == name)
    let classes = name == "bars" ? ImageDatasets.barClasses : ImageDatasets.shapeClasses
    #expect(a.classNames == classes)
    let counts = (try make(10, size: 10, seed: 3)).classCounts
    #expect(counts == (name == "bars" ? [5, 5] : [3, 3, 2, 2]))
    // Noise of 0.1 around 0 and 1: every value within a few deviations of one of them.
    #expect(a.features.scalars.allSatisfy { min(abs($0), abs($0 - 1)) < 0.6 })
    #expect(a.features.scalars.contains { $0 != 0 && $0 != 1 })
    let clean = try make(90, size: 10, noise: 0, seed: 1)
    #expect(clean.features.scalars.allSatisfy { $0 == 0 || $0 == 1 })
    // A model reads the same numbers as flat rows when its input is [100].
    #expect(a.reading(as: [100])?.features.shape == [90, 100])
  }

  @Test(arguments: [4, 5, 8, 16, 33, 64])
  func barsAreHorizontalOrVertical(_ size: Int) throws {
    let data = try ImageDatasets.bars(n: 60, size: size, seed: UInt64(size))
    var lengths = Set<Int>()
    for index in 0..<data.count {
      let points = try Self.lit(data, index)
      let (top, left, height, width) = Self.box(points)
      // The lit pixels fill their box: one solid stroke.
      #expect(points.count == height * width)
      let (along, across) = data.labels[index] == 0 ? (width, height) : (height, width)
      #expect(along >= size / 2 && along <= size, "a stroke \(along) pixels long")
      #expect(across >= 1 && across <= max(1, size / 8))
      #expect(along >= 2 * across)
      // Background on both long sides.
      let (start, end) = data.labels[index] == 0 ? (top, top + height) : (left, left + width)
      #expect(start >= 1 && end <= size - 1)
      lengths.insert(along)
    }
    // Lengths and places vary.
    #expect(lengths.count > 1)
  }

  @Test(arguments: [8, 12, 31, 64])
  func shapesDrawWhatTheirClassesSay(_ size: Int) throws {
    let data = try ImageDatasets.shapes(n: 80, size: size, seed: UInt64(size))
    for index in 0..<data.count {
      let points = try Self.lit(data, index)
      let (top, left, height, width) = Self.box(points)
      let on = Set(points.map { $0.row * size + $0.column })
      func at(_ r: Int, _ c: Int) -> Bool { on.contains((top + r) * size + left + c) }
      let row = { (r: Int) in (0..<width).filter { at(r, $0) }.count }
      let label = data.classNames[data.labels[index]]
      #expect(height >= 6 && height <= size && width >= 6 && width <= size, "\(label)")
      switch label {
      case "square":
        #expect(points.count == height * width && height == width)
      case "circle":
        // Round: corners empty, middle row full, and symmetric.
        #expect(!at(0, 0) && !at(height - 1, width - 1) && row(height / 2) == width)
        #expect(abs(height - width) <= 1 && row(0) == row(height - 1))
      case "triangle":
        // Point up: each row at least as wide as the one above, the base the widest.
        let widths = (0..<height).map(row)
        #expect(zip(widths, widths.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(widths[0] * 2 < widths[height - 1] && widths[height - 1] == width)
      default:
        #expect(label == "cross")
        // A plus: empty corners, and a row and a column across the whole box.
        #expect(!at(0, 0) && !at(0, width - 1) && !at(height - 1, 0))
        #expect((0..<height).contains { row($0) == width })
        #expect((0..<width).contains { c in (0..<height).allSatisfy { at($0, c) } })
        #expect(row(0) * 2 < width)
      }
    }
  }

  @Test func badArgumentsAreRefusedBeforeDrawing() {
    #expect(throws: DataError.self) { try ImageDatasets.bars(size: 3) }
    #expect(throws: DataError.self) { try ImageDatasets.bars(size: 65) }
    #expect(throws: DataError.self) { try ImageDatasets.shapes(size: 7) }
    #expect(throws: DataError.self) { try ImageDatasets.shapes(n: 0) }
    #expect(throws: DataError.self) { try ImageDatasets.bars(noise: -1) }
    #expect(throws: DataError.self) { try ImageDatasets.bars(noise: .infinity) }
    // 10 million images of 64×64 pixels would be 40 billion values.
    #expect(throws: LimitError.self) { try ImageDatasets.bars(n: 10_000_000, size: 64) }
    #expect(throws: DataError.self) { try ImageDatasets.bars(n: 10_000_001) }
  }

  @Test func drawingPollsCancellation() throws {
    let token = CancellationToken()
    _ = try Cancellation.run(with: token) { try ImageDatasets.shapes(n: 20_000, size: 16, seed: 1) }
    #expect(token.pollCount >= 10)
    let stop = CancellationToken(cancellingAtPoll: token.pollCount / 2)
    #expect(throws: CancellationError.self) {
      try Cancellation.run(with: stop) { try ImageDatasets.shapes(n: 20_000, size: 16, seed: 1) }
    }
    #expect(stop.pollCount == token.pollCount / 2)
  }
}
