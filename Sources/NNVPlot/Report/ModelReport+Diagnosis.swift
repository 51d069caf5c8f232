import Foundation
import NNVCore

/// The diagnosis at the top of the report: `Diagnosis.run` on the model and its data, each
/// finding as a card with its severity, message, evidence and what to try, in the words of
/// the `diagnose` view.
extension ModelReport {
  /// The section of `Diagnosis.run`'s findings on the training data (and validation data).
  ///
  /// - Throws: an error of the core when the model cannot run on the data;
  ///   `CancellationError`.
  func diagnosisSection() throws -> HTMLSection {
    let report = try Diagnosis.run(model, on: data, validation: validation)
    let validation = report.validation.map { " validate \($0)" } ?? ""
    var section = Self.diagnosisSection(report)
    section.body.append(
      .element(
        "p", ["class": "command"],
        [
          .text("In a terminal: "),
          .element("code", text: "diagnose \(report.model) on \(report.data)\(validation)"),
          .text("."),
        ]))
    return section
  }

  /// The findings of `report`, most serious first, and what was checked.
  public static func diagnosisSection(_ report: Diagnosis.Report) -> HTMLSection {
    let view = DiagnosisView(report, options: ChartOptions())
    var body: [HTMLMarkup] = []
    let cards = report.findings.map { finding -> HTMLMarkup in
      let severity = finding.severity.name
      var head: [HTMLMarkup] = [
        .element("span", ["class": "badge \(severity)"], text: severity),
        .element("span", ["class": "code"], text: finding.code.rawValue),
      ]
      if let layer = finding.layer {
        head.append(.element("span", ["class": "layer"], text: layer))
      }
      let evidence = finding.evidence.map {
        let name = $0.name.replacingOccurrences(of: "_", with: " ")
        return HTMLMarkup.element("li", text: "\(name) \(Diagnosis.number($0.value))")
      }
      return .element(
        "li", ["class": "finding \(severity)"],
        [
          .element("div", [:], head),
          .element("p", [:], [.withCode(finding.message)]),
          .element("ul", ["class": "evidence", "title": "evidence"], evidence),
          .element(
            "p", ["class": "suggestion"],
            [.element("strong", text: "Try: "), .withCode(finding.suggestion)]),
        ])
    }
    if cards.isEmpty {
      body.append(
        .element(
          "p", ["class": "finding clear"],
          [
            .element("span", ["class": "badge clear"], text: "healthy"),
            .text(" None of the checks below found a problem."),
          ]))
    } else {
      body.append(.element("ol", ["class": "findings"], cards))
    }
    let (checked, skipped) = view.checkedLines
    var checks: [HTMLMarkup] = [.element("p", [:], text: "Checked: \(checked).")]
    if !skipped.isEmpty {
      checks.append(.element("p", [:], text: "Not checked:"))
      checks.append(.element("ul", [:], skipped.map { .element("li", [:], [.withCode($0)]) }))
    }
    body.append(.element("div", ["class": "checks"], checks))
    let note = report.findings.isEmpty ? "no problems found" : view.tally
    return HTMLSection(id: "diagnosis", title: "Diagnosis", note: note, body: body)
  }
}

extension HTMLMarkup {
  /// `text` with its `backquoted` parts as code, as findings and hints write nnv syntax.
  public static func withCode(_ text: String) -> HTMLMarkup {
    let parts = text.split(separator: "`", omittingEmptySubsequences: false)
    // An unpaired backquote stays text.
    guard parts.count % 2 == 1 else { return .text(text) }
    return .joined(
      parts.enumerated().map { i, part in
        i % 2 == 1 ? .element("code", text: String(part)) : .text(String(part))
      })
  }
}
