import NNVCore
import NNVPlot

/// Saliency: which input features a model's decision rests on (`saliency`), and whether a
/// saliency method explains the model at all (`sanity`). The attributions come from NNVCore's
/// `Attributor`, the charts from NNVPlot's `AttributionViews`; these declarations read the
/// options, check them and pick where the view goes.
extension Builtins {
  static let attribution: [Builtin] = [saliency, sanity, attributionFunction, gaps]

  /// The `method` words and what each computes.
  static let attributionMethods = [
    "gradient", "abs", "input", "smoothgrad", "smoothgrad2", "vargrad", "ig", "occlusion",
  ]

  /// The options that choose and tune a method, shared by `saliency` and `sanity`. Each
  /// setting names the methods it applies to in `methodsUsing` (keep the two in step).
  static let methodParameters: [Parameter] = [
    Parameter(
      "method", .choice(attributionMethods), default: "gradient",
      "gradient (signed), abs (|gradient|), input (gradient × input), smoothgrad, smoothgrad2 "
        + "(squared), vargrad (variance), ig (integrated gradients) or occlusion"),
    Parameter(
      "steps", .integer, default: "50", "integrated-gradients steps from the baseline",
      limit: ResourceLimits.attributionSteps),
    Parameter(
      "baseline", .choice(["zeros", "mean"]), default: "zeros",
      "where integrated gradients start: all zeros, or the data's mean input"),
    Parameter(
      "samples", .integer, default: "50", "noisy copies SmoothGrad and VarGrad average",
      limit: ResourceLimits.attributionSteps),
    Parameter(
      "noise", .number, default: "0.15",
      "SmoothGrad's noise, as a fraction of each input's range"),
    Parameter(
      "patch", .integer, default: "2 for images, 1 for features",
      "the side of the square occlusion hides in every channel (filled with 0)"),
    Parameter(
      "stride", .integer, default: "the patch",
      "how far the occlusion patch moves, from 1 to the patch (1 overlaps the patches)"),
    Parameter("seed", .integer, default: "the session seed", "seeds noise and random weights"),
  ]

  /// Which methods use each setting.
  static let methodsUsing: [String: [String]] = [
    "steps": ["ig"], "baseline": ["ig"], "samples": ["smoothgrad", "smoothgrad2", "vargrad"],
    "noise": ["smoothgrad", "smoothgrad2", "vargrad"], "patch": ["occlusion"],
    "stride": ["occlusion"],
  ]

  /// What `saliency`, `attribution` and `gaps` explain: the model, its inputs, the class, the
  /// input (`index`, described by each) and a sequence model's step.
  static func attributionInputs(index: Parameter) -> [Parameter] {
    [
      Parameter("model", .model, positional: true, default: nil, "the model"),
      Parameter("on", .dataset, default: nil, "the inputs to explain (all of them)"),
      Parameter(
        "target", .any, default: "each input's predicted class",
        "the class to explain, as a number from 0 or a class name"),
      index,
      Parameter(
        "step", .integer, default: "the last",
        "for a recurrent model, the step whose prediction is explained, from 0",
        bounds: .atLeast(0)),
    ]
  }

  static let saliency = Builtin(
    "saliency", .command,
    summary: "Shows which input features a model's decision rests on: maps over images, "
      + "bars per feature, arrows over a 2-D plane, steps along a sequence.",
    parameters: attributionInputs(
      index: Parameter(
        "index", .integer, default: "none (a sequence model: input 0)",
        "show only input number N, from 0"))
      + [
        Parameter(
          "count", .integer, default: "4 images, every point",
          "how many inputs to draw one by one (image rows, arrows)",
          limit: ResourceLimits.samples)
      ] + methodParameters + viewParameters,
    example: """
      let flowers = iris()
      model net { input 4; dense 8 tanh; dense 3 softmax }
      train net on flowers epochs 10 lr 0.05
      saliency net on flowers method ig steps 20
      saliency net on flowers index 0 method input to "iris-saliency.svg"
      let images = bars(n: 40)
      model cnn { input [1, 8, 8]; conv 4 size 3 relu; flatten; dense 2 softmax }
      saliency cnn on images count 2 method occlusion patch 2 stride 1
      let bits = parity(n: 100, length: 8, seed: 1)
      model reader { input [8, 1]; gru 8 sequences true; dense 2 softmax }
      saliency reader on bits index 3 step 5 method ig steps 20
      """,
    body: .function(runSaliency))

