/// Attribution of one step of a sequence model's output: which earlier steps (and which of their
/// features) drove the prediction at step t.
///
/// A model with a row of outputs for every step, `[T, classes]`, has T·classes scores per
/// sample; the score explained is the target class's at step t, element t·classes + class of
/// the flattened output, so every method of `Attributor` applies unchanged. A model that gives
/// only the last step's outputs (`sequences false`) can be explained at its last step alone.
/// For a causal model (recurrent layers, then per-step layers) the steps after t get exactly
/// zero attribution: the output at t never saw them.
extension Attributor {
  /// Attributes the target scores at `step` of sequences `inputs` (a batch `[n, T, F]`, or
  /// one sample `[T, F]`) to every step and feature.
  ///
  /// - Parameters:
  ///   - step: the step explained, from 0 to T − 1.
  ///   - targets: one class per sample; each sample's predicted class at `step` when `nil`.
  /// - Returns: the attribution with `targets` the classes explained (not flattened) and
  ///   `step` set.
  /// - Throws: `AttributionError` for a model that is not over sequences or a step out of
  ///   range, and whatever `attribute(_:inputs:method:targets:seed:memoryBudget:)` throws.
  public static func attribute(
    _ model: Sequential, inputs: Tensor, method: AttributionMethod, step: Int,
    targets: [Int]? = nil, seed: UInt64 = 0, memoryBudget: Int = defaultMemoryBudget
  ) throws -> Attribution {
    try model.checkInput(inputs)
    let (steps, classes) = try stepLayout(model, step: step)
    let classesAtStep = try targets ?? predictedClasses(model, inputs, step: step)
    guard classesAtStep.allSatisfy({ $0 >= 0 && $0 < classes }) else {
      throw TensorError.indexOutOfRange("no such class among the \(classes) outputs of a step")
    }
    let offset = steps == 1 ? 0 : step * classes
    var result = try attribute(
      model, inputs: inputs, method: method, targets: classesAtStep.map { offset + $0 },
      seed: seed, memoryBudget: memoryBudget)
    result.targets = classesAtStep
    result.step = step
    return result
  }

  /// The number of output rows a sample has (T, or 1 for `sequences false`) and the classes
  /// of each; checks that `step` can be explained.
  static func stepLayout(_ model: Sequential, step: Int) throws -> (steps: Int, classes: Int) {
    guard model.inputShape.count == 2 else {
      throw AttributionError.invalidSettings(
        "\(model.name) does not read sequences [steps, features], so it has no steps")
    }
    let inputSteps = model.inputShape[0]
    guard step >= 0, step < inputSteps else {
      throw AttributionError.invalidSettings(
        "there is no step \(step): the sequences have steps 0 to \(inputSteps - 1)")
    }
    let output = model.outputShape
    if output.count == 2, output[0] == inputSteps { return (inputSteps, output[1]) }
    guard step == inputSteps - 1 else {
      throw AttributionError.invalidSettings(
        "\(model.name) predicts only after the last step (\(inputSteps - 1)), not at step "
          + "\(step)")
    }
    return (1, output.reduce(1, *))
  }

  /// Each sample's most likely class at `step` (its only output for one unit).
  public static func predictedClasses(
    _ model: Sequential, _ inputs: Tensor, step: Int
  ) throws -> [Int] {
    let (steps, classes) = try stepLayout(model, step: step)
    let outputs = try model.predict(inputs)
    let perSample = steps * classes
    let row = steps == 1 ? 0 : step
    let values = outputs.scalars
    return (0..<(values.count / Swift.max(perSample, 1))).map { i in
      guard classes > 1 else { return 0 }
      let base = i * perSample + row * classes
      var best = 0
      for c in 1..<classes where values[base + c] > values[base + best] { best = c }
      return best
    }
  }
}

extension Attribution {
  /// Each sample's attribution per step, `[n][T]`, for inputs `[n, T, F]`: how much each step
  /// drove the explained output. A step that is one-hot in `inputs` (a character, a bracket)
  /// gets the attribution of its hot feature, the one present; any other step the sum over
  /// its features. For gradient × input and Integrated Gradients from zeros the two agree (an
  /// absent feature gets nothing); for the plain gradient the hot feature's is what a little
  /// more of the character there would change, while the sum over every character one could
  /// have written would mean little.
  public func perStep(of inputs: Tensor) -> [[Double]] {
    guard values.rank == 3, inputs.count == values.count else { return [] }
    let (n, steps, features) = (values.shape[0], values.shape[1], values.shape[2])
    let x = inputs.scalars
    return (0..<n).map { i in
      (0..<steps).map { t in
        let base = (i * steps + t) * features
        let row = x[base..<(base + features)]
        if features > 1, row.allSatisfy({ $0 == 0 || $0 == 1 }),
          row.lazy.filter({ $0 == 1 }).count == 1, let hot = row.firstIndex(of: 1)
        {
          return Double(values.scalars[hot])
        }
        return values.scalars[base..<(base + features)].reduce(0.0) { $0 + Double($1) }
      }
    }
  }
}
