import NNVCore
import NNVPlot

/// What `hidden`, `gates` and `trajectory` do: check the model, the data, the layer, the index
/// and the unit, with an error at the argument and a hint for each, then build the view.
extension Builtins {
  /// The model, its data read in the model's shape, and the recurrent layer's number, checked.
  static func recurrentInputs(_ call: BuiltinCall) throws -> (Sequential, Dataset, Int)? {
    guard let model = call.model("model")?.model, let data = call.dataset("on") else {
      return nil
    }
    let layers = model.recurrentLayerIndices
    guard !layers.isEmpty else {
      throw call.fail(.needsRecurrentLayer(call.builtin.name, model: call.modelText), at: "model")
    }
    guard model.inputShape == data.sampleShape else {
      throw call.fail(
        .inputMismatch(model, data).hinted("show the sequences the model was trained on"),
        at: "on")
    }
    guard data.count > 0 else { throw call.fail(.emptyData(data.name), at: "on") }
    let number = try call.count("layer", default: 1)
    guard number <= layers.count else {
      throw call.fail(
        .noSuchRecurrentLayer(number, names: layers.map { model.layers[$0].name }), at: "layer")
    }
    return (model, data, number)
  }

  /// The sequence `index` names, checked against the data.
  static func sequenceIndex(_ call: BuiltinCall, _ data: Dataset) throws -> Int {
    let index = call.integer("index") ?? 0
    guard index >= 0, index < data.count else {
      throw call.fail(.inputIndexOutOfRange(call.number("index") ?? 0, data), at: "index")
    }
    return index
  }

  static func runHidden(_ call: BuiltinCall) throws -> Value {
    guard let (model, data, number) = try recurrentInputs(call) else { return .none }
    let options = try options(call)
    if call.has("top") {
      let top = try call.count("top", default: 10)
      let signal = try stepSignal(call)
      let ranked = try UnitCorrelations.rank(model, layer: number, data: data, signal: signal)
      let layer = try model.recurrentLayer(number).layer
      let steps = data.count * (data.sampleShape.first ?? 0)
      let view = UnitCorrelationView(
        Array(ranked.prefix(top)), layer: "\(layer.name) (\(layer.kind))",
        signal: signal.description,
        caption: ["\(model.name) on \(data.name): \(data.count) sequences, \(steps) steps"],
        options: options)
      return try show(call, view)
    }
    let index = try sequenceIndex(call, data)
    if returnsNumbers(call) {
      return try hiddenNumbers(call, model, data, layer: number, index: index)
    }
    let sequence = try HiddenSequence.of(model, layer: number, data: data, sample: index)
    let caption = ["\(model.name) on \(data.name) #\(index)"]
    if call.has("unit") {
      let unit = try call.count("unit", default: 1)
      guard unit <= sequence.units else {
        throw call.fail(.noSuchUnit(unit, layer: sequence.layer, units: sequence.units), at: "unit")
      }
      return try show(
        call, UnitTextView(sequence, unit: unit - 1, caption: caption, options: options))
    }
    return try show(call, HiddenStatesView(sequence, caption: caption, options: options))
  }

  /// The signal `signal` and `char` name.
  static func stepSignal(_ call: BuiltinCall) throws -> StepSignal {
    let name = call.string("signal") ?? (call.has("char") ? "char" : "target")
    switch name {
    case "position": return .position
    case "char":
      guard let text = call.string("char"), let data = call.dataset("on") else {
        throw call.fail(.signalNeedsChar, at: "signal")
      }
      let symbol =
        text.unicodeScalars.count == 1 && data.vocabulary != nil
        ? CharacterNames.name(of: text.unicodeScalars[text.unicodeScalars.startIndex]) : text
      guard data.featureNames.contains(symbol) else {
        throw call.fail(.noSuchSymbol(text, data), at: "char")
      }
      return .feature(symbol)
    default:
      if let data = call.dataset("on"), data.labels.isEmpty, data.values == nil {
        throw call.fail(.needsClasses(data.name), at: "on")
      }
      return .target
    }
  }

  static func runGates(_ call: BuiltinCall) throws -> Value {
    guard let (model, data, number) = try recurrentInputs(call) else { return .none }
    let layer = try model.recurrentLayer(number).layer
    guard !layer.cell.gateNames.isEmpty else {
      throw call.fail(.noGates(layer.name), at: call.has("layer") ? "layer" : "model")
    }
    let index = try sequenceIndex(call, data)
    let sequence = try HiddenSequence.of(model, layer: number, data: data, sample: index)
    let view = GateActivityView(
      sequence, caption: ["\(model.name) on \(data.name) #\(index)"], options: try options(call))
    return try show(call, view)
  }

  static func runTrajectory(_ call: BuiltinCall) throws -> Value {
    guard let (model, data, number) = try recurrentInputs(call) else { return .none }
    let count = Swift.min(try call.count("count", default: 20), data.count)
    let paths = try HiddenTrajectories.of(model, layer: number, data: data, count: count)
    let coloring = TrajectoryView.Coloring(rawValue: call.string("by") ?? "time") ?? .time
    if coloring == .class, !data.isClassification {
      throw call.fail(.needsClasses(data.name), at: "by")
    }
    let view = TrajectoryView(
      paths, coloring: coloring, caption: ["\(model.name) on \(data.name)"],
      options: try options(call))
    return try show(call, view)
  }
}

extension Diagnostic.Message {
  static func needsRecurrentLayer(_ command: String, model: String) -> Self {
    Self(
      "`\(command)` needs a recurrent layer; `\(model)` has none.",
      hint: "read sequences [steps, features] with `rnn`, `lstm` or `gru`, as in "
        + "`model m { input [12, 1]; lstm 8 sequences true; dense 2 softmax }`")
  }
  static func noSuchRecurrentLayer(_ number: Int, names: [String]) -> Self {
    Self(
      "There is no recurrent layer \(number); the model has \(names.count): "
        + Self.numbered(names) + ".",
      hint: "recurrent layers are counted from 1")
  }
  static func noSuchUnit(_ unit: Int, layer: String, units: Int) -> Self {
    Self(
      "There is no unit \(unit) in \(layer); its units are numbered 1 to \(units).",
      hint: "`hidden MODEL on DATA` shows them all; `top 5` finds the interesting ones")
  }
  static func noGates(_ layer: String) -> Self {
    Self(
      "\(layer) is an rnn layer, which has no gates.",
      hint: "gates belong to `lstm` and `gru` layers; `hidden` shows an rnn's states")
  }
  static var signalNeedsChar: Self {
    Self("`signal char` needs the symbol to follow.", hint: "write `char \"(\"`")
  }
  static func noSuchSymbol(_ text: String, _ data: Dataset) -> Self {
    Self(
      "\(data.name) has no symbol \"\(text)\"; its symbols are "
        + data.featureNames.prefix(40).joined(separator: " ") + ".",
      hint: "`char` names one step's symbol: a character of a text, a bracket")
  }
}