  static let sanity = Builtin(
    "sanity", .command,
    summary: "Checks a saliency method: compares the maps of the trained model with those of "
      + "randomized weights (Adebayo et al. 2018) and says whether they differ.",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "the trained model"),
      Parameter("on", .dataset, default: nil, "the inputs compared (all of them)"),
      Parameter(
        "count", .integer, default: "3", "image inputs shown side by side",
        limit: ResourceLimits.samples),
    ] + methodParameters + viewParameters,
    example: """
      let flowers = iris()
      model net { input 4; dense 8 tanh; dense 3 softmax }
      train net on flowers epochs 10 lr 0.05
      sanity net on flowers method gradient
      let check = sanity(net, on: flowers, method: "input")
      print check.correlation < 1
      """,
    body: .function(runSanity))

  // MARK: Running

  static func runSaliency(_ call: BuiltinCall) throws -> Value {
    guard let model = call.model("model")?.model, let data = call.dataset("on") else {
      return .none
    }
    try checkFits(call, model, data)
    if call.has("index"), call.has("count") { throw call.fail(.indexWithCount, at: "count") }
    let index = try inputIndex(call, data)
    let (method, baselineName) = try attributionMethod(call, model: model, data: data)
    let step = try sequenceStep(call, model)
    try checkImageCount(call, data)
    let request = AttributionViews.Request(
      method: method, baselineName: baselineName, target: try target(call, model, data),
      index: index, count: call.has("count") ? try call.count("count", default: 1) : nil,
      seed: try call.seed(), step: step)
    let options = try options(call)
    let view = try AttributionViews.saliency(model, on: data, request: request, options: options)
    return try show(call, view)
  }

  static func runSanity(_ call: BuiltinCall) throws -> Value {
    guard let model = call.model("model")?.model, let data = call.dataset("on") else {
      return .none
    }
    try checkFits(call, model, data)
    let (method, baselineName) = try attributionMethod(call, model: model, data: data)
    try checkImageCount(call, data)
    let report = try AttributionViews.sanity(
      model, on: data, method: method, baselineName: baselineName,
      count: try call.count("count", default: 3), seed: try call.seed(), options: try options(call))
    _ = try show(call, report.view)
    // Written to a file, the verdict still belongs in the session.
    if call.asStatement, call.has("to") {
      call.interpreter.output.write(report.verdict.joined(separator: "\n") + "\n")
    }
    let verdict = report.result.verdict
    return .record(
      Record([
        ("correlation", .number(NumberFormatting.double(verdict.correlation))),
        ("threshold", .number(NumberFormatting.double(verdict.threshold))),
        ("passed", .boolean(verdict.passed)),
      ]))
  }

  // MARK: Checking options

  /// The model takes the data's samples, and there are some.
  static func checkFits(_ call: BuiltinCall, _ model: Sequential, _ data: Dataset) throws {
    guard model.inputShape == data.sampleShape else {
      throw call.fail(.inputMismatch(model, data), at: "on")
    }
    guard data.count > 0 else { throw call.fail(.emptyData(data.name), at: "on") }
  }

  /// The input `index` names, checked against the data; nil when it is not given.
  static func inputIndex(_ call: BuiltinCall, _ data: Dataset) throws -> Int? {
    guard call.has("index") else { return nil }
    guard let i = call.integer("index"), i >= 0, i < data.count else {
      throw call.fail(.inputIndexOutOfRange(call.number("index") ?? 0, data), at: "index")
    }
    return i
  }

  /// The most image rows a view draws: more would make an SVG of many megabytes, and the
  /// mean map under the rows already covers every input.
  static let maximumImageRows = 100

  static func checkImageCount(_ call: BuiltinCall, _ data: Dataset) throws {
    guard case .image = AttributionViews.inputKind(data.sampleShape), call.has("count") else {
      return
    }
    let count = try call.count("count", default: 1)
    guard count <= maximumImageRows else {
      throw call.fail(.tooManyImages(count), at: "count")
    }
  }

  /// The method with its settings, checked, and a name for a `.sample` baseline; `named` is
  /// the method when the call has no `method` (`gaps`).
  static func attributionMethod(
    _ call: BuiltinCall, model: Sequential, data: Dataset, named: String? = nil
  ) throws -> (AttributionMethod, String?) {
    let name = named ?? call.string("method") ?? "gradient"
    for (option, methods) in methodsUsing.sorted(by: { $0.key < $1.key })
    where call.has(option) && !methods.contains(name) {
      throw call.fail(.optionNeedsMethod(option, methods: methods, given: name), at: option)
    }
    switch name {
    case "abs": return (.gradient(absolute: true), nil)
    case "input": return (.gradientTimesInput, nil)
    case "smoothgrad", "smoothgrad2", "vargrad":
      let samples = try bounded(
        call, "samples", default: 50, hint: "50 is usual; fewer is faster and noisier")
      let noise = call.number("noise") ?? 0.15
      guard noise >= 0, noise <= 1 else { throw call.fail(.noiseRange(noise), at: "noise") }
      let variant: AttributionMethod.SmoothGradVariant =
        name == "smoothgrad" ? .mean : name == "smoothgrad2" ? .squared : .variance
      return (.smoothGrad(samples: samples, noise: Float(noise), variant: variant), nil)
    case "ig":
      let steps = try bounded(
        call, "steps", default: 50,
        hint: "50 is usual; the completeness gap under the view says whether it was enough")
      guard call.string("baseline") == "mean" else {
        return (.integratedGradients(steps: steps, baseline: .zeros), nil)
      }
      let mean = try data.features.mean(axis: 0)
      return (
        .integratedGradients(steps: steps, baseline: .sample(mean)),
        "the mean input of \(data.name)"
      )
    case "occlusion":
      // An image's patch fits its height and width (a flat square image is one channel).
      var largest = 1
      let shape = data.sampleShape
      if shape.count >= 2 {
        largest = Swift.min(shape[shape.count - 2], shape[shape.count - 1])
      } else if case .image(let rows, let columns) = AttributionViews.inputKind(shape) {
        largest = Swift.min(rows, columns)
      }
      let patch = try call.count("patch", default: largest > 1 ? 2 : 1)
      guard patch <= largest else {
        throw call.fail(.patchTooLarge(patch, largest: largest, image: largest > 1), at: "patch")
      }
      let stride = try call.count("stride", default: patch)
      guard stride <= patch else {
        throw call.fail(.strideOverPatch(stride, patch: patch), at: "stride")
      }
      return (.occlusion(patch: patch, stride: stride, fill: 0), nil)
    default: return (.gradient(absolute: false), nil)
    }
  }

  /// A whole number from 1 to 10,000 (the core's limits for steps and samples).
  static func bounded(_ call: BuiltinCall, _ name: String, default value: Int, hint: String) throws
    -> Int
  {
    guard call.has(name) else { return value }
    guard let n = call.integer(name), n >= 1, ResourceLimits.attributionSteps.allows(n) else {
      throw call.fail(.settingRange(name, hint: hint), at: name)
    }
    return n
  }

  /// For a recurrent model, the step to explain (nil for the last); checks that the model has
  /// steps and that the step is one of them, and that `count` is not asked of it.
  static func sequenceStep(_ call: BuiltinCall, _ model: Sequential) throws -> Int? {
    guard AttributionViews.isSequenceModel(model) else {
      if call.has("step") { throw call.fail(.stepWithoutSequence(model.name), at: "step") }
      return nil
    }
    if call.has("count") { throw call.fail(.countOnSequences, at: "count") }
    guard call.has("step") else { return nil }
    let steps = model.inputShape[0]
    let outputSteps = model.outputShape.count == 2 ? model.outputShape[0] : 1
    guard let step = call.integer("step"), step >= 0, step < steps else {
      throw call.fail(.noSuchStep(call.number("step") ?? 0, steps: steps), at: "step")
    }
    guard outputSteps == steps || step == steps - 1 else {
      throw call.fail(.predictsAtTheEnd(model.name, last: steps - 1), at: "step")
    }
    return step
  }
}

