import NNVCore

/// `diagnose`: what `Diagnosis` found, one finding after another, most serious first, each
/// with its severity marked, its message, its evidence and what to change; or "no problems
/// found" with what was checked. The SVG draws each finding as a card with a bar in its
/// severity's colour.
public struct DiagnosisView: View {
  public var report: Diagnosis.Report
  public var options: ChartOptions

  public init(_ report: Diagnosis.Report, options: ChartOptions) {
    self.report = report
    self.options = options
  }

  /// The colour of each severity: red, amber, blue.
  static func color(_ severity: Finding.Severity) -> RGB {
    switch severity {
    case .error: RGB(hex: 0xC62828)
    case .warning: RGB(hex: 0xD98200)
    case .note: RGB(hex: 0x1F77B4)
    }
  }

  /// The mark before a finding: a shape in Unicode, a letter in ASCII.
  func mark(_ severity: Finding.Severity) -> String {
    let unicode = options.glyphs != .ascii
    switch severity {
    case .error: return unicode ? "✖" : "X"
    case .warning: return unicode ? "▲" : "!"
    case .note: return unicode ? "●" : "i"
    }
  }

  var title: String {
    options.title
      ?? "diagnosis of \(report.model) on \(report.data)"
      + (report.validation.map { ", validation \($0)" } ?? "")
  }

  /// `2 findings: 1 warning, 1 note`, or `no problems found`.
  var tally: String {
    let findings = report.findings
    guard !findings.isEmpty else { return "no problems found" }
    let parts = Finding.Severity.allCases.compactMap { severity -> String? in
      let n = findings.filter { $0.severity == severity }.count
      return n == 0 ? nil : "\(n) \(severity.name)\(n == 1 ? "" : "s")"
    }
    let count = findings.count == 1 ? "1 finding" : "\(findings.count) findings"
    return count + ": " + parts.joined(separator: ", ")
  }

  /// A finding's evidence as text: `dead 12 · units 16 · fraction 0.75`.
  func evidence(_ finding: Finding) -> String {
    finding.evidence.map { "\($0.name) \(Diagnosis.number($0.value))" }.joined(separator: " · ")
  }

  /// The checks that looked, and those that did not with their reasons.
  var checkedLines: (checked: String, skipped: [String]) {
    (
      report.checked.map(\.title).joined(separator: ", "),
      report.skipped.map { "\($0.check.title): \($0.reason)" }
    )
  }

  public func text() throws -> String {
    let width = options.columns
    var lines = Self.wrap(options.spelled(title), width: width, lead: "", indent: "  ")
    lines.append(tally)
    for finding in report.findings {
      try Cancellation.check()
      lines.append("")
      var head = "\(mark(finding.severity)) \(finding.severity.name)"
      if options.colored {
        let color = ANSIStyle.foreground(Self.color(finding.severity), options.colorMode)
        head = color + head + ANSIStyle.reset
      }
      head += "  \(finding.code.rawValue)" + (finding.layer.map { "  \($0)" } ?? "")
      lines.append(head)
      lines += Self.wrap(options.spelled(finding.message), width: width, lead: "  ", indent: "    ")
      lines += Self.wrap(
        options.spelled(evidence(finding)), width: width, lead: "  evidence  ",
        indent: "            ")
      lines += Self.wrap(
        options.spelled(finding.suggestion), width: width, lead: "  try       ",
        indent: "            ")
    }
    lines.append("")
    let (checked, skipped) = checkedLines
    lines += Self.wrap("checked: " + checked, width: width, lead: "", indent: "  ")
    if !skipped.isEmpty {
      lines.append("not checked:")
      for line in skipped {
        lines += Self.wrap(options.spelled(line), width: width, lead: "  ", indent: "    ")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `text` broken at spaces into lines of at most `width` characters: the first begins with
  /// `lead`, the others with `indent`. A word longer than a line stays whole.
  static func wrap(_ text: String, width: Int, lead: String, indent: String) -> [String] {
    var lines: [String] = []
    var line = lead
    var empty = true
    for word in text.split(separator: " ") {
      if !empty, line.count + 1 + word.count > width {
        lines.append(line)
        line = indent
        empty = true
      }
      line += (empty ? "" : " ") + word
      empty = false
    }
    lines.append(line)
    return lines
  }
}
