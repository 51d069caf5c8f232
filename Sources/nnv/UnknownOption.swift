import NNVLanguage

/// Finds an option the command does not have, before the argument parser reads the rest.
///
/// The parser takes a word after an unknown option as the script's file name, so
/// `nnv --colour never -e 'print 1'` would say "give either a file or -e"; this names the
/// option instead, with the closest known one.
enum UnknownOption {
  /// Options followed by a value, which may itself start with `-` (`-e '-1'`, `--seed -3`).
  static let valued = ["-e", "--expression", "--seed", "--color"]
  static let flags = ["--check", "-h", "--help", "--version"]

  /// The message for the first unknown option in `arguments` (without the program name).
  static func message(in arguments: [String]) -> String? {
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if argument == "--" { return nil }
      guard argument.hasPrefix("-"), argument != "-" else { continue }
      let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
      if valued.contains(name) {
        if !argument.contains("=") { index += 1 }
        continue
      }
      if flags.contains(name) { continue }
      // A negative number is a value (of a file name such as `-1.nnv`, unlikely): not an option.
      if Double(argument) != nil { continue }
      let closest = Suggestion.closest(to: name, among: valued + flags)
      return "Unknown option '\(name)'." + (closest.map { " Did you mean '\($0)'?" } ?? "")
    }
    return nil
  }
}
