import Foundation
import NNVCore
import NNVLanguage
import NNVPlot

/// The colon commands: `:help`, `:load`, `:save`, `:vars`, `:reset`, `:history`, `:set`,
/// `:time`, `:quit` (declared in `MetaCommand`).
extension Session {
  /// Runs a line that starts with a colon.
  public func runMeta(_ line: String) {
    let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard let name = words.first else { return }
    let argument = line.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
    switch name {
    case ":help": help(argument)
    case ":load": load(argument)
    case ":save": save(argument)
    case ":vars": output.write(variablesTable())
    case ":reset": reset()
    case ":history": showHistory()
    case ":set": set(Array(words.dropFirst()))
    case ":time":
      settings.timing.toggle()
      output.write("timing \(settings.timing ? "on" : "off")\n")
    case ":quit": isFinished = true
    default:
      problem(
        "Unknown command '\(name)'.",
        hint: Suggestion.hint(for: name, among: MetaCommand.names) ?? "type :help for the list")
    }
  }

  func problem(_ message: String, hint: String? = nil) {
    var text = "error: \(message)\n"
    if let hint { text += "hint: \(hint)\n" }
    output.writeError(text)
  }

  /// `:help NAME`: what the interpreter's `help NAME` prints, from the same function.
  func help(_ name: String) {
    let host = MetaCommand.hostHelp
    if let text = BuiltinRegistry.help(
      for: name, width: interpreter.display.width, host: host)
    {
      output.write(text)
    } else {
      let message = Diagnostic.Message.noHelp(for: name, host: host)
      problem(message.text, hint: message.hint)
    }
  }

  /// `:load FILE` and `:save FILE` accept the path bare or in quotes.
  static func unquote(_ path: String) -> String {
    guard path.count >= 2, path.hasPrefix("\""), path.hasSuffix("\"") else { return path }
    return String(path.dropFirst().dropLast())
  }

  func load(_ argument: String) {
    let path = Session.unquote(argument)
    guard !path.isEmpty else {
      return problem("Expect a file after :load.", hint: ":load FILE.nnv")
    }
    let paths = PathResolver(directory: directory)
    let resolved = paths.resolve(path)
    switch ScriptReader.read(path: resolved, name: path) {
    case .success(let source):
      evaluate(source.text, name: path, echo: false)
    case .failure(.notUTF8(let diagnostic)):
      output.writeError(DiagnosticRenderer(color: settings.color).render(diagnostic))
    case .failure(.unreadable(let reason)):
      problem("Cannot read \(resolved): \(reason).", hint: paths.hint(for: path))
    case .failure(let failure):
      problem(failure.message(script: "'\(path)'"))
    }
  }

  func save(_ argument: String) {
    let path = Session.unquote(argument)
    guard !path.isEmpty else {
      return problem("Expect a file after :save.", hint: ":save FILE.nnv")
    }
    do {
      try AtomicFile.write(Data(script.utf8), to: resolve(path))
      markModelsSaved()
      let count = recorded.count
      output.write("saved \(count) entr\(count == 1 ? "y" : "ies") to \(path)\n")
    } catch {
      let reason = (error as? PersistenceError)?.reason ?? "\(error)"
      problem("Cannot save to '\(path)': \(reason).")
    }
  }

  func reset() {
    interpreter = Interpreter(
      output: output, seed: settings.seed, cancellation: cancellation, directory: directory)
    interpreter.display = settings.display
    interpreter.hostHelp = MetaCommand.hostHelp
    interpreter.liveTraining = settings.live
    scriptSeed = settings.seed
    recorded = []
    output.write("reset: every name is gone, the seed is \(settings.seed)\n")
  }

