import NNVCore

/// Explaining what a network computes, with the numbers: `explain MODEL on SAMPLE` (one
/// sample's forward pass), `explain MODEL layer L unit U` (one unit), `explain step MODEL on
/// DATA` (one gradient step, checked by finite differences), and `step MODEL on DATA`, which
/// takes that step without the explanation.
extension Builtins {
  static let explanation: [Builtin] = [explain, step]

  /// What a step takes besides the model and the data: `train`'s options, for one batch.
  static let stepParameters: [Parameter] = [
    Parameter(
      "batch", .integer, default: "32 (every sample of smaller data)",
      "how many samples: the first of the data, in order, so the same step every time",
      limit: ResourceLimits.samples, bounds: .atLeast(1)),
    Parameter(
      "optimizer", .choice(optimizers), default: "sgd",
      "how the weights move; sgd by default because one step of it is w − lr·g, the rule to "
        + "learn (a fresh adam's first step moves every weight by about lr, whatever its "
        + "gradient); each step starts a fresh optimizer, with no momentum from the last"),
    Parameter(
      "lr", .number,
      default: "0.1 for sgd, momentum and nesterov (a step big enough to see), "
        + "else as `train`", "learning rate",
      bounds: .positive(hint: "typical rates are 0.001 to 0.1")),
    Parameter(
      "loss", .choice(losses), default: "sigmoid → bce, softmax → cce, else mse",
      "what is minimized; one that cannot learn with the last layer is refused, with the fix"),
    Parameter("l1", .number, default: "0", "L1 penalty rate on weights", bounds: .atLeast(0)),
    Parameter("l2", .number, default: "0", "L2 penalty rate on weights", bounds: .atLeast(0)),
    Parameter(
      "clip", .number, default: "none",
      "the largest global norm of the step's gradients; larger ones are scaled down to it",
      bounds: .positive(hint: "a norm such as 1 or 5")),
    Parameter(
      "seed", .integer, default: "the session seed", "seeds dropout masks", bounds: .atLeast(0)),
  ]

  static let explain = Builtin(
    "explain", .command,
    summary:
      "Explains with the numbers: one sample's forward pass layer by layer, one unit's "
      + "equation and what it responds to, or one gradient step with a finite-difference check.",
    parameters: [
      Parameter(
        "model", .model, positional: true, default: "none (with `step`)",
        "the model whose forward pass (`on`) or unit (`layer`, `unit`) is explained"),
      Parameter(
        "on", .any, default: "none",
        "one sample (a number, a list of numbers or a tensor) or a data set: its sample "
          + "`index`; with `layer`, data whose samples fire the unit most; with `step`, the "
          + "data whose first `batch` samples are the batch"),
      Parameter(
        "index", .integer, default: "0", "which sample of the data set, from 0",
        bounds: .atLeast(0)),
      Parameter(
        "target", .any, default: "the data set's; none for a sample written as numbers",
        "the target of a sample written as numbers, for its loss: a class number from 0 or a "
          + "class name, or the value(s) to predict"),
      Parameter(
        "layer", .integer, default: "none",
        "with `unit`: the layer, from 1 among the layers with weights (as `weights` counts)",
        bounds: .atLeast(1)),
      Parameter(
        "unit", .integer, default: "none", "with `layer`: the unit (a conv layer's filter), from 1",
        bounds: .atLeast(1)),
      Parameter(
        "step", .model, default: "none",
        "explain one gradient step of this model on the `on` data; the model keeps the new "
          + "weights (`explain step net on data`). Weights are named `w2[3,1]`, the weight from "
          + "input 3 to unit 1 of layer 2 (layers counted as `layer` counts them), and `b2[1]` "
          + "that unit's bias"),
    ] + stepParameters + viewParameters,
    example: """
      let data = xor(n: 40, seed: 1)
      model net { input 2; dense 3 tanh; dense 1 sigmoid }
      explain net on data index 0
      explain net on [0.5, -0.5] target 1
      explain net layer 1 unit 2 on data
      explain step net on data batch 8
      explain step net on data batch 8 optimizer adam lr 0.01 to "step.svg"
      """,
    body: .function(runExplain))

  static let step = Builtin(
    "step", .command,
    summary:
      "Takes one gradient step on the first samples of a data set (`train`'s options, one "
      + "batch) and prints the loss before and after.",
    parameters: [
      Parameter(
        "model", .model, positional: true, default: nil, "the model; it keeps the new weights"),
      Parameter("on", .dataset, default: nil, "the data; its first `batch` samples are the batch"),
    ] + stepParameters,
    example: """
      let data = xor(n: 40, seed: 1)
      model net { input 2; dense 3 tanh; dense 1 sigmoid }
      step net on data batch 8
      step net on data batch 8 optimizer sgd lr 0.5
      let change = step(net, on: data)
      print change.after < change.before
      """,
    body: .function(runStep))

