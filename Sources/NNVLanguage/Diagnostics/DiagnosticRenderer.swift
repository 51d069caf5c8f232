/// Turns diagnostics into the text people read: the one place where they are formatted.
///
/// ```
/// xor.nnv:9:19: error: Unknown option 'epoch' for `train`.
/// train net on data epoch 300
///                   ^~~~~
/// hint: did you mean `epochs`?
/// ```
/// With `color`, the severity is bold red (errors) or bold magenta (warnings), the message bold,
/// the underline green and the hint cyan, as ANSI escapes; the executable decides when.
public struct DiagnosticRenderer: Sendable {
  public var color: Bool

  public init(color: Bool) {
    self.color = color
  }

  /// The diagnostic as lines of text, ending with a newline.
  public func render(_ diagnostic: Diagnostic) -> String {
    let source = diagnostic.source
    let (line, column) = source.location(of: diagnostic.range.start)
    let severity = diagnostic.severity.rawValue
    var out = style("\(source.name):\(line):\(column): ", .bold)
    out += style("\(severity):", diagnostic.severity == .error ? .boldRed : .boldMagenta)
    out += style(" \(diagnostic.message.text)", .bold) + "\n"
    let text = source.lineText(line)
    out += text + "\n"
    out += style(underline(diagnostic.range, line: line, text: text, in: source), .green) + "\n"
    if let hint = diagnostic.message.hint {
      out += style("hint:", .boldCyan) + " \(hint)\n"
    }
    return out
  }

  /// Renders `diagnostic`, which must point into `source` (kept for callers that hold both).
  public func render(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
    var copy = diagnostic
    copy.source = source
    return render(copy)
  }

  /// All diagnostics, one after another.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(render).joined()
  }

  /// The caret line: spaces (tabs kept, so it lines up) then `^~~~` under the span, cut at the
  /// end of the line for spans that continue onto the next.
  func underline(_ range: SourceRange, line: Int, text: String, in source: SourceFile) -> String {
    let (_, column) = source.location(of: range.start)
    let characters = Array(text)
    let prefix = characters.prefix(column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
    let endLine = source.line(of: max(range.start, range.end - 1))
    let endColumn =
      endLine == line && range.end > range.start
      ? source.location(of: range.end).column : characters.count + 1
    let width = max(1, endColumn - column)
    return prefix + "^" + String(repeating: "~", count: width - 1)
  }

  enum Style: String {
    case bold = "\u{1B}[1m"
    case boldRed = "\u{1B}[1;31m"
    case boldMagenta = "\u{1B}[1;35m"
    case boldCyan = "\u{1B}[1;36m"
    case green = "\u{1B}[32m"
  }

  func style(_ text: String, _ style: Style) -> String {
    color ? style.rawValue + text + "\u{1B}[0m" : text
  }
}
