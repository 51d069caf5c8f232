import NNVCore
import NNVPlot

/// Lessons: prose between the examples (`note`), a stop between slides (`pause`) and help on
/// any name (`help`), so that one script is a slideshow on a terminal and a test everywhere
/// else.
extension Builtins {
  static let lessons: [Builtin] = [note, pause, help]

  /// The widest a note is wrapped, however wide the terminal: longer lines are hard to read.
  static let proseWidth = 100

  static let note = Builtin(
    "note", .command,
    summary:
      "Prints the prose of a lesson wrapped to the terminal: paragraphs, lists, and bold and code words marked as in Markdown.",
    parameters: [
      Parameter(
        "text", .string, positional: true, default: nil,
        "the prose: a blank line between paragraphs, `- ` before each item of a list; it may "
          + "span lines, and strings can be joined with +")
    ],
    example: """
      note "A neuron adds up its inputs, each times a **weight**, plus a bias."
      note "A blank line starts a new paragraph.

        - a line that starts with `- ` is an item of a list
        - `code` is something to type: `plot activation tanh`"
      """,
    forEffect: true,
    body: .function { call in
      let display = call.interpreter.display
      let text = try Prose.render(
        call.string("text") ?? "", width: Swift.min(display.width, proseWidth),
        styled: display.colorMode != .none)
      try Cancellation.check()
      if call.asStatement { call.interpreter.output.write(text) }
      return .string(text)
    })

  static let pause = Builtin(
    "pause", .command,
    summary:
      "Waits for Enter on a terminal, so a lesson shows one step at a time; in a pipe or a test it does nothing.",
    example: """
      print "the first slide"
      pause
      print "the second slide"
      """,
    forEffect: true,
    body: .function { call in
      let interpreter = call.interpreter
      let words = "press Enter to go on"
      let prompt =
        interpreter.display.colorMode == .none ? words : "\u{1B}[2m" + words + "\u{1B}[0m"
      try Cancellation.check()
      try interpreter.output.pause(prompt: prompt)
      try Cancellation.check()
      return .none
    })

  static let help = Builtin(
    "help", .command,
    summary:
      "Explains a command, function, layer or activation: its options, defaults and an example; alone, lists them all.",
    parameters: [
      Parameter(
        "name", .string, positional: true, default: "none: the list of every name",
        "what to explain, written bare (`help train`) or as a string", bareWord: true)
    ],
    example: """
      help train
      help relu
      help
      """,
    body: .function { call in
      let interpreter = call.interpreter
      let name = call.string("name") ?? ""
      guard
        let text = BuiltinRegistry.help(
          for: name, width: interpreter.display.width, host: interpreter.hostHelp)
      else { throw call.fail(.noHelp(for: name, host: interpreter.hostHelp), at: "name") }
      if call.asStatement { interpreter.output.write(text) }
      return .string(text)
    })
}