  func showHistory() {
    let entries = history?.entries ?? []
    guard !entries.isEmpty else {
      return output.write(
        history == nil ? "history is off (NNV_NO_HISTORY=1)\n" : "no history yet\n")
    }
    let shown = entries.suffix(50)
    let first = entries.count - shown.count + 1
    let width = String(entries.count).count
    var text = ""
    for (offset, line) in shown.enumerated() {
      let number = String(first + offset)
      text += String(repeating: " ", count: width - number.count) + number + "  " + line + "\n"
    }
    output.write(text)
  }

  func set(_ words: [String]) {
    guard let option = words.first else {
      let text = [
        "color \(settings.color ? "on" : "off")", "live \(settings.live ? "on" : "off")",
        "seed \(interpreter.seed)", "timing \(settings.timing ? "on" : "off")",
        "width \(settings.display.width)",
      ]
      return output.write(text.joined(separator: "\n") + "\n")
    }
    let value = words.count > 1 ? words[1] : ""
    func flag() -> Bool? {
      switch value {
      case "on", "true", "yes": return true
      case "off", "false", "no": return false
      default:
        problem("Expect on or off after :set \(option).", hint: ":set \(option) on")
        return nil
      }
    }
    switch option {
    case "color":
      if let on = flag() {
        settings.color = on
        settings.display.colorMode =
          on
          ? Display.colorMode(enabled: true, environment: ProcessInfo.processInfo.environment)
          : .none
        interpreter.display = settings.display
      }
    case "timing":
      if let on = flag() { settings.timing = on }
    case "live":
      if let on = flag() {
        settings.live = on
        interpreter.liveTraining = on
      }
    case "seed":
      guard let seed = UInt64(value), seed <= SessionSettings.maximumSeed else {
        return problem(
          "Expect a whole number from 0 to \(SessionSettings.maximumSeed) after :set seed.",
          hint: ":set seed 7")
      }
      interpreter.setSeed(seed)
      recorded.append("seed \(seed)")
    case "width":
      guard let width = Int(value), (20...400).contains(width) else {
        return problem(
          "Expect a width from 20 to 400 columns after :set width.", hint: ":set width 100")
      }
      settings.display.width = width
      interpreter.display = settings.display
    default:
      problem(
        "Unknown setting '\(option)'.",
        hint: Suggestion.hint(for: option, among: MetaCommand.settingNames)
          ?? "settings: " + MetaCommand.settingNames.joined(separator: ", "))
    }
  }

  /// The `:vars` table: every name with its kind, shape and parameter count.
  public func variablesTable() -> String {
    let names = interpreter.globalNames
    guard !names.isEmpty else { return "no names yet\n" }
    var rows = [["name", "kind", "shape", "parameters", "value"]]
    for name in names {
      guard let value = interpreter.value(named: name) else { continue }
      var row = [
        name, String(value.kindName.split(separator: " ", maxSplits: 1).last ?? ""), "", "", "",
      ]
      switch value {
      case .model(let reference):
        let model = reference.model
        row[2] = "\(Tensor.describe(model.inputShape)) → \(Tensor.describe(model.outputShape))"
        row[3] = "\(model.parameterCount)"
        row[4] = "\(model.layers.count) layer\(model.layers.count == 1 ? "" : "s")"
      case .dataset(let data):
        row[1] = "data set"
        row[2] = "\(data.count) × \(Tensor.describe(data.sampleShape))"
        row[4] =
          data.isClassification ? "\(data.classNames.count) classes" : "regression"
      case .tensor(let tensor):
        row[2] = Tensor.describe(tensor.shape)
      case .list(let values):
        row[2] = "[\(values.count)]"
        row[4] = Session.clip(value.debugText)
      default:
        row[4] = Session.clip(value.debugText)
      }
      rows.append(row)
    }
    let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { column, cell in
        column == 3
          ? String(repeating: " ", count: widths[column] - cell.count) + cell
          : cell + String(repeating: " ", count: widths[column] - cell.count)
      }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
    }.joined()
  }

  static func clip(_ text: String, to limit: Int = 40) -> String {
    text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
  }
}
