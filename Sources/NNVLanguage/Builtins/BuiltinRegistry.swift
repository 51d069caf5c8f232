/// Every builtin command, function and layer kind, by name.
///
/// The parser asks it which words are commands and which clauses they take, the checker and
/// interpreter bind arguments with it, and help, completion and the README table are generated
/// from it. Add a builtin by declaring it in one of the `Builtins+*.swift` files and listing it
/// here.
public enum BuiltinRegistry {
  /// All declarations, in the order help lists them.
  public static let all: [Builtin] = [
    Builtins.training, Builtins.explanation, Builtins.models, Builtins.session, Builtins.data,
    Builtins.sequences, Builtins.generation, Builtins.helpers, Builtins.layers, Builtins.views,
    Builtins.convViews, Builtins.recurrentViews, Builtins.attribution, Builtins.lessons,
    Builtins.diagnosis, Builtins.reports, Builtins.onnx, Builtins.writing,
  ].flatMap { $0 }

  private static let byName: [String: Builtin] = Dictionary(
    all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

  /// The builtin called `name`, if there is one.
  public static func builtin(named name: String) -> Builtin? { byName[name] }

  /// The names of the statement commands.
  public static var commandNames: [String] { all.filter { $0.kind == .command }.map(\.name) }

  /// The activation names usable as layer lines and as the activation of `dense`.
  public static var activationNames: [String] { Activations.names }
}

/// The namespace the builtin declarations live in.
enum Builtins {}
