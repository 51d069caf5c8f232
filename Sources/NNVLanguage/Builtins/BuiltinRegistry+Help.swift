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
    var text = "\(builtin.usage)\n  \(builtin.summary)\n"
    if !builtin.parameters.isEmpty {
      text += "\nParameters:\n"
      let width = builtin.parameters.map { label(for: $0, of: builtin).count }.max() ?? 0
      for parameter in builtin.parameters {
        let label = label(for: parameter, of: builtin)
        let padding = String(repeating: " ", count: width - label.count)
        let fallback = parameter.defaultText.map { " (default: \($0))" } ?? " (required)"
        text += "  \(label)\(padding)  \(parameter.summary)\(fallback)\n"
      }
    }
    if builtin.kind == .command {
      text += "\nAlso callable as a function, which returns the result without printing.\n"
    }
    text += "\nExample:\n" + builtin.example.split(separator: "\n").map { "  \($0)\n" }.joined()
    return text
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
