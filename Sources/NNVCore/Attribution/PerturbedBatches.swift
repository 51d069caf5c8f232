/// The copies of the inputs that SmoothGrad, Integrated Gradients and occlusion run through the
/// model, built and run a chunk at a time.
///
/// n inputs with 10,000 noisy copies each are n·10,000 rows: as one tensor they could take
/// gigabytes. Here they are a virtual batch: each pass builds at most `rowsPerPass` rows, runs
/// them, hands the results on and lets the rows go, so memory stays within the budget the row
/// count was chosen for, whatever the number of copies or the size of an input. The rows are
/// built and their results handed on in order, so a method that accumulates them gets the same
/// sums in the same order as from one large batch. Between passes a cancelled `Cancellation`
/// token stops the work.
struct PerturbedBatches {
  let model: Sequential
  /// The most rows one pass builds.
  let rowsPerPass: Int

  /// What a pass computes for each row.
  enum Pass {
    /// The input gradient of the target score: `width` values per row.
    case gradients
    /// The target score alone (no backward pass): one value per row.
    case scores
  }

  /// Builds rows `0..<count` with `make`, runs them through the model chunk by chunk and hands
  /// each chunk's results to `consume`, in row order.
  ///
  /// - Parameters:
  ///   - target: the class explained for row `r`.
  ///   - make: writes row `r`'s `width` values into the buffer from the given offset.
  ///   - consume: receives the rows of a chunk and their results (`Pass`), row by row.
  func run(
    count: Int, pass: Pass, target: (Int) -> Int,
    make: (_ row: Int, _ buffer: inout [Float], _ offset: Int) -> Void,
    consume: (_ rows: Range<Int>, _ results: [Float]) throws -> Void
  ) throws {
    let width = model.inputShape.reduce(1, *)
    var start = 0
    while start < count {
      try Cancellation.check()
      let rows = start..<(start + Swift.min(rowsPerPass, count - start))
      var scalars = [Float](repeating: 0, count: rows.count * width)
      for r in rows { make(r, &scalars, (r - start) * width) }
      let batch = try Tensor(shape: [rows.count] + model.inputShape, scalars: scalars)
      let targets = rows.map(target)
      switch pass {
      case .gradients:
        try consume(
          rows, try InputGradient.compute(model, inputs: batch, targets: targets).gradients.scalars)
      case .scores:
        try consume(rows, try Attributor.targetScores(model, batch, targets))
      }
      start = rows.upperBound
    }
  }

  /// The rows one pass of `model` may take within `budget` bytes: each row holds its input and
  /// its gradient, and every layer's output, pre-activation and gradient. At least 1, at most
  /// `Attributor.maximumRows`.
  static func rowsPerPass(_ model: Sequential, budget: Int) -> Int {
    var bytes = 0
    for (k, shape) in ([model.inputShape] + model.outputShapes).enumerated() {
      let elements = shape.reduce(1) { saturating($0.multipliedReportingOverflow(by: $1)) }
      let perElement = k == 0 ? 8 : 12
      bytes = saturating(
        bytes.addingReportingOverflow(
          saturating(elements.multipliedReportingOverflow(by: perElement))))
    }
    return Swift.max(1, Swift.min(Attributor.maximumRows, budget / Swift.max(bytes, 1)))
  }

  /// Multiply-adds of one pass's forward pass, at most (about 10 ms with the backward pass):
  /// the copies of a wide model are run in fewer rows, so a Ctrl-C is heard between passes.
  static let maximumWork = 1 << 23

  /// `rowsPerPass` for the copies: also within `maximumWork`, and never fewer than 16 rows
  /// unless the budget says so.
  static func copyRowsPerPass(_ model: Sequential, budget: Int) -> Int {
    let rows = rowsPerPass(model, budget: budget)
    let work = saturating(
      model.parameterCount.addingReportingOverflow(model.inputShape.reduce(1, *)))
    return Swift.min(rows, Swift.max(16, maximumWork / Swift.max(work, 1)))
  }

  private static func saturating(_ result: (partialValue: Int, overflow: Bool)) -> Int {
    result.overflow ? Int.max : result.partialValue
  }
}
