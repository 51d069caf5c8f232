/// A scope of variables, chained to the scope around it (lexical scoping).
final class Environment {
  private(set) var values: [String: Value] = [:]
  let parent: Environment?

  init(parent: Environment? = nil) {
    self.parent = parent
  }

  func define(_ name: String, _ value: Value) {
    values[name] = value
  }

  func lookup(_ name: String) -> Value? {
    var scope: Environment? = self
    while let current = scope {
      if let value = current.values[name] { return value }
      scope = current.parent
    }
    return nil
  }

  /// Assigns to the innermost scope that defines `name`; false when none does.
  func assign(_ name: String, _ value: Value) -> Bool {
    var scope: Environment? = self
    while let current = scope {
      if current.values[name] != nil {
        current.values[name] = value
        return true
      }
      scope = current.parent
    }
    return false
  }

  /// Every name visible from here.
  var visibleNames: Set<String> {
    var names = Set(values.keys)
    if let parent { names.formUnion(parent.visibleNames) }
    return names
  }
}
