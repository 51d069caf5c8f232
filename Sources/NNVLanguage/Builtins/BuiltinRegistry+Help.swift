import Foundation

/// Help text and the README table, generated from the declarations.
extension BuiltinRegistry {
  /// The `:help NAME` text: usage, summary, parameters with defaults, and the example.
  /// Nil for an unknown name; activation names get a short note.
  public static func helpText(for name: String) -> String? {
    if Activations.names.contains(name), builtin(named: name) == nil {
      return "\(name)\n  An activation: a layer line on its own (`\(name)`) or the activation "
        + "of a dense layer (`dense 8 \(name)`).\n"
    }
    guard let builtin = builtin(named: name) else { return nil }
    var text = wrap(builtin.usage, width: 80).joined(separator: "\n    ") + "\n"
    text += wrap(builtin.summary, width: 78).map { "  " + $0 + "\n" }.joined()
    if !builtin.parameters.isEmpty {
      text += "\nParameters:\n"
      // Labels share a column up to `labelLimit` characters; a longer one (a long list of
      // choices) gets a line of its own. Descriptions wrap to fit 80 columns.
      let labelLimit = 24
      let width = builtin.parameters.map { label(for: $0, of: builtin).count }.filter { $0 <= labelLimit }.max() ?? 0
      let indent = String(repeating: " ", count: width + 4)
      for parameter in builtin.parameters {
        let label = label(for: parameter, of: builtin)
        let fallback = parameter.defaultText.map { " (default: \($0))" } ?? " (required)"
        let bounds = parameter.bounds.map { ", \($0.words)" } ?? ""
        let lines = wrap(
          parameter.summary + bounds + fallback, width: Swift.max(30, 80 - indent.count))
        if label.count > labelLimit {
          text += "  \(label)\n" + lines.map { indent + $0 + "\n" }.joined()
        } else {
          let padding = String(repeating: " ", count: width - label.count)
          text += "  \(label)\(padding)  " + lines.joined(separator: "\n" + indent) + "\n"
        }
      }
    }
    if builtin.kind == .command {
      text += "\nAlso callable as a function, which returns the result without printing.\n"
    }
    text += "\nExample:\n" + builtin.example.split(separator: "\n").map { "  \($0)\n" }.joined()
    return text
  }

  /// `text` broken at spaces into lines of at most `width` characters (longer words stay whole).
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  private static func label(for parameter: Parameter, of builtin: Builtin) -> String {
    if parameter.isPositional { return parameter.placeholder }
    if builtin.kind == .command { return "\(parameter.name) \(parameter.placeholder)" }
    return "\(parameter.name): \(parameter.placeholder)"
  }

  /// The `:help` index: every builtin with its one-line summary, grouped by kind.
  public static func helpIndex() -> String {
    var text = ""
    let width = all.map(\.name.count).max() ?? 0
    for (kind, title) in [
      (Builtin.Kind.command, "Commands"), (.function, "Functions"), (.layer, "Layers"),
    ] {
      text += "\(title):\n"
      for builtin in all where builtin.kind == kind {
        let padding = String(repeating: " ", count: width - builtin.name.count)
        text += "  \(builtin.name)\(padding)  \(builtin.summary)\n"
      }
      text += "\n"
    }
    text += "Activations: \(Activations.names.joined(separator: ", "))\n"
    text += "Type :help NAME for details.\n"
    return text
  }

  /// The README's command table in Markdown: name, kind, usage and summary.
  public static func markdownTable() -> String {
    var text = "| name | kind | usage | what it does |\n|---|---|---|---|\n"
    for builtin in all {
      let usage = builtin.usage.replacingOccurrences(of: "|", with: "\\|")
      text += "| `\(builtin.name)` | \(builtin.kind.rawValue) | `\(usage)` | \(builtin.summary) |\n"
    }
    return text
  }
}
