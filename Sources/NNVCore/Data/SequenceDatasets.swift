import Foundation

/// Generated sequences for teaching what a recurrent network's memory does, seeded like the
/// 2-D sets.
///
/// Every sample is a sequence of shape `[length, F]`: `length` steps of F features. The
/// targets are at every step (`Dataset.targetSteps`), except for `brackets` asked whether a
/// sequence is balanced, which has one target per sequence.
public enum SequenceDatasets {
  /// The names of the generators, for help texts and completion.
  public static let names = ["brackets", "parity", "waves"]

  /// The symbols of `brackets`, in the order of their one-hot features: an opening and a
  /// closing bracket, and a filler that leaves the depth as it is.
  public static let bracketSymbols = ["(", ")", "."]

  /// The class names of `brackets` asked whether a sequence is balanced, by label.
  public static let balanceClasses = ["unbalanced", "balanced"]

  /// The nesting depths `brackets` takes.
  public static let depths = 1...100

  /// The periods of `waves`, in steps: each sequence draws one from this range.
  public static let wavePeriods: ClosedRange<Float> = 8...24

  /// What `brackets` asks of a sequence.
  public enum BracketTarget: String, Sendable, CaseIterable {
    /// The nesting depth after each symbol, 0 to the deepest: a class at every step.
    case depth
    /// Whether the sequence is balanced: one class for the whole sequence.
    case balanced
  }

  /// Random bits, one feature per step, with their running parity at every step: class 1
  /// when an odd number of the bits so far are 1 (the XOR of the bits so far).
  public static func parity(n: Int = 200, length: Int = 16, seed: UInt64 = 0) throws -> Dataset {
    let size = try checked("parity", n: n, length: length, features: 1)
    var random = RandomGenerator(seed: seed)
    var poller = Cancellation.Poller(interval: 1 << 16)
    var features = [Float](repeating: 0, count: size)
    var labels = [Int](repeating: 0, count: n * length)
    for i in 0..<n {
      try poller.advance(by: length)
      var parity = 0
      for t in 0..<length {
        let bit = Int(random.next() >> 63)
        parity ^= bit
        features[i * length + t] = Float(bit)
        labels[i * length + t] = parity
      }
    }
    return Dataset(
      name: "parity", features: Tensor(uncheckedShape: [n, length, 1], scalars: features),
      labels: labels, classNames: ["0", "1"], featureNames: ["bit"], targetSteps: length)
  }

  /// Sequences of `(`, `)` and `.`, one-hot (features `[length, 3]`), nested at most `depth`
  /// deep.
  ///
  /// - `.depth`: a random walk that never closes below depth 0 nor opens beyond `depth`; the
  ///   target at every step is the depth after that symbol, classes `0` to `depth`.
  /// - `.balanced`: samples take turns, unbalanced (class 0) and balanced (class 1). A
  ///   balanced sequence never closes more brackets than it opened, ends with all closed, and
  ///   nests at most `depth` deep. An unbalanced one is a balanced one with one symbol
  ///   changed: a bracket turned the other way, or a filler turned into a bracket, so its
  ///   counts of opening and closing brackets differ.
  public static func brackets(
    n: Int = 200, length: Int = 20, depth: Int = 4, target: BracketTarget = .depth,
    seed: UInt64 = 0
  ) throws -> Dataset {
    let size = try checked("brackets", n: n, length: length, features: bracketSymbols.count)
    guard depths.contains(depth) else {
      throw DataError.invalidArgument(
        "brackets nest \(depths.lowerBound) to \(depths.upperBound) deep, not \(depth)")
    }
    var random = RandomGenerator(seed: seed)
    var poller = Cancellation.Poller(interval: 1 << 16)
    var features = [Float](repeating: 0, count: size)
    var labels: [Int] = []
    labels.reserveCapacity(target == .depth ? n * length : n)
    for i in 0..<n {
      try poller.advance(by: length)
      var symbols: [Int]
      switch target {
      case .depth:
        symbols = walk(length: length, depth: depth, closing: false, &random)
        labels += depthsAfter(symbols)
      case .balanced:
        symbols = walk(length: length, depth: depth, closing: true, &random)
        if i % 2 == 0 { unbalance(&symbols, &random) }
        labels.append(i % 2)
      }
      for (t, symbol) in symbols.enumerated() {
        features[(i * length + t) * bracketSymbols.count + symbol] = 1
      }
    }
    let tensor = Tensor(uncheckedShape: [n, length, bracketSymbols.count], scalars: features)
    if target == .balanced {
      return Dataset(
        name: "brackets", features: tensor, labels: labels, classNames: balanceClasses,
        featureNames: bracketSymbols)
    }
    return Dataset(
      name: "brackets", features: tensor, labels: labels,
      classNames: (0...depth).map(String.init), featureNames: bracketSymbols,
      targetSteps: length)
  }

  /// Noisy sine waves, one value per step, with the next value as the target at every step
  /// (regression). Each sequence has its own period (drawn from `wavePeriods`) and phase:
  /// s(t) = sin(2π·t / period + phase) + noise·ε(t) for t from 0 to `length`, the inputs are
  /// s(0) … s(length − 1) and the targets s(1) … s(length).
  public static func waves(
    n: Int = 200, length: Int = 32, noise: Float = 0.05, seed: UInt64 = 0
  ) throws -> Dataset {
    let size = try checked("waves", n: n, length: length, features: 1)
    guard noise >= 0, noise.isFinite else {
      throw DataError.invalidArgument("noise is a standard deviation, 0 or more, not \(noise)")
    }
    var random = RandomGenerator(seed: seed)
    var poller = Cancellation.Poller(interval: 1 << 16)
    var features = [Float](repeating: 0, count: size)
    var targets = [Float](repeating: 0, count: size)
    var series = [Float](repeating: 0, count: length + 1)
    for i in 0..<n {
      try poller.advance(by: length)
      let period = random.uniform(wavePeriods.lowerBound, wavePeriods.upperBound)
      let phase = random.uniform(0, 2 * Float.pi)
      for t in 0...length {
        let angle = 2 * Float.pi * Float(t) / period + phase
        series[t] = sin(angle) + (noise > 0 ? noise * random.normal() : 0)
      }
      for t in 0..<length {
        features[i * length + t] = series[t]
        targets[i * length + t] = series[t + 1]
      }
    }
    return try SyntheticDatasets.finished(
      Dataset(
        name: "waves", features: Tensor(uncheckedShape: [n, length, 1], scalars: features),
        values: Tensor(uncheckedShape: [n, length, 1], scalars: targets), featureNames: ["x"]))
  }

  /// The number of feature values of `n` sequences of `length` steps of `features`, after
  /// checking the sizes against the limits.
  static func checked(_ name: String, n: Int, length: Int, features: Int) throws -> Int {
    try SyntheticDatasets.check(n, 0)
    guard length >= 1 else {
      throw DataError.invalidArgument("a sequence has at least 1 step, not \(length)")
    }
    try ResourceLimits.stepTargets.check(
      Shape.checkedProduct([n, length]),
      for: "\(ResourceLimit.grouped(n)) \(name) sequences of \(ResourceLimit.grouped(length)) steps"
    )
    return try Shape.elementCount(
      [n, length, features],
      of: "\(ResourceLimit.grouped(n)) \(name) sequences of \(ResourceLimit.grouped(length)) "
        + "steps")
  }
}
