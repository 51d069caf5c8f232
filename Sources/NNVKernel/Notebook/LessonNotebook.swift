import Foundation
import NNVLanguage

/// `nnv notebook FILE.nnv -o FILE.ipynb`: a lesson script as a Jupyter notebook.
///
/// Each `note "..."` becomes a Markdown cell with the note's text (notes are written in the
/// Markdown subset `note` draws: paragraphs, `- ` lists, `**bold**`, `` `code` ``), and the
/// statements between two notes become one code cell, comments included. `pause` ends a code
/// cell and is left out: in a notebook each cell already waits for its reader. The script's
/// `#!` line is dropped.
public enum LessonNotebook {
  /// One cell of the notebook.
  public enum Cell: Equatable, Sendable {
    case markdown(String)
    case code(String)
  }

  /// The cells of `source`, in order; nil when the script does not parse (the diagnostics
  /// say why).
  public static func cells(of source: SourceFile) -> (cells: [Cell], diagnostics: [Diagnostic]) {
    let (program, diagnostics) = Parser.parse(source)
    guard diagnostics.isEmpty else { return ([], diagnostics) }
    var cells: [Cell] = []
    var code = ""
    var position = 0
    func endCode() {
      let text = trimmed(code)
      if !text.isEmpty { cells.append(.code(text)) }
      code = ""
    }
    for statement in program.statements {
      let gap = source.text(in: SourceRange(start: position, end: statement.range.start))
      position = statement.range.end
      switch command(statement) {
      case .note(let text):
        code += gap
        endCode()
        cells.append(.markdown(text))
      case .pause:
        code += gap
        endCode()
      case nil:
        code += gap + source.text(in: statement.range)
      }
    }
    code += source.text(in: SourceRange(start: position, end: source.bytes.count))
    endCode()
    return (cells, [])
  }

  enum Command: Equatable { case note(String), pause }

  /// `note "literal"` and `pause` as statements; nil for anything else.
  static func command(_ statement: Statement) -> Command? {
    guard case .command(let invocation) = statement.kind else { return nil }
    switch invocation.name.text {
    case "pause" where invocation.arguments.isEmpty:
      return .pause
    case "note" where invocation.arguments.count == 1:
      guard let argument = invocation.arguments.first, argument.label == nil,
        case .string(let text) = argument.value.kind
      else { return nil }
      return .note(text)
    default:
      return nil
    }
  }

  /// Drops the `#!` line and the blank lines at both ends.
  static func trimmed(_ code: String) -> String {
    var lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines.removeAll { $0.hasPrefix("#!") }
    while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty {
      lines.removeFirst()
    }
    while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty {
      lines.removeLast()
    }
    return lines.joined(separator: "\n")
  }

  /// The notebook (nbformat 4.5) holding `cells`, as JSON text, for the nnv kernel.
  public static func json(_ cells: [Cell]) -> String {
    let items: [JSONObject] = cells.enumerated().map { index, cell in
      let id = "cell-\(index + 1)"
      switch cell {
      case .markdown(let text):
        return ["cell_type": "markdown", "id": id, "metadata": JSONObject(), "source": lines(text)]
      case .code(let text):
        return [
          "cell_type": "code", "id": id, "metadata": JSONObject(), "source": lines(text),
          "outputs": [Any](), "execution_count": NSNull(),
        ]
      }
    }
    let notebook: JSONObject = [
      "nbformat": 4, "nbformat_minor": 5, "cells": items,
      "metadata": [
        "kernelspec": ["name": "nnv", "display_name": "nnv", "language": "nnv"],
        "language_info": KernelInfo.languageInfo,
      ],
    ]
    let data =
      (try? JSONSerialization.data(
        withJSONObject: notebook, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
      )) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// A cell's source as notebooks store it: lines, each but the last ending in a newline.
  static func lines(_ text: String) -> [String] {
    let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
    return parts.enumerated().map { index, line in
      index < parts.count - 1 ? line + "\n" : String(line)
    }
  }
}
