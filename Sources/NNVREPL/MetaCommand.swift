import NNVLanguage

/// The REPL's own commands, typed after a colon (`:help`, `:vars`): declared once here, read by
/// the session, `:help` and completion.
public struct MetaCommand: Sendable {
  /// The name with its colon: `:load`.
  public let name: String
  /// How it is written: `:load FILE.nnv`.
  public let usage: String
  /// One line saying what it does.
  public let summary: String

  public static let all: [MetaCommand] = [
    MetaCommand(name: ":help", usage: ":help [NAME]", summary: "lists commands, or explains one"),
    MetaCommand(
      name: ":load", usage: ":load FILE.nnv",
      summary: "runs a script into this session (~ is home; relative to the current directory)"),
    MetaCommand(
      name: ":save", usage: ":save FILE.nnv",
      summary: "writes what succeeded this session as a script that rebuilds it"),
    MetaCommand(
      name: ":vars", usage: ":vars", summary: "lists names with kinds, shapes and parameters"),
    MetaCommand(name: ":reset", usage: ":reset", summary: "forgets every name and starts over"),
    MetaCommand(name: ":history", usage: ":history", summary: "shows the lines typed lately"),
    MetaCommand(
      name: ":set", usage: ":set [color|live|timing on|off] [seed N] [width N]",
      summary: "shows or changes settings; `live on` makes every `train` a live dashboard"),
    MetaCommand(name: ":time", usage: ":time", summary: "toggles showing how long entries take"),
    MetaCommand(
      name: ":quit", usage: ":quit",
      summary: "leaves nnv at once (Ctrl-D leaves too, asking first about unsaved models)"),
  ]

  /// The names, with their colons.
  public static var names: [String] { all.map(\.name) }

  /// The settings `:set` knows.
  public static let settingNames = ["color", "live", "seed", "timing", "width"]

  public static func named(_ name: String) -> MetaCommand? { all.first { $0.name == name } }

  /// The meta-commands as the interpreter's `help` knows them: `help`, `help :load` and the
  /// REPL's `:help` print the same text.
  public static let hostHelp = HostHelp(
    title: "REPL commands",
    commands: all.map { HostHelp.Command(name: $0.name, usage: $0.usage, summary: $0.summary) })

  /// The block `:help` appends to the builtin index.
  /// The meta-commands with their summaries, wrapped at spaces to `width` columns (at least 60).
  public static func helpIndex(width: Int = 80) -> String {
    hostHelp.index(width: width)
  }
}
