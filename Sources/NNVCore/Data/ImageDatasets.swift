/// Generated images for teaching convolutional networks, seeded like the 2-D sets.
///
/// Every sample is a one-channel image of shape `[1, size, size]` (the features tensor is
/// `[n, 1, size, size]`, row-major): a figure drawn in 1 on a background of 0, with Gaussian
/// noise of standard deviation `noise` added to every pixel and not clipped, as the 2-D sets
/// add it to every coordinate. Classes take turns, so each has `n / classes` samples (the
/// first `n % classes` classes one more).
public enum ImageDatasets {
  /// The names of the generators, for help texts and completion.
  public static let names = ["bars", "shapes"]

  /// The class names of `bars`, by label.
  public static let barClasses = ["horizontal", "vertical"]
  /// The class names of `shapes`, by label.
  public static let shapeClasses = ["square", "circle", "triangle", "cross"]

  /// The widths `bars` draws: from 4 pixels, where a stroke still has a direction, to 64.
  public static let barSizes = 4...64
  /// The widths `shapes` draws: from 8 pixels, the least at which the smallest circle and cross
  /// (6 pixels across) still differ, to 64.
  public static let shapeSizes = 8...64

  /// Horizontal (class 0) and vertical (class 1) strokes at random positions.
  ///
  /// A stroke runs half the image's width to all of it, and is 1 pixel thick, or up to
  /// `size / 8` pixels on larger images, so it is always at least four times as long as it is
  /// thick. It keeps off the two sides it runs along, so both of its long edges show against
  /// the background. Telling the two apart is what a first convolution's edge filters do.
  public static func bars(
    n: Int = 200, size: Int = 8, noise: Float = 0, seed: UInt64 = 0
  ) throws -> Dataset {
    try images(
      "bars", n: n, size: size, sizes: barSizes, noise: noise, seed: seed, classes: barClasses
    ) { canvas, label, random in
      canvas.drawBar(vertical: label == 1, random: &random)
    }
  }

  /// A filled square, circle, triangle (point up) or cross (a plus sign), one class each, at
  /// random positions and sizes: from half the image's width (at least 6 pixels) to all of it.
  public static func shapes(
    n: Int = 200, size: Int = 12, noise: Float = 0, seed: UInt64 = 0
  ) throws -> Dataset {
    try images(
      "shapes", n: n, size: size, sizes: shapeSizes, noise: noise, seed: seed,
      classes: shapeClasses
    ) { canvas, label, random in
      let smallest = max(6, size / 2)
      let extent = smallest + random.integer(below: size - smallest + 1)
      let box = canvas.randomBox(extent: extent, &random)
      switch label {
      case 0: canvas.fill(box) { _, _ in true }
      case 1:
        // A radius a quarter pixel short of the box keeps the smallest circles round.
        let radius = Float(box.extent) / 2 - 0.25
        canvas.fill(box) { dx, dy in dx * dx + dy * dy <= radius * radius }
      case 2:
        // The half width grows from the apex to the base, measured at each row's lower edge.
        let extent = Float(box.extent)
        canvas.fill(box) { dx, dy in abs(dx) <= (dy + extent / 2 + 0.5) / 2 }
      default:
        let arm = Float(box.extent) / 6
        canvas.fill(box) { dx, dy in abs(dx) < arm || abs(dy) < arm }
      }
    }
  }

  /// `n` images of `size`×`size` pixels, one class after the other, each drawn by `draw` on a
  /// blank canvas and then given noise.
  static func images(
    _ name: String, n: Int, size: Int, sizes: ClosedRange<Int>, noise: Float, seed: UInt64,
    classes: [String], draw: (inout ImageCanvas, Int, inout RandomGenerator) -> Void
  ) throws -> Dataset {
    try SyntheticDatasets.check(n, noise)
    guard sizes.contains(size) else {
      throw DataError.invalidArgument(
        "\(name) draws images \(sizes.lowerBound) to \(sizes.upperBound) pixels wide, not \(size)")
    }
    let total = try Shape.elementCount(
      [n, 1, size, size],
      of: "\(ResourceLimit.grouped(n)) images of \(size)×\(size) pixels")
    var scalars = [Float](repeating: 0, count: total)
    var random = RandomGenerator(seed: seed)
    var poller = Cancellation.Poller(interval: 1 << 18)
    var canvas = ImageCanvas(size: size)
    var labels: [Int] = SyntheticDatasets.reserved(n)
    for i in 0..<n {
      try poller.advance(by: size * size)
      let label = i % classes.count
      canvas.clear()
      draw(&canvas, label, &random)
      let start = i * size * size
      for (k, value) in canvas.pixels.enumerated() {
        scalars[start + k] = noise > 0 ? value + noise * random.normal() : value
      }
      labels.append(label)
    }
    let features = Tensor(uncheckedShape: [n, 1, size, size], scalars: scalars)
    return try SyntheticDatasets.finished(
      Dataset(name: name, features: features, labels: labels, classNames: classes))
  }
}

/// One image being drawn: `size`×`size` pixels, row-major, 0 or 1.
struct ImageCanvas {
  /// A square region: its top row, left column and width in pixels.
  struct Box {
    var row: Int
    var column: Int
    var extent: Int
  }

  let size: Int
  private(set) var pixels: [Float]

  init(size: Int) {
    self.size = size
    pixels = [Float](repeating: 0, count: size * size)
  }

  mutating func clear() {
    for k in pixels.indices { pixels[k] = 0 }
  }

  /// A box `extent` pixels wide (at most the image) at a random place inside the image.
  func randomBox(extent: Int, _ random: inout RandomGenerator) -> Box {
    let extent = min(max(extent, 1), size)
    return Box(
      row: random.integer(below: size - extent + 1),
      column: random.integer(below: size - extent + 1), extent: extent)
  }

  /// Sets each pixel of `box` whose centre is inside: `inside(dx, dy)` is given the pixel
  /// centre's offset from the box's centre, `dy` growing downwards.
  mutating func fill(_ box: Box, inside: (Float, Float) -> Bool) {
    let half = Float(box.extent) / 2
    for r in 0..<box.extent {
      for c in 0..<box.extent where inside(Float(c) + 0.5 - half, Float(r) + 0.5 - half) {
        pixels[(box.row + r) * size + box.column + c] = 1
      }
    }
  }

  /// A horizontal or vertical stroke at a random place: at least half the image long, 1 to
  /// `size / 8` pixels thick, and off the image's edges along its length.
  mutating func drawBar(vertical: Bool, random: inout RandomGenerator) {
    let thickness = 1 + random.integer(below: max(1, size / 8))
    let length = size / 2 + random.integer(below: size - size / 2 + 1)
    // A background row (or column) on both sides, so that every stroke has two edges.
    let across = 1 + random.integer(below: size - thickness - 1)
    let along = random.integer(below: size - length + 1)
    for a in across..<(across + thickness) {
      for b in along..<(along + length) {
        let (row, column) = vertical ? (b, a) : (a, b)
        pixels[row * size + column] = 1
      }
    }
  }
}
