import NNVCore

/// Static checks of `explain`: its clauses must fit one of its three forms (a sample, a unit,
/// a step), and the data or the sample written as numbers must fit the model, as far as the
/// script says. The same rule is applied when the statement runs (`Builtins.explainProblem`).
extension Checker {
  mutating func explainUse(of builtin: Builtin, _ bound: [String: Argument], at range: SourceRange)
  {
    guard builtin.name == Builtins.explain.name else { return }
    let on = bound["on"]
    var onIsData: Bool?
    if let on {
      if staticData(of: on.value) != nil {
        onIsData = true
      } else if Checker.literalSampleWidth(on.value) != nil {
        onIsData = false
      }
    }
    if let (message, place) = Builtins.explainProblem(given: Set(bound.keys), onIsData: onIsData) {
      report(message, at: place.flatMap { bound[$0]?.value.range } ?? range)
      return
    }
    if let stepArgument = bound["step"], let model = staticModel(of: stepArgument.value),
      let on, let data = staticData(of: on.value)
    {
      let name = source.text(in: stepArgument.value.range)
      if let input = model.inputShape, let sample = data.sampleShape,
        !Dataset.sameSize(input, sample)
      {
        report(
          .sampleShapeMismatch(
            model: name, input: input, data: data.name, sample: sample, training: true),
          at: on.value.range)
        return
      }
      lossUse(of: builtin, model, stepArgument, data, bound["loss"])
      return
    }
    if let subject = bound["model"], let model = staticModel(of: subject.value), let on {
      predictInput(model, name: source.text(in: subject.value.range), on.value)
    }
  }
}
