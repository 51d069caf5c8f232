extension UnitActivityCheck {
  /// The finding for a layer with many dead units: an error when none of them fires. In a
  /// trained model a learning rate too high is the usual cause; in an untrained one, the
  /// initial weights.
  static func dead(_ layer: LayerUnits, written: String?, samples: Int, trained: Bool) -> Finding {
    let count = layer.dead.count
    let fraction = Double(count) / Double(layer.units)
    let what = layer.channels ? "channels" : "relu units"
    let all = count == layer.units
    var message =
      "\(count) of \(layer.units) \(what) of \(layer.layer) (\(Diagnosis.percent(fraction))) "
      + "never fire on the \(Diagnosis.counted(samples, "sample")) looked at"
    message +=
      all
      ? ": nothing passes through the layer, and no gradient reaches it or the layers before it."
      : ", so they pass nothing on and get no gradient to recover."
    let leaky =
      written.map { "use `\(replacing("relu", with: "leaky_relu", in: $0))` instead of `\($0)`" }
      ?? "use `leaky_relu`"
    let fix =
      leaky + ", which keeps a small gradient below 0, "
      + (trained ? "or retrain with a smaller `lr`" : "or start from `init he_normal`")
    return Finding(
      .deadUnits, all ? .error : .warning, layer: layer.layer,
      evidence: [
        .init("dead", Double(count)),
        .init(layer.channels ? "channels" : "units", Double(layer.units)),
        .init("fraction", fraction), .init("samples", Double(samples)),
      ],
      message: message, suggestion: fix)
  }

  /// The finding for a layer with many saturated sigmoid or tanh units.
  static func saturated(
    _ layer: LayerUnits, written: String?, samples: Int, standardized: Bool
  ) -> Finding {
    let count = layer.saturated.count
    let fraction = Double(count) / Double(layer.units)
    let name = layer.activation.name
    let ends = layer.activation == .sigmoid ? "0 or 1" : "-1 or 1"
    let what = layer.channels ? "channels" : "\(name) units"
    let message =
      "\(count) of \(layer.units) \(what) of \(layer.layer) (\(Diagnosis.percent(fraction))) "
      + "stay within \(Diagnosis.number(LayerActivity.saturationMargin)) of \(ends) on every "
      + "one of the \(Diagnosis.counted(samples, "sample")) looked at, where their gradient "
      + "is almost 0."
    var fixes: [String] = []
    if !standardized { fixes.append("standardize the inputs (`standardize true` in `train`)") }
    let relu = written.map { replacing(name, with: "relu", in: $0) }
    fixes.append(relu.map { "use `\($0)`" } ?? "use `relu`")
    fixes.append("retrain with a smaller `lr`")
    return Finding(
      .saturatedUnits, .warning, layer: layer.layer,
      evidence: [
        .init("saturated", Double(count)),
        .init(layer.channels ? "channels" : "units", Double(layer.units)),
        .init("fraction", fraction), .init("samples", Double(samples)),
      ],
      message: message, suggestion: Diagnosis.alternatives(fixes))
  }

  /// `written` (`dense 16 relu`) with the word `old` replaced by `new`.
  static func replacing(_ old: String, with new: String, in written: String) -> String {
    written.split(separator: " ").map { $0 == old ? new : String($0) }.joined(separator: " ")
  }
}
