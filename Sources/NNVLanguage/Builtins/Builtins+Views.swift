import Foundation
import NNVCore
import NNVPlot

/// Views: charts of models, training and data, drawn in the terminal or written as SVG files
/// (`... to "name.svg"`). The charts themselves live in NNVPlot; these declarations only pick
/// the data, the options and where the result goes.
extension Builtins {
  static let views: [Builtin] = [diagram, history, weights, activations, boundary, plot, confusion]

  /// The clauses every view takes.
  static let viewParameters: [Parameter] = [
    Parameter(
      "to", .string, default: "the terminal",
      "a file to write instead: .svg for a drawing, .txt for the text view without colours",
      fileTypes: ViewFile.allCases.map(\.rawValue)),
    Parameter(
      "width", .integer, default: "the terminal's", "terminal columns to fit",
      limit: ResourceLimits.viewWidth, bounds: .atLeast(1)),
    Parameter(
      "color", .choice(ColorMode.allCases.map(\.rawValue)), default: "the terminal's",
      "terminal colours: truecolor, 256 or none (monochrome glyphs)"),
    Parameter(
      "ascii", .boolean, default: "false, true when TERM=dumb", "draw with ASCII characters only"),
  ]

  static func options(_ call: BuiltinCall) throws -> ChartOptions {
    let display = call.interpreter.display
    return display.chartOptions(
      width: try call.count("width", default: display.width, minimum: 1),
      color: call.string("color").flatMap(ColorMode.init(rawValue:)), ascii: call.boolean("ascii"),
      forTextFile: try viewFile(call) == .text)
  }

  /// The kinds of file a view is written to, named by their extensions.
  enum ViewFile: String, CaseIterable {
    case svg
    case text = "txt"
  }

  /// The kind of file `to` names, or nil for the terminal; an unsupported name is an error.
  static func viewFile(_ call: BuiltinCall) throws -> ViewFile? {
    guard let name = call.string("to"), let parameter = call.builtin.parameter(named: "to") else {
      return nil
    }
    let types = ViewFile.allCases.map(\.rawValue)
    if let problem = Parameter.fileTypeProblem(
      name, types, parameter: parameter, of: call.builtin)
    {
      throw call.fail(problem, at: "to")
    }
    let type = name.split(separator: ".").last.map { $0.lowercased() }
    return type.flatMap(ViewFile.init(rawValue:))
  }

  /// Prints the view's text, or writes it to the `to` file atomically and prints a
  /// confirmation: its SVG to an .svg file, its text to a .txt file (drawn without colours, as
  /// `options` sets for a text file). The one way every view command shows what it drew.
  ///
  /// The view is drawn in full before anything is written, and a view that fails to draw is
  /// an error: no file is written, or replaced, with an empty or partial document.
  /// Nothing is printed or written when the command was interrupted while the view was drawn.
  static func show(_ call: BuiltinCall, _ view: any View) throws -> Value {
    if let name = call.string("to"), let file = try viewFile(call) {
      let size = try write(call, file == .svg ? view.svg() : view.text())
      if call.asStatement {
        call.interpreter.output.write("wrote \(name) (\(NumberText.bytes(size)))\n")
      }
      return .string(name)
    }
    let rendered = try view.text()
    try Cancellation.check()
    if call.asStatement { try call.interpreter.output.show(view, text: rendered) }
    return .string(rendered)
  }

  /// Writes `document`, drawn in full, to the `to` file atomically (`AtomicFile`: only a
  /// regular file is replaced, and readers see the old file or the whole new one) and returns
  /// its size in bytes. An empty document or a file that cannot be written is an error at
  /// `to`; nothing is written when the command was interrupted while it was drawn.
  static func write(_ call: BuiltinCall, _ document: String) throws -> Int {
    let name = call.string("to") ?? ""
    guard !document.isEmpty else { throw call.fail(.emptyView(name), at: "to") }
    try Cancellation.check()
    let data = Data(document.utf8)
    do {
      try AtomicFile.write(data, to: call.path("to"))
    } catch {
      let reason = (error as? PersistenceError)?.reason ?? "\(error)"
      throw call.fail(.cannotWriteView(name, reason), at: "to")
    }
    return data.count
  }

