/// What a hidden unit may track, step by step: the `hidden ... top N` view ranks units by how
/// well they follow one of these (Karpathy, Johnson and Fei-Fei 2015 found units that count
/// quotes and line lengths this way).
public enum StepSignal: Sendable, Equatable {
  /// The target at every step: its class number (the depth of brackets, the running parity)
  /// or first value; a sequence labelled as a whole gives its label at every step.
  case target
  /// The step's number, from 0.
  case position
  /// 1 where the step's symbol is this feature (a text's character, a bracket), else 0.
  case feature(String)

  /// `target`, `position`, `char "("`.
  public var description: String {
    switch self {
    case .target: "target"
    case .position: "position"
    case .feature(let name): "char \"\(name)\""
    }
  }
}

/// How well one hidden unit tracks a signal.
public struct UnitCorrelation: Sendable, Equatable {
  /// The unit, from 0.
  public var unit: Int
  /// Pearson's correlation over every step of every sequence; NaN when the unit or the signal
  /// never changes.
  public var r: Double

  public init(unit: Int, r: Double) {
    self.unit = unit
    self.r = r
  }
}

/// Pearson correlations between hidden units and a step signal.
public enum UnitCorrelations {
  /// Pearson's r of two equally long lists; nil when they differ in length, are shorter than
  /// 2, or either never changes.
  public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
    guard x.count == y.count, x.count >= 2 else { return nil }
    var sums = Sums()
    for (a, b) in zip(x, y) { sums.add(a, b) }
    return sums.r
  }

  /// Running sums for Pearson's r, in Double, centred on the first pair to keep the
  /// cancellation small.
  struct Sums {
    var n = 0.0
    var origin: (Double, Double)?
    var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0

    mutating func add(_ a: Double, _ b: Double) {
      if origin == nil { origin = (a, b) }
      let x = a - (origin?.0 ?? 0)
      let y = b - (origin?.1 ?? 0)
      n += 1
      sx += x
      sy += y
      sxx += x * x
      syy += y * y
      sxy += x * y
    }

    var r: Double? {
      guard n >= 2 else { return nil }
      let vx = sxx - sx * sx / n
      let vy = syy - sy * sy / n
      guard vx > 1e-12 * Swift.max(1, sxx), vy > 1e-12 * Swift.max(1, syy) else { return nil }
      return Swift.max(-1, Swift.min(1, (sxy - sx * sy / n) / (vx * vy).squareRoot()))
    }
  }

  /// The signal at every step of sample `i` of `data` (samples `[steps, features]`).
  ///
  /// - Throws: `DataError.targetMismatch` for `.target` on data without targets and for a
  ///   feature the data does not have.
  public static func signal(_ signal: StepSignal, in data: Dataset, sample i: Int) throws
    -> [Double]
  {
    let shape = data.sampleShape
    guard shape.count == 2 else {
      throw DataError.targetMismatch(
        "\(data.name) has samples of shape \(Tensor.describe(shape)), not sequences")
    }
    let (steps, width) = (shape[0], shape[1])
    switch signal {
    case .position:
      return (0..<steps).map(Double.init)
    case .feature(let name):
      guard let k = data.featureNames.firstIndex(of: name), k < width else {
        throw DataError.targetMismatch(
          "\(data.name) has no symbol \(name); its symbols are "
            + data.featureNames.prefix(20).joined(separator: " "))
      }
      return (0..<steps).map { t in Double(data.features.scalars[(i * steps + t) * width + k]) }
    case .target:
      return try target(data, sample: i, steps: steps)
    }
  }

  static func target(_ data: Dataset, sample i: Int, steps: Int) throws -> [Double] {
    if let values = data.values {
      let per = values.shape.count == 3 ? values.shape[1] : 1
      let width = values.shape.last ?? 1
      guard width > 0 else { throw DataError.targetMismatch("\(data.name) has no targets") }
      return (0..<steps).map { t in
        Double(values.scalars[(i * per + Swift.min(t, per - 1)) * width])
      }
    }
    let labels = data.labels(ofSample: i)
    guard !labels.isEmpty else { throw DataError.targetMismatch("\(data.name) has no targets") }
    let list = Array(labels)
    return (0..<steps).map { t in Double(list[Swift.min(t, list.count - 1)]) }
  }

  /// Every unit of recurrent layer `number` (from 1) of `model` with its correlation to
  /// `signal` over every step of every sample of `data`, best first (by |r|; units whose r is
  /// undefined last). The data runs through the model 256 samples at a time.
  ///
  /// - Throws: as `HiddenSequence.of` and `signal(_:in:sample:)`, and `CancellationError`.
  public static func rank(
    _ model: Sequential, layer number: Int, data: Dataset, signal: StepSignal
  ) throws -> [UnitCorrelation] {
    let (position, layer) = try model.recurrentLayer(number)
    var sums = [Sums](repeating: Sums(), count: layer.units)
    let chunk = 256
    for start in stride(from: 0, to: data.count, by: chunk) {
      try Cancellation.check()
      let end = Swift.min(data.count, start + chunk)
      let hidden = try model.trace(layer: position, on: data.features.rows(start..<end)).hidden
      for i in start..<end {
        let y = try self.signal(signal, in: data, sample: i)
        for (t, row) in HiddenSequence.steps(of: hidden, sample: i - start).enumerated() {
          for (u, value) in row.enumerated() { sums[u].add(value, y[t]) }
        }
      }
    }
    return ranked(sums.map { $0.r ?? .nan })
  }

  /// Units with their correlations, best first by |r|, NaN last, ties by unit.
  public static func ranked(_ rs: [Double]) -> [UnitCorrelation] {
    rs.enumerated().map { UnitCorrelation(unit: $0.offset, r: $0.element) }.sorted { a, b in
      let (x, y) = (a.r.isNaN ? -1 : abs(a.r), b.r.isNaN ? -1 : abs(b.r))
      return x != y ? x > y : a.unit < b.unit
    }
  }
}
