/// The commands of the program an interpreter runs in (the REPL's `:load`, `:vars`), which
/// `help` lists after the builtins and explains by name, so that `help NAME` in a script or at
/// the prompt prints what `:help NAME` prints.
public struct HostHelp: Sendable, Equatable {
  /// One command of the host: `:load`, written `:load FILE.nnv`.
  public struct Command: Sendable, Equatable {
    /// The name with its colon: `:load`.
    public var name: String
    /// How it is written: `:load FILE.nnv`.
    public var usage: String
    /// One line saying what it does.
    public var summary: String

    public init(name: String, usage: String, summary: String) {
      self.name = name
      self.usage = usage
      self.summary = summary
    }
  }

  /// The heading of the block in the index: `REPL commands`.
  public var title: String
  public var commands: [Command]

  public init(title: String, commands: [Command]) {
    self.title = title
    self.commands = commands
  }

  /// The command `name` names, with or without its colon (`load`, `:load`).
  public func command(named name: String) -> Command? {
    let colon = name.hasPrefix(":") ? name : ":" + name
    return commands.first { $0.name == colon }
  }

  /// The block of the index: the title, then each usage and summary, summaries wrapped at
  /// spaces to `width` columns (at least 60).
  public func index(width: Int = 80) -> String {
    let usageWidth = commands.map(\.usage.count).max() ?? 0
    let indent = String(repeating: " ", count: usageWidth + 4)
    var text = "\(title):\n"
    for command in commands {
      let padding = String(repeating: " ", count: usageWidth - command.usage.count)
      let lines = BuiltinRegistry.wrap(
        command.summary, width: Swift.max(60, width) - indent.count)
      text += "  \(command.usage)\(padding)  " + lines.joined(separator: "\n" + indent) + "\n"
    }
    return text
  }
}

extension BuiltinRegistry {
  /// What `help NAME` and the REPL's `:help NAME` print: the index for an empty name (with the
  /// host's commands after the builtins), else the builtin's, the activation's or the host
  /// command's help, wrapped to `width` columns. Nil when nothing has that name.
  public static func help(for name: String, width: Int = 80, host: HostHelp? = nil) -> String? {
    guard !name.isEmpty else {
      return helpIndex(width: width) + (host.map { "\n" + $0.index(width: width) } ?? "")
    }
    if let command = host?.command(named: name), helpText(for: name) == nil {
      return "\(command.usage)\n  \(command.summary)\n"
    }
    return helpText(for: name, width: width)
  }

  /// The names `help` knows: the builtins, the activations and the host's commands.
  public static func helpTopics(host: HostHelp? = nil) -> [String] {
    all.map(\.name) + activationNames + (host?.commands.map(\.name) ?? [])
  }
}

extension Diagnostic.Message {
  /// `help trian`: the closest name it knows, or how to list them all.
  public static func noHelp(for name: String, host: HostHelp? = nil) -> Self {
    let shown = name.count > 60 ? name.prefix(60) + "…" : name
    return Self(
      "No help for '\(shown)'.",
      hint: Suggestion.hint(for: name, among: BuiltinRegistry.helpTopics(host: host))
        ?? "`help` alone lists every command")
  }
}
