import NNVPlot

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
///
/// Output stays bounded whatever the input: at most `maximumShown` diagnostics, then one line
/// counting the rest, and a quoted line cut to `maximumLineWidth` columns around the caret.
/// Control characters in the message, hint, name and quoted line are shown escaped
/// (`TerminalText`), so a script's stray bytes cannot act on the terminal.
public struct DiagnosticRenderer: Sendable {
  public var color: Bool

  /// How many diagnostics are rendered; the rest are counted in one line.
  public static let maximumShown = 20
  /// How many columns of a source line are quoted, around the caret.
  public static let maximumLineWidth = 200

  public init(color: Bool) {
    self.color = color
  }

  /// The diagnostic as lines of text, ending with a newline.
  public func render(_ diagnostic: Diagnostic) -> String {
    let source = diagnostic.source
    let (line, column) = source.location(of: diagnostic.range.start)
    // A stop by Ctrl-C is what the user asked for, not a mistake: `stopped:`, in cyan.
    let stopped = diagnostic.stage == .interrupted
    let severity = stopped ? "stopped" : diagnostic.severity.rawValue
    let name = TerminalText.escaped(source.name, keepingLayout: false)
    var out = style("\(name):\(line):\(column): ", .bold)
    let color: Style =
      stopped ? .boldCyan : diagnostic.severity == .error ? .boldRed : .boldMagenta
    out += style("\(severity):", color)
    out += style(" \(TerminalText.escaped(diagnostic.message.text))", .bold) + "\n"
    let quoted = quote(diagnostic.range, line: line, in: source)
    out += quoted.text + "\n"
    out += style(quoted.underline, .green) + "\n"
    if let hint = diagnostic.message.hint {
      out += style("hint:", .boldCyan) + " \(TerminalText.escaped(hint))\n"
    }
    return out
  }

  /// Renders `diagnostic`, which must point into `source` (kept for callers that hold both).
  public func render(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
    var copy = diagnostic
    copy.source = source
    return render(copy)
  }

  /// The first `maximumShown` diagnostics, one after another, then a line counting the rest.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    let out = diagnostics.prefix(Self.maximumShown).map(render).joined()
    let rest = diagnostics.dropFirst(Self.maximumShown)
    let stopped = rest.contains { $0.message == .tooManyErrors }
    let count = rest.count - (stopped ? rest.filter { $0.message == .tooManyErrors }.count : 0)
    guard count > 0 else { return out }
    let line =
      stopped
      ? "and at least \(count) more errors (nnv stopped reading after "
        + "\(Diagnostic.maximumCollected))"
      : "and \(count) more error\(count == 1 ? "" : "s")"
    return out + style(line, .bold) + "\n"
  }

  /// The quoted line and the caret line under it: `^~~~` under the span, cut at the end of the
  /// line for spans that continue onto the next, and tabs kept so it lines up. A line wider
  /// than `maximumLineWidth` columns is cut around the caret, with `…` where text was left out;
  /// only the bytes near the caret are read, so a line of megabytes costs no more than a short
  /// one.
  func quote(_ range: SourceRange, line: Int, in source: SourceFile)
    -> (text: String, underline: String)
  {
    let bytes = source.bytes
    let lineBytes = source.lineBytes(line)
    let caret = Swift.min(Swift.max(range.start, lineBytes.lowerBound), lineBytes.upperBound)
    // Enough bytes either side to fill the width with 4-byte characters, cut at whole scalars.
    let radius = 4 * Self.maximumLineWidth
    var low = Swift.max(lineBytes.lowerBound, caret - radius)
    while low < caret, bytes[low] & 0xC0 == 0x80 { low += 1 }
    var high = Swift.min(lineBytes.upperBound, caret + radius)
    while high > caret, high < lineBytes.upperBound, bytes[high] & 0xC0 == 0x80 { high -= 1 }
    let spanEnd = Swift.min(Swift.max(range.end, caret), lineBytes.upperBound, high)
    let before = cells(bytes[low..<caret])
    let after = cells(bytes[caret..<high])
    let spanCount = String(decoding: bytes[caret..<spanEnd], as: UTF8.self).count
    let all = before + after
    let first = before.count
    let window = visibleWindow(all.map(\.count), around: first)
    let cutLeft = window.lowerBound > 0 || low > lineBytes.lowerBound
    let cutRight = window.upperBound < all.count || high < lineBytes.upperBound
    let text = (cutLeft ? "…" : "") + all[window].joined() + (cutRight ? "…" : "")
    var underline = cutLeft ? " " : ""
    for cell in all[window.lowerBound..<first] {
      underline += cell == "\t" ? "\t" : String(repeating: " ", count: cell.count)
    }
    let last = Swift.min(first + Swift.max(1, spanCount), window.upperBound)
    let width = first < last ? all[first..<last].reduce(0) { $0 + $1.count } : 1
    underline += "^" + String(repeating: "~", count: Swift.max(0, width - 1))
    return (text, underline)
  }

  /// Each character of `bytes` as it is shown: control characters escaped (so some take more
  /// columns), tabs kept.
  func cells(_ bytes: ArraySlice<UInt8>) -> [String] {
    String(decoding: bytes, as: UTF8.self).map { character in
      character == "\t" ? "\t" : TerminalText.escaped(String(character), keepingLayout: false)
    }
  }

  /// The cells to show, at most `maximumLineWidth` columns wide: about half before the caret's
  /// cell `index`, the rest after it, and more before it when the line ends sooner.
  func visibleWindow(_ widths: [Int], around index: Int) -> Range<Int> {
    let limit = Self.maximumLineWidth
    guard widths.reduce(0, +) > limit else { return 0..<widths.count }
    var lower = index
    var used = index < widths.count ? widths[index] : 0
    while lower > 0, used + widths[lower - 1] <= limit / 2 {
      lower -= 1
      used += widths[lower]
    }
    var upper = Swift.min(index + 1, widths.count)
    while upper < widths.count, used + widths[upper] <= limit {
      used += widths[upper]
      upper += 1
    }
    while lower > 0, used + widths[lower - 1] <= limit {
      lower -= 1
      used += widths[lower]
    }
    return lower..<upper
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
