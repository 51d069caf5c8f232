/// One bound on how much work or memory a request may ask for, with the words that name it.
///
/// Every size that comes from a script or a file is compared with one of these before anything
/// is allocated, so that a typo (`dense 80000000`) or a damaged model file gives a message naming
/// the limit instead of exhausting memory or trapping on an overflow.
public struct ResourceLimit: Sendable, Equatable, CustomStringConvertible {
  /// The largest amount allowed.
  public let maximum: Int
  /// What is counted, plural (`elements`).
  public let unit: String
  /// What the count is per (`per tensor`).
  public let scope: String

  public init(_ maximum: Int, _ unit: String, _ scope: String) {
    self.maximum = maximum
    self.unit = unit
    self.scope = scope
  }

  /// The limit as a phrase: `268,435,456 elements per tensor`.
  public var description: String { "\(ResourceLimit.grouped(maximum)) \(unit) \(scope)" }

  /// Whether `amount` is within the limit.
  public func allows(_ amount: Int) -> Bool { amount <= maximum }

  /// Throws `LimitError` naming `subject` when `amount` (nil after an overflow) exceeds the limit.
  ///
  /// - Parameter estimate: the amount as a floating-point number, for messages when `amount`
  ///   overflowed.
  public func check(_ amount: Int?, estimate: Double? = nil, for subject: String) throws {
    if let amount, amount <= maximum { return }
    throw LimitError(
      limit: self, subject: subject, requested: amount.map(Double.init) ?? estimate ?? .infinity)
  }

  /// A whole number with thousands separators: `10,000,000`.
  public static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (i, digit) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return value < 0 ? "-" + result : result
  }

  /// An amount for a message: grouped digits when it is a whole number below 10^18,
  /// otherwise in scientific notation (`1e+21`).
  public static func amount(_ value: Double) -> String {
    guard value.isFinite else { return "more than \(grouped(Int.max))" }
    if value == value.rounded(), abs(value) < 1e18 { return grouped(Int(value)) }
    var text = "\(value)"
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }
}

/// The resource limits of nnv, in one place.
///
/// They are far above what a lesson needs (the bundled digits set has 1,797 samples of 64
/// features) and well below what would exhaust a laptop's memory: the largest tensor is 1 GiB of
/// `Float`, and a model at the parameter limit trains with Adam in about 1 GiB (weights,
/// gradients and two moment estimates).
public enum ResourceLimits {
  /// Elements in one tensor: 2^28, 1 GiB of `Float`. Input samples, weight matrices, batches of
  /// outputs and one-hot targets are all tensors.
  public static let tensorElements = ResourceLimit(1 << 28, "elements", "per tensor")

  /// Trainable values in one model: 2^26 (256 MiB of weights).
  public static let modelParameters = ResourceLimit(1 << 26, "parameters", "per model")

  /// Layers in one model.
  public static let modelLayers = ResourceLimit(10_000, "layers", "per model")

  /// Values computed for one batch: the batch's samples times the sizes of the input and every
  /// layer's output, 2^26. Training keeps each of them and its gradient.
  public static let batchActivations = ResourceLimit(
    1 << 26, "values", "per batch (samples × the sizes of the input and every layer's output)")

  /// Samples in one generated data set, and samples per batch.
  public static let samples = ResourceLimit(10_000_000, "samples", "per data set")

  /// Targets of one data set with a target at every step (samples × steps): 2^25, 256 MiB of
  /// labels, so a long sequence cannot ask for gigabytes of them.
  public static let stepTargets = ResourceLimit(1 << 25, "targets", "per data set of sequences")

  /// Bytes of one text that `text` turns into sequences (a string or a file): 16 MiB, the
  /// most a string holds.
  public static let textBytes = ResourceLimit(16 << 20, "bytes", "per text")

  /// Characters `sample` generates in one call.
  public static let generatedCharacters = ResourceLimit(
    100_000, "characters", "per generated text")

  /// Epochs in one `train`.
  public static let epochs = ResourceLimit(1_000_000, "epochs", "per training run")

  /// Integrated-Gradients steps, or SmoothGrad samples, per attribution.
  public static let attributionSteps = ResourceLimit(
    10_000, "steps or samples", "per attribution")

  /// Grid cells per side of a decision-boundary or regression-surface view.
  public static let viewResolution = ResourceLimit(400, "cells", "per side of a view's grid")

  /// Bars in one histogram.
  public static let histogramBins = ResourceLimit(60, "bins", "per histogram")

  /// Terminal columns a view is drawn to.
  public static let viewWidth = ResourceLimit(1000, "columns", "per view")

  /// Every limit, for documentation and tests.
  public static let all: [ResourceLimit] = [
    tensorElements, modelParameters, modelLayers, batchActivations, samples, stepTargets,
    textBytes, generatedCharacters, epochs, attributionSteps, viewResolution, histogramBins,
    viewWidth,
  ]
}

/// A request that exceeds a resource limit.
public struct LimitError: Error, Equatable, CustomStringConvertible {
  /// The limit exceeded.
  public let limit: ResourceLimit
  /// What asked for too much: `a tensor of shape [100000, 100000]`.
  public let subject: String
  /// The amount asked for (infinite when it does not fit in an `Int`).
  public let requested: Double

  public init(limit: ResourceLimit, subject: String, requested: Double) {
    self.limit = limit
    self.subject = subject
    self.requested = requested
  }

  public var description: String {
    "\(subject) would need \(ResourceLimit.amount(requested)) \(limit.unit), over the limit of "
      + "\(limit)"
  }
}
