import NNVCore
import NNVPlot

/// `diagnose`: the usual problems of a model on its data, found by `Diagnosis` in the core,
/// printed as a view and returned as a list of records a script can act on.
extension Builtins {
  static let diagnosis: [Builtin] = [diagnose]

  static let diagnose = Builtin(
    "diagnose", .command,
    summary:
      "Looks for the usual problems of a model on its data (dead units, vanishing gradients, overfitting, the learning rate, unscaled inputs, classes, output and loss, size) and says what to change; returns the findings as records.",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "the model"),
      Parameter("on", .dataset, default: nil, "the data it is trained on"),
      Parameter(
        "validate", .dataset, default: "none",
        "held-out data: the confused classes are counted on it, and without validation in the "
          + "history it shows overfitting as an accuracy gap"),
    ] + viewParameters,
    example: """
      let parts = split(moons(n: 200, noise: 0.2), test: 0.25)
      model net { input 2; dense 16 relu; dense 2 softmax }
      train net on parts.train epochs 20 lr 0.01 validate parts.test
      diagnose net on parts.train validate parts.test
      model blank { input 4; dense 8 relu init zeros; dense 1 sigmoid }
      let findings = diagnose(blank, on: iris())
      print findings[0].code, findings[0].severity, findings[0].evidence.classes
      print findings[0].suggestion
      """,
    body: .function(runDiagnose))

  static func runDiagnose(_ call: BuiltinCall) throws -> Value {
    guard let model = call.model("model")?.model, var data = call.dataset("on") else {
      return .none
    }
    var validation = call.dataset("validate")
    for (set, name) in [(data, "on")] + (validation.map { [($0, "validate")] } ?? []) {
      guard set.sampleShape == model.inputShape else {
        throw call.fail(
          .inputMismatch(model, set).hinted("diagnose a model on the kind of data it takes"),
          at: name)
      }
      guard set.count > 0 else { throw call.fail(.emptyData(set.name), at: name) }
    }
    data.name = call.argumentName("on") ?? data.name
    if let name = call.argumentName("validate") { validation?.name = name }
    let report = try Diagnosis.run(model, on: data, validation: validation)
    if call.has("to") || call.asStatement {
      _ = try show(call, DiagnosisView(report, options: try options(call)))
    }
    return .list(report.findings.map(record(of:)))
  }

  /// A finding as a script sees it: `code`, `severity`, `layer` (none when it concerns no
  /// layer), `message`, `suggestion` and `evidence`, a record of named numbers.
  static func record(of finding: Finding) -> Value {
    let evidence = finding.evidence.map { item -> (name: String, value: Value) in
      // A number that came from a Float reads as that Float (0.1, not 0.10000000149011612).
      let float = Float(item.value)
      let value = Double(float) == item.value ? NumberFormatting.double(float) : item.value
      return (item.name, .number(value))
    }
    return .record(
      Record([
        ("code", .string(finding.code.rawValue)),
        ("severity", .string(finding.severity.name)),
        ("layer", finding.layer.map { .string($0) } ?? .none),
        ("message", .string(finding.message)),
        ("suggestion", .string(finding.suggestion)),
        ("evidence", .record(Record(evidence))),
      ]))
  }
}

extension BuiltinCall {
  /// The argument `name` as written, when it is a name or a field of one (`parts.train`):
  /// what the findings call the data.
  func argumentName(_ name: String) -> String? {
    guard let range = ranges[name] else { return nil }
    let text = interpreter.currentSource.text(in: range)
    let allowed = text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
    return allowed && !text.isEmpty && text.count <= 40 ? text : nil
  }
}
