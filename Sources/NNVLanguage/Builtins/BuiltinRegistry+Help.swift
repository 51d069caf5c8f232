import Foundation
import NNVCore

/// Help text and the README table, generated from the declarations.
extension BuiltinRegistry {
  /// The `:help NAME` text: usage, summary, parameters with defaults, and the example, wrapped
  /// at spaces to `width` columns (at least 60). Nil for an unknown name; activation names get
  /// a short note.
  public static func helpText(for name: String, width: Int = 80) -> String? {
    let width = Swift.max(60, width)
    if Activations.names.contains(name), builtin(named: name) == nil {
      return "\(name)\n  An activation: a layer line on its own (`\(name)`) or the activation "
        + "of a dense layer (`dense 8 \(name)`).\n"
    }
    guard let builtin = builtin(named: name) else { return nil }
    var text = wrap(builtin.usage, width: width - 4).joined(separator: "\n    ") + "\n"
    text += wrap(builtin.summary, width: width - 2).map { "  " + $0 + "\n" }.joined()
    if !builtin.parameters.isEmpty {
      text += "\nParameters:\n"
      // Labels share a column up to `labelLimit` characters; a longer one (a long list of
      // choices) gets a line of its own. Descriptions wrap to fit the width.
      let labelLimit = 24
      let labelWidth =
        builtin.parameters.map { label(for: $0, of: builtin).count }.filter { $0 <= labelLimit }
        .max() ?? 0
      let indent = String(repeating: " ", count: labelWidth + 4)
      for parameter in builtin.parameters {
        let label = label(for: parameter, of: builtin)
        var fallback = parameter.defaultText.map { " (default: \($0)" } ?? " (required"
        if let limit = parameter.limit {
          fallback += "; at most \(ResourceLimit.grouped(limit.maximum))"
        }
        fallback += ")"
        let bounds = parameter.bounds.map { ", \($0.words)" } ?? ""
        let lines = wrap(
          parameter.summary + bounds + fallback, width: Swift.max(30, width - indent.count))
        if label.count > labelLimit {
          text += "  \(label)\n" + lines.map { indent + $0 + "\n" }.joined()
        } else {
          let padding = String(repeating: " ", count: labelWidth - label.count)
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
  public static func wrap(_ text: String, width: Int) -> [String] {
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
    if builtin.kind == .command { return parameter.clause }
    return "\(parameter.name): \(parameter.placeholder)"
  }

  /// The `:help` index: every builtin with its one-line summary, grouped by kind; summaries
  /// wrap at spaces to `width` columns (at least 60) under their first line.
  public static func helpIndex(width: Int = 80) -> String {
    var text = ""
    let nameWidth = all.map(\.name.count).max() ?? 0
    let indent = String(repeating: " ", count: nameWidth + 4)
    let summaryWidth = Swift.max(60, width) - indent.count
    for (kind, title) in [
      (Builtin.Kind.command, "Commands"), (.function, "Functions"), (.layer, "Layers"),
    ] {
      text += "\(title):\n"
      for builtin in all where builtin.kind == kind {
        let padding = String(repeating: " ", count: nameWidth - builtin.name.count)
        let lines = wrap(builtin.summary, width: summaryWidth)
        text += "  \(builtin.name)\(padding)  " + lines.joined(separator: "\n" + indent) + "\n"
      }
      text += "\n"
    }
    text +=
      wrap(
        "Activations: \(Activations.names.joined(separator: ", "))", width: Swift.max(60, width)
      ).joined(separator: "\n  ") + "\n"
    text += "Type help NAME (or :help NAME at the prompt) for details.\n"
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