  static let diagram = Builtin(
    "diagram", .command,
    summary:
      "Draws a model's architecture: layer blocks with shapes, and in SVG its neurons and weights (a convolutional network's feature maps as stacks).",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "the model"),
      Parameter(
        "direction", .choice(["vertical", "horizontal"]), default: "vertical",
        "how the layer blocks are laid out"),
    ] + viewParameters,
    example: """
      model net { input 2; dense 4 tanh; dense 1 sigmoid }
      diagram net
      diagram net direction horizontal
      diagram net to "net.svg"
      model cnn { input [1, 8, 8]; conv 4 size 3 relu; flatten; dense 2 softmax }
      diagram cnn to "cnn.svg"
      """,
    body: .function { call in
      guard let model = call.model("model")?.model else { return .none }
      let chart = ModelViews.diagram(
        model, horizontal: call.string("direction") == "horizontal", options: try options(call))
      return try show(call, chart)
    })

  static let history = Builtin(
    "history", .command,
    summary: "Plots training curves (loss and accuracy per epoch, train and validation) of models.",
    parameters: [
      Parameter(
        "model", .any, positional: true, default: nil, "a model, or a list of models to compare"),
      Parameter("log", .boolean, default: "false", "a log scale for the loss"),
      Parameter("smooth", .number, default: "0", "exponential smoothing from 0 (none) to 0.99"),
    ] + viewParameters,
    example: """
      let data = xor(n: 64)
      model net { input 2; dense 4 tanh; dense 1 sigmoid }
      train net on data epochs 5 validate data
      history net
      history [net] log true to "history.svg"
      """,
    body: .function { call in
      let value = call.values["model"] ?? .none
      var models: [Sequential] = []
      if case .model(let reference) = value {
        models = [reference.model]
      } else if let elements = value.elements {
        for element in elements {
          guard case .model(let reference) = element else {
            throw call.fail(.needsModels(value), at: "model")
          }
          models.append(reference.model)
        }
      } else {
        throw call.fail(.needsModels(value), at: "model")
      }
      guard models.contains(where: { !$0.history.epochs.isEmpty }) else {
        throw call.fail(.noHistory(models.map(\.name)), at: "model")
      }
      let smoothing = call.number("smooth") ?? 0
      guard smoothing >= 0, smoothing < 1 else { throw call.fail(.smoothingRange, at: "smooth") }
      let view = HistoryView(
        models, logY: call.boolean("log") == true, smoothing: smoothing, options: try options(call))
      return try show(call, view)
    })

  static let weights = Builtin(
    "weights", .command,
    summary:
      "Shows a layer's weight matrix as a heatmap (blue negative, white zero, red positive), or a conv layer's kernel values, and histograms of every layer's weights and biases; as a function, returns the layer's tensors.",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "the model"),
      Parameter(
        "layer", .integer, default: "1",
        "which layer's weights to show, from 1, counting the dense and conv layers",
        bounds: .atLeast(1)),
      Parameter(
        "over", .choice(["epochs"]), default: "none",
        "`over epochs`: how each layer's weight distribution moved during training"),
    ] + viewParameters,
    example: """
      model net { input 2; dense 4 tanh; dense 1 sigmoid }
      weights net
      weights net layer 2 to "weights.svg"
      train net on xor(n: 64) epochs 20
      weights net over epochs
      model cnn { input [1, 8, 8]; conv 4 size 3 relu; flatten; dense 10 softmax }
      weights cnn layer 1
      print shape(weights(net, layer: 1).weight)
      """,
    body: .function { call in
      guard let model = call.model("model")?.model else { return .none }
      if call.string("over") != nil {
        let view = WeightsOverEpochsView(model, options: try options(call))
        guard !view.isEmpty else { throw call.fail(.noHistory([model.name]), at: "model") }
        return try show(call, view)
      }
      let names = ModelViews.weightLayers(model).map(\.name)
      guard !names.isEmpty else { throw call.fail(.noWeights(model.name), at: "model") }
      let index = try call.count("layer", default: 1)
      guard index <= names.count else { throw call.fail(.noSuchLayer(index, names), at: "layer") }
      let name = names[index - 1]
      if returnsNumbers(call), let layer = model.layers.first(where: { $0.name == name }) {
        return weightNumbers(layer)
      }
      guard let view = WeightsView(model, layer: index - 1, options: try options(call)) else {
        throw call.fail(.noSuchLayer(index, names), at: "layer")
      }
      return try show(call, view)
    })

  static let activations = Builtin(
    "activations", .command,
    summary:
      "Shows each layer's outputs for a batch (rows samples, columns units, or channels of conv and pool layers), flagging dead and saturated units.",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "the model"),
      Parameter("on", .dataset, default: nil, "the data; its first `samples` samples are used"),
      Parameter(
        "samples", .integer, default: "32", "how many samples", limit: ResourceLimits.samples,
        bounds: .atLeast(1)),
    ] + viewParameters,
    example: """
      let data = xor(n: 40)
      model net { input 2; dense 6 relu; dense 1 sigmoid }
      activations net on data samples 16
      model cnn { input [1, 8, 8]; conv 4 size 3 relu; flatten; dense 2 softmax }
      activations cnn on bars(n: 20) samples 8
      let outputs = activations(net, on: data, samples: 4)
      print shape(outputs.dense_1)
      """,
    body: .function { call in
      guard let model = call.model("model")?.model, let data = call.dataset("on") else {
        return .none
      }
      guard data.count > 0 else { throw call.fail(.emptyData(data.name), at: "on") }
      let samples = try call.count("samples", default: 32)
      if returnsNumbers(call) { return try activationNumbers(model, data, samples: samples) }
      let layers = try ModelViews.activations(model, on: data, limit: samples)
      return try show(call, ActivationsView(layers, options: try options(call)))
    })

  static let boundary = Builtin(
    "boundary", .command,
    summary:
      "Draws a classifier's decision over its 2-D input plane with the data on top (for regression the output surface, or a 1-D model's fitted curve).",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "the model, with 2 inputs (or 1)"),
      Parameter("on", .dataset, default: nil, "the training data, drawn as filled points"),
      Parameter("test", .dataset, default: "none", "test data, drawn as hollow points"),
      Parameter(
        "resolution", .integer, default: "120", "grid cells per side in the SVG",
        limit: ResourceLimits.viewResolution, bounds: .atLeast(2)),
    ] + viewParameters,
    example: """
      let parts = split(moons(n: 120), test: 0.25)
      model net { input 2; dense 8 tanh; dense 2 softmax }
      train net on parts.train epochs 20 lr 0.03
      boundary net on parts.train test parts.test
      boundary net on parts.train to "boundary.svg"
      """,
    body: .function { call in
      guard let model = call.model("model")?.model, let data = call.dataset("on") else {
        return .none
      }
      let test = call.dataset("test")
      guard model.inputShape == [1] || model.inputShape == [2] else {
        throw call.fail(.needsPlane(model.inputShape), at: "model")
      }
      // The data must be what the model takes: a 1-input model's curve over 2-feature data
      // would plot the features one after another as if they were one.
      for (set, name) in [(data, "on")] + (test.map { [($0, "test")] } ?? [])
      where set.sampleShape != model.inputShape {
        throw call.fail(
          .inputMismatch(model, set).hinted("draw a model's boundary over data with its inputs"),
          at: name)
      }
      // Checked against its declared bounds (2 or more) and limit (400) before this runs.
      let resolution = call.integer("resolution") ?? BoundaryView.defaultResolution
      let view = BoundaryView(
        model, train: data, test: test, resolution: resolution, options: try options(call))
      return try show(call, view)
    })

  static let confusion = Builtin(
    "confusion", .command,
    summary:
      "Shows a classifier's confusion matrix on a data set with each class's precision and recall.",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "the classifier"),
      Parameter("on", .dataset, default: nil, "labelled data"),
    ] + viewParameters,
    example: """
      let data = xor(n: 40)
      model net { input 2; dense 4 tanh; dense 1 sigmoid }
      confusion net on data
      """,
    body: .function { call in
      guard let model = call.model("model")?.model, let data = call.dataset("on") else {
        return .none
      }
      guard data.isClassification else { throw call.fail(.needsClasses(data.name), at: "on") }
      guard data.count > 0 else { throw call.fail(.emptyData(data.name), at: "on") }
      var o = try options(call)
      o.title = "\(model.name) on \(data.name)"
      let chart = try ModelViews.confusion(model, on: data, options: o)
      return try show(call, chart)
    })
}

