import Foundation

/// The classic teaching data sets, generated from a seed.
///
/// The 2-D sets lie roughly in [−1, 1]² so they train without standardization and plot on one
/// scale. `noise` is the standard deviation of Gaussian noise added to each coordinate (for
/// `gauss`, the spread of each blob; for regression sets, noise on the target).
public enum SyntheticDatasets {
  /// The names of the generators, for help texts and completion.
  public static let names = ["xor", "circles", "moons", "spiral", "gauss", "plane", "sine"]

  static func check(_ n: Int, _ noise: Float, minimum: Int = 1) throws {
    guard n >= minimum else {
      throw DataError.invalidArgument("a data set needs at least \(minimum) samples, not \(n)")
    }
    guard ResourceLimits.samples.allows(n) else {
      throw DataError.invalidArgument(
        "\(ResourceLimit.grouped(n)) samples is over the limit of \(ResourceLimits.samples)")
    }
    guard noise >= 0, noise.isFinite else {
      throw DataError.invalidArgument("noise is a standard deviation, 0 or more, not \(noise)")
    }
  }

  /// `data` after checking that the noise left every value finite.
  static func finished(_ data: Dataset) throws -> Dataset {
    try data.checkFinite(
      advice: "the noise is too large for single precision: use a smaller `noise`")
    return data
  }

  /// Checks for a Ctrl-C every 65,536 samples: ten million take a second or two.
  static let samplePoller = Cancellation.Poller(interval: 1 << 16)

  /// An empty array with room for `n` values, so that it never moves while it fills.
  static func reserved<T>(_ n: Int) -> [T] {
    var values: [T] = []
    values.reserveCapacity(n)
    return values
  }

  static func points(_ xs: [Float], _ ys: [Float]) throws -> Tensor {
    var scalars: [Float] = []
    scalars.reserveCapacity(xs.count * 2)
    var poller = Cancellation.Poller()
    for (x, y) in zip(xs, ys) {
      try poller.advance()
      scalars.append(x)
      scalars.append(y)
    }
    return Tensor(uncheckedShape: [xs.count, 2], scalars: scalars)
  }

  /// Points in the four quadrants of [−1.1, 1.1]²; class 1 where both coordinates have the same
  /// sign. As in TensorFlow Playground, points keep a margin of 0.1 from the axes, so that without
  /// noise the classes are separable.
  public static func xor(n: Int = 200, noise: Float = 0, seed: UInt64 = 0) throws -> Dataset {
    try check(n, noise)
    var random = RandomGenerator(seed: seed)
    var poller = samplePoller
    var xs: [Float] = reserved(n)
    var ys: [Float] = reserved(n)
    var labels: [Int] = reserved(n)
    func padded(_ v: Float) -> Float { v >= 0 ? v + 0.1 : v - 0.1 }
    for _ in 0..<n {
      try poller.advance()
      let x = padded(random.uniform(-1, 1))
      let y = padded(random.uniform(-1, 1))
      labels.append(x * y > 0 ? 1 : 0)
      xs.append(x + noise * random.normal())
      ys.append(y + noise * random.normal())
    }
    return try finished(
      Dataset(name: "xor", features: try points(xs, ys), labels: labels, classNames: ["0", "1"]))
  }

  /// A disc (class 0, radius up to 0.5) inside a ring (class 1, radius 0.7 to 1).
  public static func circles(n: Int = 200, noise: Float = 0, seed: UInt64 = 0) throws -> Dataset {
    try check(n, noise)
    var random = RandomGenerator(seed: seed)
    var poller = samplePoller
    var xs: [Float] = reserved(n)
    var ys: [Float] = reserved(n)
    var labels: [Int] = reserved(n)
    for i in 0..<n {
      try poller.advance()
      let label = i % 2
      let radius = label == 0 ? random.uniform(0, 0.5) : random.uniform(0.7, 1)
      let angle = random.uniform(0, 2 * .pi)
      xs.append(radius * cos(angle) + noise * random.normal())
      ys.append(radius * sin(angle) + noise * random.normal())
      labels.append(label)
    }
    return try finished(
      Dataset(
        name: "circles", features: try points(xs, ys), labels: labels,
        classNames: ["inner", "outer"]))
  }