extension Diagnostic.Message {
  static func stepWithoutSequence(_ model: String) -> Self {
    Self(
      "`step` applies to a recurrent model, and \(model) has no recurrent layer.",
      hint: "leave `step` out")
  }
  static let countOnSequences = Self(
    "A recurrent model's saliency shows one sequence at a time, so `count` does not apply.",
    hint: "write `index N` for sequence N (0 by default)")
  static func noSuchStep(_ value: Double, steps: Int) -> Self {
    Self(
      "There is no step \(NumberFormatting.format(value)); the sequences have steps 0 to "
        + "\(steps - 1).",
      hint: "leave `step` out to explain the last step, \(steps - 1)")
  }
  static func predictsAtTheEnd(_ model: String, last: Int) -> Self {
    Self(
      "\(model) predicts only after the last step, so it can be explained at step \(last) alone.",
      hint: "use `sequences true` on the recurrent layer for a prediction at every step")
  }
  static func inputMismatch(_ model: Sequential, _ data: Dataset) -> Self {
    Self(
      "\(model.name) takes inputs of shape \(Tensor.describe(model.inputShape)), but \(data.name) "
        + "has samples of shape \(Tensor.describe(data.sampleShape)).",
      hint: "explain a model on the kind of data it was trained on")
  }
  static func tooManyImages(_ count: Int) -> Self {
    Self(
      "A view shows at most \(Builtins.maximumImageRows) images, not \(count).",
      hint: "every input is attributed anyway: the mean map under the rows covers them all")
  }
  static let indexWithCount = Self(
    "`index` and `count` cannot be used together.",
    hint: "`index N` shows input N alone; `count N` the first N inputs")
  static func inputIndexOutOfRange(_ index: Double, _ data: Dataset) -> Self {
    Self(
      "There is no input \(NumberFormatting.format(index)) in \(data.name); its inputs are "
        + "numbered 0 to \(data.count - 1).",
      hint: "data sets count from 0, like `\(data.name)[0]`")
  }
  static func optionNeedsMethod(_ option: String, methods: [String], given: String) -> Self {
    let names = methods.map { "`method \($0)`" }.joined(separator: " or ")
    return Self(
      "`\(option)` applies only to \(names), not to `method \(given)`.",
      hint: "add `method \(methods[0])`, or leave `\(option)` out")
  }
  static func settingRange(_ name: String, hint: String) -> Self {
    Self(
      "`\(name)` must be a whole number from 1 to "
        + "\(ResourceLimit.grouped(ResourceLimits.attributionSteps.maximum)).",
      hint: hint)
  }
  static func noiseRange(_ noise: Double) -> Self {
    Self(
      "`noise` must be from 0 to 1 (a fraction of each input's range), not "
        + "\(NumberFormatting.format(noise)).",
      hint: "0.1 to 0.2 works well")
  }
  static func patchTooLarge(_ patch: Int, largest: Int, image: Bool) -> Self {
    Self(
      "A patch of \(patch) does not fit: "
        + (image
          ? "the images are \(largest) pixels across." : "features are occluded one at a time."),
      hint: image ? "use `patch 1` to `patch \(largest)`" : "leave `patch` out")
  }
  static func strideOverPatch(_ stride: Int, patch: Int) -> Self {
    Self(
      "A stride of \(stride) is larger than the patch of \(patch): the pixels between the "
        + "patches would never be hidden.",
      hint: "use `stride 1` to `stride \(patch)`, or a larger `patch`")
  }
}