extension Diagnostic.Message {
  static func emptyView(_ path: String) -> Self {
    Self(
      "The view for '\(path)' came out empty, so nothing was written.", hint: "please report this")
  }
  static func cannotWriteView(_ path: String, _ reason: String) -> Self {
    Self(
      "Cannot write '\(path)': \(reason).",
      hint: "nnv writes regular files only, in a folder that exists and is writable")
  }
  static func needsModels(_ value: Value) -> Self {
    Self(
      "Expect a model or a list of models, not \(value.kindName).",
      hint: "write `history net` or `history [a, b]`")
  }
  static func noHistory(_ names: [String]) -> Self {
    Self(
      "\(names.joined(separator: ", ")) has no training history yet.",
      hint: "train it first: `train \(names.first ?? "net") on data`")
  }
  static let smoothingRange = Self(
    "`smooth` must be at least 0 and below 1.", hint: "0.6 is a gentle smoothing")
  static func noWeights(_ name: String) -> Self {
    Self("\(name) has no dense or conv layers, so no weights to show.")
  }
  static func noSuchLayer(_ index: Int, _ names: [String]) -> Self {
    let listed = names.enumerated().map { "\($0.offset + 1) \($0.element)" }
    return Self(
      "There is no layer \(index) with weights; the model has \(names.count): "
        + listed.joined(separator: ", ") + ".",
      hint: "layers are counted from 1, among the dense and conv layers")
  }
  static func emptyData(_ name: String) -> Self { Self("\(name) has no samples.") }
  static func needsPlane(_ shape: [Int]) -> Self {
    Self(
      "A decision boundary needs 2 input features (or 1 for a fitted curve), not \(Tensor.describe(shape)).",
      hint: "for other models try `confusion` or `activations`")
  }
  static func needsClasses(_ name: String) -> Self {
    Self("\(name) has no class labels; a confusion matrix needs a classification data set.")
  }
}