  /// Two interleaving half circles, centred on the origin (scikit-learn's `make_moons` shape).
  public static func moons(n: Int = 200, noise: Float = 0, seed: UInt64 = 0) throws -> Dataset {
    try check(n, noise)
    var random = RandomGenerator(seed: seed)
    var poller = samplePoller
    var xs: [Float] = reserved(n)
    var ys: [Float] = reserved(n)
    var labels: [Int] = reserved(n)
    for i in 0..<n {
      try poller.advance()
      let label = i % 2
      let t = random.uniform(0, .pi)
      let (x, y) = label == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
      // Centre the pair on the origin and fit it in about [−1, 1]².
      xs.append((x - 0.5) * 0.66 + noise * random.normal())
      ys.append((y - 0.25) * 0.66 + noise * random.normal())
      labels.append(label)
    }
    return try finished(
      Dataset(name: "moons", features: try points(xs, ys), labels: labels, classNames: ["0", "1"]))
  }

  /// `classes` spiral arms winding out from the centre (the CS231n spiral).
  public static func spiral(
    n: Int = 300, classes: Int = 3, noise: Float = 0.2, seed: UInt64 = 0
  ) throws -> Dataset {
    try check(n, noise, minimum: classes)
    guard (2...10).contains(classes) else {
      throw DataError.invalidArgument("a spiral has 2 to 10 arms, not \(classes)")
    }
    var random = RandomGenerator(seed: seed)
    var poller = samplePoller
    var xs: [Float] = reserved(n)
    var ys: [Float] = reserved(n)
    var labels: [Int] = reserved(n)
    let perClass = n / classes
    for c in 0..<classes {
      let count = perClass + (c < n % classes ? 1 : 0)
      for i in 0..<count {
        try poller.advance()
        let fraction = count > 1 ? Float(i) / Float(count - 1) : 0
        let turn = 12 / Float(classes)  // every arm winds the same way, evenly spaced
        let t = (fraction + Float(c)) * turn + noise * random.normal()
        xs.append(fraction * sin(t))
        ys.append(fraction * cos(t))
        labels.append(c)
      }
    }
    return try finished(
      Dataset(
        name: "spiral", features: try points(xs, ys), labels: labels,
        classNames: (0..<classes).map(String.init)))
  }

  /// `classes` Gaussian blobs with centres evenly spaced on a circle of radius 0.6.
  public static func gauss(
    n: Int = 200, classes: Int = 2, noise: Float = 0.15, seed: UInt64 = 0
  ) throws -> Dataset {
    try check(n, noise, minimum: classes)
    guard (2...10).contains(classes) else {
      throw DataError.invalidArgument("gauss makes 2 to 10 blobs, not \(classes)")
    }
    var random = RandomGenerator(seed: seed)
    var poller = samplePoller
    var xs: [Float] = reserved(n)
    var ys: [Float] = reserved(n)
    var labels: [Int] = reserved(n)
    for i in 0..<n {
      try poller.advance()
      let c = i % classes
      let angle = 2 * Float.pi * Float(c) / Float(classes) + .pi / 4
      xs.append(0.6 * cos(angle) + noise * random.normal())
      ys.append(0.6 * sin(angle) + noise * random.normal())
      labels.append(c)
    }
    return try finished(
      Dataset(
        name: "gauss", features: try points(xs, ys), labels: labels,
        classNames: (0..<classes).map(String.init)))
  }

  /// Regression on a plane: y = 0.6·x1 − 0.4·x2 + noise, inputs uniform in [−1, 1)².
  public static func plane(n: Int = 200, noise: Float = 0, seed: UInt64 = 0) throws -> Dataset {
    try check(n, noise)
    var random = RandomGenerator(seed: seed)
    var poller = samplePoller
    var xs: [Float] = reserved(n)
    var ys: [Float] = reserved(n)
    var targets: [Float] = reserved(n)
    for _ in 0..<n {
      try poller.advance()
      let x = random.uniform(-1, 1)
      let y = random.uniform(-1, 1)
      xs.append(x)
      ys.append(y)
      targets.append(0.6 * x - 0.4 * y + noise * random.normal())
    }
    return try finished(
      Dataset(
        name: "plane", features: try points(xs, ys),
        values: Tensor(uncheckedShape: [n, 1], scalars: targets)))
  }

  /// Regression on a curve: y = sin(x) + noise, x uniform in [−π, π).
  public static func sine(n: Int = 200, noise: Float = 0, seed: UInt64 = 0) throws -> Dataset {
    try check(n, noise)
    var random = RandomGenerator(seed: seed)
    var poller = samplePoller
    var xs: [Float] = reserved(n)
    var targets: [Float] = reserved(n)
    for _ in 0..<n {
      try poller.advance()
      let x = random.uniform(-.pi, .pi)
      xs.append(x)
      targets.append(sin(x) + noise * random.normal())
    }
    return try finished(
      Dataset(
        name: "sine", features: Tensor(uncheckedShape: [n, 1], scalars: xs),
        values: Tensor(uncheckedShape: [n, 1], scalars: targets), featureNames: ["x"]))
  }
}
