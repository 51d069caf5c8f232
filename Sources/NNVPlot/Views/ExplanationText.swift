import NNVCore

/// How the explanations write numbers and equations: fixed decimals, a true minus sign, a
/// negative factor in parentheses (`(−0.250)·1.000`), sums wrapped at the width under their
/// first term, and, with ASCII glyphs, `*`, `-` and `->` for `·`, `−` and `→`.
struct ExplanationText {
  var options: ChartOptions
  /// Decimals of weights, inputs, z and a.
  var decimals = 3

  var ascii: Bool { options.glyphs == .ascii }
  var width: Int { options.columns }

  /// `value` with `decimals` decimals and a minus sign (`−0.250`).
  func number(_ value: Double, decimals: Int? = nil) -> String {
    let text = NumberText.fixed(value, decimals: decimals ?? self.decimals)
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
  }

  func number(_ value: Float, decimals: Int? = nil) -> String {
    number(Double(value), decimals: decimals)
  }

  /// A number in parentheses when negative, as a factor or a term after `+`.
  func factor(_ value: Double, decimals: Int? = nil) -> String {
    let text = number(value, decimals: decimals)
    return value < 0 && text.hasPrefix("−") ? "(\(text))" : text
  }

  func factor(_ value: Float, decimals: Int? = nil) -> String {
    factor(Double(value), decimals: decimals)
  }

  /// About four significant digits (`0.2134`, `1.2e−05`), for gradients and norms.
  func short(_ value: Double) -> String {
    let text = NumberText.short(value)
    return text.replacingOccurrences(of: "-", with: "−")
  }

  /// `[0.500, −0.250]`.
  func list(_ values: [Float]) -> String {
    "[" + values.map { number($0) }.joined(separator: ", ") + "]"
  }

  /// `label = a + b + … = result`, the parts joined with ` + ` and wrapped at the width: a
  /// continued line starts under the first part. Without a result, `label = a + b + …`.
  func sum(_ label: String, _ parts: [String], result: String?, indent: Int) -> [String] {
    let parts = parts.map(spell)
    let result = result.map(spell)
    let head = String(repeating: " ", count: indent) + spell(label) + " = "
    let hang = String(repeating: " ", count: head.count)
    var lines: [String] = []
    var line = head
    for (k, part) in parts.enumerated() {
      let piece = (k == 0 ? "" : " + ") + part
      if line.count + piece.count > width, line != head {
        lines.append(line)
        line = hang + "+ " + part
      } else {
        line += piece
      }
    }
    if let result {
      let tail = " = " + result
      if line.count + tail.count > width {
        lines.append(line)
        line = hang + "= " + result
      } else {
        line += tail
      }
    }
    lines.append(line)
    return lines
  }

  /// Text wrapped at the width, continued lines indented by `indent` + 2.
  func wrap(_ text: String, indent: Int = 0) -> [String] {
    let pad = String(repeating: " ", count: indent)
    return NoteText.wrap(spell(text), width: Swift.max(11, width - indent)).map { pad + $0 }
  }

  /// The lines as the terminal shows them, each ending in a line break (see `spell`).
  func spelled(_ lines: [String]) -> String {
    spell(lines.joined(separator: "\n") + "\n")
  }

  /// With ASCII glyphs, `·` `−` `→` `Σ` `√` and the other signs spelled with ASCII
  /// characters; the text as it is otherwise. Text is spelled before it is wrapped, so that
  /// it is wrapped at its spelled width.
  func spell(_ text: String) -> String {
    guard ascii else { return text }
    var result = ""
    for character in text { result += Self.asciiSpelling[character] ?? String(character) }
    return result
  }

  static let asciiSpelling: [Character: String] = [
    "·": "*", "−": "-", "→": "->", "←": "<-", "Σ": "sum", "×": "x", "…": "...", "²": "^2",
    "√": "sqrt", "≈": "~", "φ": "f", "ε": "eps", "‴": "'''", "±": "+/-",
  ]

  /// An SVG page of the lines in a monospaced font, as wide as the longest.
  func page(_ lines: [String], title: String?) -> SVGDocument {
    let longest = lines.map(\.count).max() ?? 0
    let width = Swift.max(640, Double(longest) * 7.3 + 40)
    let top = title == nil ? 24.0 : 52
    var doc = SVGDocument(width: width, height: Double(lines.count) * 17 + top + 4)
    SVGAxes.title(&doc, title, width: width)
    doc.beginGroup([
      ("font-family", "DejaVu Sans Mono, Menlo, Consolas, monospace"), ("xml:space", "preserve"),
      ("class", "explanation"),
    ])
    for (k, line) in lines.enumerated() where !line.isEmpty {
      doc.text(line, x: 20, y: top + Double(k) * 17, size: 12)
    }
    doc.endGroup()
    return doc.titled(title)
  }
}
