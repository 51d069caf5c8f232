/// A name for one trainable number of a model, as the explanations write it: `w2[3,1]` is the
/// weight from input 3 to unit 1 of layer 2, and `b2[1]` the bias of that unit.
///
/// Layers are counted from 1 among the layers with parameters (dense, conv and recurrent
/// layers), as `weights` counts them; the index is the number's place in its parameter's
/// tensor, each position counted from 1, in the tensor's own shape: `[input, unit]` for a
/// dense weight, `[filter, channel, row, column]` for a conv kernel, `[unit]` for a bias. The
/// letter says which parameter: `w` a weight matrix (a recurrent layer's input weights), `u` a
/// recurrent layer's recurrent weights, `b` a bias (a GRU's input bias), `c` a GRU's
/// recurrent bias.
public struct WeightName: Sendable, Hashable, CustomStringConvertible {
  /// Which parameter: `w`, `u`, `b` or `c`.
  public var symbol: String
  /// The layer, from 1 among the layers with parameters.
  public var layer: Int
  /// The position in the parameter's tensor, each from 1.
  public var index: [Int]
  /// What each position counts (`input`, `unit`; `filter`, `channel`, `row`, `column`), as
  /// the layer's kind says (`LayerPresentation.axes`); empty when it does not say.
  public var axes: [String]
  /// The layer's name (`dense_1`) and the parameter's (`weight`).
  public var layerName: String
  public var parameter: String

  public init(
    symbol: String, layer: Int, index: [Int], axes: [String] = [], layerName: String = "",
    parameter: String = "weight"
  ) {
    self.symbol = symbol
    self.layer = layer
    self.index = index
    self.axes = axes
    self.layerName = layerName
    self.parameter = parameter
  }

  public var description: String {
    "\(symbol)\(layer)[" + index.map(String.init).joined(separator: ",") + "]"
  }

  /// The letter of a parameter called `name` (`weight`, `recurrent_weight`, `bias`, ...).
  public static func symbol(forParameter name: String) -> String {
    switch name {
    case "recurrent_weight": "u"
    case "recurrent_bias": "c"
    case let other where other == "bias" || other.hasSuffix("_bias"): "b"
    default: "w"
    }
  }

  /// The name of element `element` (flat, row-major, from 0) of parameter `parameter` of the
  /// model's layer at `layerIndex` (from 0 among all layers); nil when there is no such number.
  public init?(_ model: Sequential, position: ParameterPosition) {
    let layers = model.layers
    guard layers.indices.contains(position.layer),
      let number = LayerNumbering.number(ofLayerAt: position.layer, in: model),
      layers[position.layer].parameters.indices.contains(position.parameter)
    else { return nil }
    let layer = layers[position.layer]
    let shape = layer.parameters[position.parameter].shape
    guard position.element >= 0, position.element < layer.parameters[position.parameter].count
    else { return nil }
    var rest = position.element
    var index = [Int](repeating: 0, count: shape.count)
    for axis in shape.indices.reversed() {
      let size = Swift.max(shape[axis], 1)
      index[axis] = rest % size + 1
      rest /= size
    }
    let names = layer.parameterNames
    let name = position.parameter < names.count ? names[position.parameter] : "weight"
    let axes = layer.presentation.axes[name] ?? []
    self.init(
      symbol: Self.symbol(forParameter: name), layer: number, index: index,
      axes: axes.count == index.count ? axes : [], layerName: layer.name, parameter: name)
  }
}

/// Where one trainable number lives: a layer (from 0 among all the model's layers), one of its
/// parameters (from 0, in `parameterNames` order) and an element of it (flat, row-major, from 0).
public struct ParameterPosition: Sendable, Hashable {
  public var layer: Int
  public var parameter: Int
  public var element: Int

  public init(layer: Int, parameter: Int, element: Int) {
    self.layer = layer
    self.parameter = parameter
    self.element = element
  }
}

/// How the explanations number a model's layers: from 1 among the layers with parameters
/// (dense, conv, recurrent), as `weights` does; flatten, pooling, dropout and activation layers
/// have no number.
public enum LayerNumbering {
  /// The number of the layer at `index` (from 0 among all layers), or nil when it has no
  /// parameters.
  public static func number(ofLayerAt index: Int, in model: Sequential) -> Int? {
    guard model.layers.indices.contains(index), !model.layers[index].parameters.isEmpty else {
      return nil
    }
    return model.layers[...index].filter { !$0.parameters.isEmpty }.count
  }

  /// The index among all layers (from 0) of the layer numbered `number`, if there is one.
  public static func index(ofLayerNumbered number: Int, in model: Sequential) -> Int? {
    guard number >= 1 else { return nil }
    var seen = 0
    for (i, layer) in model.layers.enumerated() where !layer.parameters.isEmpty {
      seen += 1
      if seen == number { return i }
    }
    return nil
  }

  /// A layer as the explanations write it: as in a model block, with a conv layer's kernel
  /// size, stride and padding (`conv 4 size 3 relu`).
  public static func written(_ layer: any Layer) -> String {
    let text = layer.written() ?? layer.kind
    guard let conv = layer as? Conv2D else { return text }
    var settings = " size \(conv.kernelSize)"
    if conv.stride != 1 { settings += " stride \(conv.stride)" }
    if conv.padding != .valid { settings += " padding \(conv.padding.rawValue)" }
    let words = text.split(separator: " ", maxSplits: 2).map(String.init)
    guard words.count >= 2 else { return text + settings }
    return words[0] + " " + words[1] + settings + (words.count > 2 ? " " + words[2] : "")
  }

  /// The names of the numbered layers, in order (`dense_1`, `dense_2`).
  public static func numberedNames(in model: Sequential) -> [String] {
    model.layers.filter { !$0.parameters.isEmpty }.map(\.name)
  }
}