  /// The clauses that belong to each form of `explain`.
  static let explainStepOnly = ["batch", "optimizer", "lr", "l1", "l2", "clip", "seed"]
  static let explainSampleOnly = ["index", "target"]
  static let explainUnitOnly = ["layer", "unit"]

  /// The first clause of `explain` that does not fit the others given, with what to write
  /// instead; nil when the clauses fit together. `onIsData` tells whether `on` is a data set,
  /// when that is known.
  static func explainProblem(
    given: Set<String>, onIsData: Bool?
  ) -> (message: Diagnostic.Message, at: String?)? {
    let hasModel = given.contains("model")
    let hasStep = given.contains("step")
    if hasModel && hasStep { return (.explainModelAndStep, "step") }
    if !hasModel && !hasStep { return (.explainWhat, nil) }
    if hasStep {
      if let word = (explainSampleOnly + explainUnitOnly).first(where: given.contains) {
        return (.explainNotForStep(word), word)
      }
      if !given.contains("on") { return (.explainStepNeedsData, "step") }
      if onIsData == false { return (.explainStepNeedsData, "on") }
      return nil
    }
    if let word = explainStepOnly.first(where: given.contains) {
      return (.explainOnlyForStep(word), word)
    }
    let layer = given.contains("layer")
    let unit = given.contains("unit")
    if layer != unit {
      return (.explainLayerAndUnit(missing: layer ? "unit" : "layer"), layer ? "layer" : "unit")
    }
    if layer {
      if let word = explainSampleOnly.first(where: given.contains) {
        return (.explainNotForUnit(word), word)
      }
      if onIsData == false { return (.explainUnitNeedsData, "on") }
      return nil
    }
    if !given.contains("on") { return (.explainWhat, "model") }
    if onIsData == true, given.contains("target") { return (.explainTargetOfData, "target") }
    if onIsData == false, given.contains("index") { return (.explainIndexOfNumbers, "index") }
    return nil
  }
}

extension Diagnostic.Message {
  static let explainModelAndStep = Self(
    "`explain` explains a model or a step, not both.",
    hint: "write `explain net on data` for a forward pass, or `explain step net on data` for "
      + "a gradient step")
  static let explainWhat = Self(
    "Explain what? `explain` needs a sample, a unit or a step.",
    hint: "write `explain net on data index 0`, `explain net layer 1 unit 1`, or "
      + "`explain step net on data`")
  static func explainNotForStep(_ word: String) -> Self {
    Self(
      "`\(word)` does not belong to `explain step`, which uses the first `batch` samples.",
      hint: "leave out `\(word)`; `explain net on data \(word) ...` explains one sample or unit")
  }
  static let explainStepNeedsData = Self(
    "`explain step` needs a data set after `on`: a step is taken on a batch of its samples.",
    hint: "write `explain step net on data batch 8`")
  static func explainOnlyForStep(_ word: String) -> Self {
    Self(
      "`\(word)` belongs to a gradient step, `explain step MODEL on DATA`.",
      hint: "write `explain step net on data \(word) ...`, or leave out `\(word)`")
  }
  static func explainLayerAndUnit(missing: String) -> Self {
    Self(
      "A unit is named by its layer and its number: `layer` and `unit` go together.",
      hint: "add `\(missing) 1`: `explain net layer 1 unit 1`")
  }
  static func explainNotForUnit(_ word: String) -> Self {
    Self(
      "`\(word)` does not belong to `explain MODEL layer L unit U`.",
      hint: "leave out `\(word)`; `on DATA` there lists the samples that fire the unit most")
  }
  static let explainUnitNeedsData = Self(
    "With `layer` and `unit`, `on` names a data set whose samples fire the unit most.",
    hint: "write `explain net layer 1 unit 1 on data`, or leave `on` out")
  static let explainTargetOfData = Self(
    "A sample of a data set has its own target.",
    hint: "leave out `target`; it is for a sample written as numbers, `explain net on [1, 0] "
      + "target 1`")
  static let explainIndexOfNumbers = Self(
    "`index` picks a sample of a data set, but `on` is one sample written as numbers.",
    hint: "leave out `index`, or give a data set: `explain net on data index 3`")
}
