import Foundation

/// Character-level text for next-character prediction, as Karpathy's char-rnn reads it.
///
/// The text is cut into windows of `window` characters that start `step` characters apart.
/// Each window is a sample of shape `[window, V]`, one one-hot row per character over the
/// text's V different characters (its vocabulary, in the order of their code points), and its
/// targets are the next character at every step: the window shifted by one. The classes are
/// the characters, named by `CharacterNames` (a space is `␣`, a line break `\n`), and so are
/// the features, so a model trained on it can read its own predictions back.
///
/// The text is read as Unicode scalars, and a line break written as CR LF counts as one `\n`.
public enum TextDatasets {
  /// The window of characters a sample holds unless asked otherwise.
  public static let defaultWindow = 32

  /// The name of the bundled text and of the data set made from it.
  public static let corpusName = "alice"

  /// The bundled text: the first two chapters of Lewis Carroll's "Alice's Adventures in
  /// Wonderland" (1865), public domain (see the README for the source).
  public static func corpus() throws -> String {
    guard let url = Bundle.module.url(forResource: corpusName, withExtension: "txt") else {
      throw DataError.unreadable(
        file: "\(corpusName).txt", message: "the bundled text is missing from this installation")
    }
    return try read(path: url.path)
  }

  /// The text of the file at `path`: UTF-8 of at most `ResourceLimits.textBytes` bytes (a byte
  /// order mark is skipped).
  ///
  /// - Throws: `DataError.unreadable` for a file that cannot be read, is too large, or is not
  ///   text (bytes that are not UTF-8, or a NUL byte, as binary files have).
  public static func read(path: String) throws -> String {
    let data: Data
    do {
      data = try FileReader.read(path, limit: ResourceLimits.textBytes.maximum, what: "a text")
    } catch let problem as FileProblem {
      throw DataError.unreadable(file: path, message: "cannot read the file: \(problem.reason)")
    }
    try Cancellation.check()
    if let zero = data.firstIndex(of: 0) {
      throw DataError.unreadable(
        file: path,
        message: "not a text file: byte \(zero - data.startIndex) is 0, as in binary files")
    }
    guard var text = String(validating: data, as: UTF8.self) else {
      throw DataError.unreadable(
        file: path, message: "not a text file: its bytes are not UTF-8 text")
    }
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    return text
  }

  /// Samples of `window` characters starting `step` characters apart (`window` by default:
  /// windows side by side), each with the next character at every step.
  ///
  /// - Throws: `DataError.invalidArgument` for an empty text, a window or step below 1, a text
  ///   of `window` characters or fewer, or more than `ResourceLimits.textBytes`;
  ///   `LimitError` when the one-hot samples would exceed the elements-per-tensor limit or
  ///   their number the samples limit, before anything is allocated; `CancellationError`.
  public static func text(
    _ text: String, name: String = "text", window: Int = defaultWindow, step: Int? = nil
  ) throws -> Dataset {
    let step = step ?? window
    guard window >= 1, step >= 1 else {
      throw DataError.invalidArgument(
        "a window and a step are at least 1 character, not \(window) and \(step)")
    }
    try ResourceLimits.textBytes.check(text.utf8.count, for: "the text of \(name)")
    let characters = try scalars(of: text)
    guard !characters.isEmpty else {
      throw DataError.invalidArgument("the text of \(name) is empty: there is nothing to learn")
    }
    guard characters.count > window else {
      throw DataError.invalidArgument(
        "the text of \(name) has \(characters.count) character"
          + "\(characters.count == 1 ? "" : "s"), but a window of \(window) needs more: the "
          + "window and the character after it")
    }
    let vocabulary = Array(Set(characters)).sorted { $0.value < $1.value }
    let classes = vocabulary.count
    let n = (characters.count - 1 - window) / step + 1
    try ResourceLimits.samples.check(n, for: "the windows of \(name)")
    try ResourceLimits.stepTargets.check(
      Shape.checkedProduct([n, window]), for: "the targets of \(name)'s windows")
    let size = try Shape.elementCount(
      [n, window, classes],
      of: "\(ResourceLimit.grouped(n)) windows of \(window) characters one-hot over "
        + "\(classes)")
    let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
    var poller = Cancellation.Poller()
    var codes = [Int32](repeating: 0, count: characters.count)
    for (k, character) in characters.enumerated() {
      try poller.advance()
      codes[k] = Int32(index[character] ?? 0)
    }
    var features = [Float](repeating: 0, count: size)
    var labels = [Int](repeating: 0, count: n * window)
    for i in 0..<n {
      try poller.advance(by: window)
      let start = i * step
      for t in 0..<window {
        let row = i * window + t
        features[row * classes + Int(codes[start + t])] = 1
        labels[row] = Int(codes[start + t + 1])
      }
    }
    let names = vocabulary.map(CharacterNames.name(of:))
    return Dataset(
      name: name, features: Tensor(uncheckedShape: [n, window, classes], scalars: features),
      labels: labels, classNames: names, featureNames: names, targetSteps: window)
  }

  /// The Unicode scalars of `text`, with each CR LF read as one line feed.
  static func scalars(of text: String) throws -> [Unicode.Scalar] {
    var result: [Unicode.Scalar] = []
    result.reserveCapacity(text.utf8.count)
    var poller = Cancellation.Poller()
    for scalar in text.unicodeScalars {
      try poller.advance()
      if scalar == "\n", result.last == "\r" { result.removeLast() }
      result.append(scalar)
    }
    return result
  }
}
