import NNVCore

/// The diagram's picture of a convolutional network: which layers are stacks of feature maps
/// and which are columns of units, with the dense layers' weights.
extension ModelViews {
  /// The stages of a model on images `[C, H, W]`: the input and every conv and pooling layer as
  /// maps, the first flat layer after them (flatten) and every dense layer as units. Layers
  /// that only change values in place (dropout, activations) are not stages. Empty for a model
  /// on flat inputs.
  public static func mapStages(_ model: Sequential) -> [NetworkDiagram.Stage] {
    let input = model.inputShape
    guard input.count == 3 else { return [] }
    var stages = [
      NetworkDiagram.Stage(
        name: "input", role: .input, detail: "",
        kind: .maps(channels: input[0], height: input[1], width: input[2], window: nil))
    ]
    for (layer, shape) in zip(model.layers, model.outputShapes) {
      let previous = stages.last?.kind
      if shape.count == 3 {
        guard layer.presentation.diagram == .block else { continue }
        let window = layer.registeredKind?.configuration(of: layer).integer("size")
        let activation = layer.activation == .linear ? "" : ", \(layer.activation.name)"
        stages.append(
          NetworkDiagram.Stage(
            name: layer.name, role: layer is Conv2D ? .filters : .windows,
            detail: layer.kind + (window.map { " \($0)×\($0)" } ?? "") + activation,
            kind: .maps(channels: shape[0], height: shape[1], width: shape[2], window: window)))
        continue
      }
      let count = shape.reduce(1, *)
      if let matrix = layer.weightMatrix {
        let fits: Bool = {
          if case .units(let inputs)? = previous { return inputs == matrix.inputs }
          return false
        }()
        stages.append(
          NetworkDiagram.Stage(
            name: layer.name, role: .other,
            detail: layer.kind + (layer.activation == .linear ? "" : ", \(layer.activation.name)"),
            kind: .units(count),
            weights: fits
              ? Matrix(
                rows: matrix.inputs, columns: matrix.outputs,
                values: matrix.weight.scalars.map(Double.init)) : nil))
      } else if case .maps? = previous {
        stages.append(
          NetworkDiagram.Stage(
            name: layer.name, role: .other, detail: layer.kind, kind: .units(count)))
      }
    }
    return stages
  }
}
