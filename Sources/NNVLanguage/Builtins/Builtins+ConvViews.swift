import NNVCore
import NNVPlot

/// The views of convolutional networks: what the layers make of one input image (`features`)
/// and the kernels a conv layer learned (`filters`). The maps and kernels come from NNVCore's
/// `FeatureMaps` and `ConvFilters`, the drawings from NNVPlot; these declarations check the
/// options and pick where the view goes.
extension Builtins {
  static let convViews: [Builtin] = [features, filters]

  static let features = Builtin(
    "features", .command,
    summary:
      "Shows what a convolutional network makes of one input image: the image and each conv "
      + "and pool layer's feature maps, a small heatmap per channel with its range.",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "a model with conv layers"),
      Parameter("on", .dataset, default: nil, "the data the input image is taken from"),
      Parameter("index", .integer, default: "0", "the input shown, counted from 0"),
      Parameter(
        "layer", .integer, default: "all",
        "only this layer's maps, counted from 1 among the layers with feature maps",
        bounds: .atLeast(1)),
    ] + viewParameters,
    example: """
      model cnn {
        input [1, 8, 8]; conv 4 size 3 relu; maxpool 2
        flatten; dense 10 softmax
      }
      features cnn on digits()
      features cnn on digits() index 5 layer 2
      features cnn on digits() to "features.svg"
      print shape(features(cnn, on: digits(), index: 5, layer: 1))
      """,
    body: .function(runFeatures))

  static let filters = Builtin(
    "filters", .command,
    summary:
      "Shows the kernels a conv layer learned (blue negative, white zero, red positive, one "
      + "scale per layer): little images, or a filters × channels grid for a deeper layer.",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "a model with conv layers"),
      Parameter(
        "layer", .integer, default: "1", "which conv layer, counted from 1 among the conv layers",
        bounds: .atLeast(1)),
    ] + viewParameters,
    example: """
      model cnn {
        input [1, 8, 8]; conv 4 size 3 relu; conv 2 size 3
        flatten; dense 10 softmax
      }
      train cnn on digits() epochs 1
      filters cnn
      filters cnn layer 2 to "filters.svg"
      """,
    body: .function(runFilters))

  static func runFeatures(_ call: BuiltinCall) throws -> Value {
    guard let model = call.model("model")?.model, let data = call.dataset("on") else {
      return .none
    }
    let layers = FeatureMaps.imageLayers(of: model)
    guard !layers.isEmpty else {
      throw call.fail(.needsConvLayer("features", model: call.modelText), at: "model")
    }
    guard model.inputShape == data.sampleShape else {
      throw call.fail(
        .inputMismatch(model, data).hinted("show the feature maps of data the model takes"),
        at: "on")
    }
    guard data.count > 0 else { throw call.fail(.emptyData(data.name), at: "on") }
    let index = call.integer("index") ?? 0
    guard index >= 0, index < data.count else {
      throw call.fail(.inputIndexOutOfRange(call.number("index") ?? 0, data), at: "index")
    }
    var layer: Int?
    if call.has("layer") {
      let number = try call.count("layer", default: 1)
      guard number <= layers.count else {
        throw call.fail(
          .noSuchImageLayer(number, names: layers.map { model.layers[$0].name }), at: "layer")
      }
      layer = number
    }
    if returnsNumbers(call), let layer {
      return try featureNumbers(model, data, index: index, layer: layer)
    }
    let view = try ModelViews.features(
      model, on: data, index: index, layer: layer, options: try options(call))
    return try show(call, view)
  }

  static func runFilters(_ call: BuiltinCall) throws -> Value {
    guard let model = call.model("model")?.model else { return .none }
    let layers = ConvFilters.convLayers(of: model)
    guard !layers.isEmpty else {
      throw call.fail(.needsConvLayer("filters", model: call.modelText), at: "model")
    }
    let number = try call.count("layer", default: 1)
    guard number <= layers.count,
      let view = ModelViews.filters(model, layer: number, options: try options(call))
    else {
      throw call.fail(
        .noSuchConvLayer(number, names: layers.map { model.layers[$0].name }), at: "layer")
    }
    return try show(call, view)
  }
}

extension Diagnostic.Message {
  static func needsConvLayer(_ command: String, model: String) -> Self {
    Self(
      "`\(command)` needs a conv layer; `\(model)` has none.",
      hint: "read the samples as images and add `conv 8 size 3`, as in "
        + "`model cnn { input [1, 8, 8]; conv 8 size 3 relu; maxpool 2; flatten; "
        + "dense 10 softmax }`")
  }
  static func noSuchImageLayer(_ number: Int, names: [String]) -> Self {
    Self(
      "There is no layer \(number) with feature maps; the model has \(names.count): "
        + Self.numbered(names) + ".",
      hint: "layers are counted from 1 among those with feature maps (conv and pool layers)")
  }
  static func noSuchConvLayer(_ number: Int, names: [String]) -> Self {
    Self(
      "There is no conv layer \(number); the model has \(names.count): "
        + Self.numbered(names) + ".",
      hint: "conv layers are counted from 1")
  }
  /// `1 conv_1, 2 maxpool_1`; the first 12, then `…`.
  static func numbered(_ names: [String]) -> String {
    let listed = names.prefix(12).enumerated().map { "\($0.offset + 1) \($0.element)" }
    return (listed + (names.count > 12 ? ["…"] : [])).joined(separator: ", ")
  }
}
