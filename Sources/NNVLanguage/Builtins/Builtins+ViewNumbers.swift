import NNVCore

/// The numbers behind the views: called as a function without `to`, `activations`, `features`
/// (with `layer`), `hidden` and `weights` return what their view draws instead of its text, so
/// everything a view shows can be had as numbers. As statements, and with `to`, they still draw.
extension Builtins {
  /// Whether a view command returns its numbers: a call (not a statement) that writes no file.
  static func returnsNumbers(_ call: BuiltinCall) -> Bool {
    !call.asStatement && !call.has("to")
  }

  /// `activations(...)`: a record from each layer's name to its outputs for the first `samples`
  /// samples, a tensor `[N] + the layer's output shape`, in the order the layers run.
  static func activationNumbers(_ model: Sequential, _ data: Dataset, samples: Int) throws
    -> Value
  {
    let n = Swift.max(1, Swift.min(samples, data.count))
    let outputs = try model.layerOutputs(try data.features.rows(0..<n))
    return .record(
      Record(zip(model.layers, outputs).map { layer, output in (layer.name, .tensor(output)) }))
  }

  /// `features(..., layer: L)`: the feature maps of image layer L (from 1) for one sample, a
  /// tensor `[C, H, W]`.
  static func featureNumbers(_ model: Sequential, _ data: Dataset, index: Int, layer: Int)
    throws -> Value
  {
    let maps = try FeatureMaps.of(model, sample: try data.features.row(index), numbers: [layer])
    guard let found = maps.last(where: { $0.number == layer }) else { return .none }
    return .tensor(
      try Tensor(
        shape: [found.channels, found.height, found.width], scalars: found.values))
  }

  /// `hidden(...)`: recurrent layer `number`'s hidden states over sequence `index`, a tensor
  /// `[T, units]`; with `unit` U (from 1), that unit's states alone, `[T]`.
  static func hiddenNumbers(
    _ call: BuiltinCall, _ model: Sequential, _ data: Dataset, layer number: Int, index: Int
  ) throws -> Value {
    let (position, layer) = try model.recurrentLayer(number)
    let trace = try model.trace(layer: position, on: try data.features.row(index))
    let states = trace.hidden
    let units = states.shape.last ?? 0
    let steps = units > 0 ? states.count / units : 0
    guard call.has("unit") else { return .tensor(try states.reshaped([steps, units])) }
    let unit = try call.count("unit", default: 1)
    guard unit <= units else {
      throw call.fail(.noSuchUnit(unit, layer: layer.name, units: units), at: "unit")
    }
    let column = (0..<steps).map { states.scalars[$0 * units + unit - 1] }
    return .tensor(try Tensor(shape: [steps], scalars: column))
  }

  /// `weights(...)`: a record from each of the layer's parameter names (`weight`, `bias`; a
  /// recurrent layer's per-gate names) to its tensor, as the model holds and saves it (a dense
  /// layer's `weight` is `[inputs, outputs]`, a conv layer's `[filters, channels, k, k]`).
  static func weightNumbers(_ layer: any Layer) -> Value {
    .record(Record(zip(layer.parameterNames, layer.parameters).map { ($0, .tensor($1)) }))
  }
}
