import Foundation
import NNVLanguage

/// Leaving a session without losing work: Ctrl-D, or Ctrl-C twice within a second, asks first
/// when a model has unsaved changes.
///
/// A model's changes are unsaved when it was declared, trained or otherwise changed since it
/// was last written with `save`, read with `load`, or the whole session was written with
/// `:save` (whose script rebuilds it). Names, data sets and functions alone are not asked
/// about: a script rebuilds them in moments. `:quit` leaves without asking, as typed.
extension Session {
  /// The question asked before leaving with unsaved models.
  public static let leaveQuestion = "Leave nnv and lose these changes? [y/N] "

  /// What is said before `leaveQuestion`: the unsaved models and how to keep them.
  public static func unsavedNote(_ names: [String]) -> String {
    let list =
      names.count <= 5
      ? names.joined(separator: ", ") : names.prefix(5).joined(separator: ", ") + ", …"
    let example = names.first.map { "save \($0) to \"\($0).nnvm\"" } ?? ""
    return "Unsaved changes: \(list) (keep them with `\(example)`, "
      + "or `:save FILE.nnv` for the whole session).\n"
  }

  /// Every model the session can reach by name: globals, and models inside lists and records.
  var reachableModels: [(name: String, reference: ModelReference)] {
    var found: [(name: String, reference: ModelReference)] = []
    var seen = Set<ObjectIdentifier>()
    var pending: [(String, Value)] = interpreter.globalNames.reversed().compactMap { name in
      interpreter.value(named: name).map { (name, $0) }
    }
    var visited = 0
    // Iterative and capped, so a huge or deeply nested list costs a bounded walk.
    while visited < 100_000, let (name, value) = pending.popLast() {
      visited += 1
      switch value {
      case .model(let reference):
        if seen.insert(ObjectIdentifier(reference)).inserted { found.append((name, reference)) }
      case .list(let values):
        for (index, element) in values.enumerated().reversed() {
          pending.append(("\(name)[\(index)]", element))
        }
      case .record(let record):
        for field in record.fields.reversed() {
          pending.append(("\(name).\(field.name)", field.value))
        }
      default:
        continue
      }
    }
    return found
  }

  /// The names of the models with unsaved changes.
  public var unsavedModels: [String] {
    reachableModels.filter { !$0.reference.isSaved }.map(\.name)
  }

  /// Whether a model has changes that leaving would lose.
  public var hasUnsavedWork: Bool { reachableModels.contains { !$0.reference.isSaved } }

  /// Records every model as saved (after `:save` wrote the session).
  func markModelsSaved() {
    for (_, reference) in reachableModels { reference.markSaved() }
  }

  /// Tells the Ctrl-C watcher, before a command runs, whether a forced quit would lose work:
  /// the command may be changing any model, so any model counts. (The watcher only asks while
  /// a command runs; at the prompt the session asks itself, comparing fingerprints.)
  func updateUnsavedWork() {
    interrupts?.setUnsavedWork(!reachableModels.isEmpty)
  }

  /// Whether to leave: true at once when nothing is unsaved or nobody is there to answer;
  /// otherwise the answer to `leaveQuestion`. End of input (Ctrl-D again) answers yes.
  func confirmLeaving() -> Bool {
    let names = unsavedModels
    guard !names.isEmpty, reader.isInteractive else { return true }
    output.write(Session.unsavedNote(names))
    switch reader.readLine(prompt: Session.leaveQuestion) {
    case .line(let answer):
      return answer.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("y")
    case .endOfInput:
      return true
    case .interrupted:
      return false
    }
  }

  /// A Ctrl-C at the prompt: whether it is the second within `doubleInterruptWindow` of the
  /// last one (at the prompt, or one that stopped a command), with no entry typed between.
  func isRepeatedInterrupt() -> Bool {
    let now = ContinuousClock.now
    defer { lastInterrupt = now }
    guard let last = lastInterrupt else { return false }
    return now - last < doubleInterruptWindow
  }
}
