import Foundation

/// Reads lines with libedit: editing, history on the up arrow, Tab completion.
///
/// libedit is loaded at run time (`dlopen("libedit.so.2")`) rather than linked, for two
/// reasons: building nnv needs no `libedit-dev` headers, and a machine without the library
/// still gets a working REPL (`load()` returns nil and the session uses `PlainLineReader`).
/// Only its readline-compatible API is used, whose functions are not variadic, so no C shim is
/// needed; the few globals it reads (`rl_line_buffer`, `rl_point`, ...) are found with `dlsym`.
///
/// Ctrl-C: libedit's own signal handling is turned off (`rl_catch_signals = 0`) and input goes
/// through `readCharacter`, which returns end-of-file when a read is interrupted by SIGINT, so
/// `readline` returns; the reader then reports `.interrupted` instead of the half-typed line.
public final class EditLineReader: LineReader {
  public let isInteractive = true
  public var completer: ((CompletionRequest) -> CompletionResult)? {
    get { EditLineReader.state.completer }
    set { EditLineReader.state.completer = newValue }
  }

  private let library: Library

  private init(library: Library) {
    self.library = library
  }

  /// A reader on the process's terminal, or nil when libedit cannot be loaded.
  public static func load() -> EditLineReader? {
    guard let library = Library() else { return nil }
    setlocale(LC_CTYPE, "")  // without it libedit drops non-ASCII input
    library.setInt("rl_catch_signals", 0)
    library.setInt("rl_catch_sigwinch", 1)
    library.setPointer(
      "rl_getc_function", unsafeBitCast(readCharacter, to: UnsafeMutableRawPointer.self))
    library.setPointer(
      "rl_attempted_completion_function",
      unsafeBitCast(attemptCompletion, to: UnsafeMutableRawPointer.self))
    library.setPointer("rl_readline_name", UnsafeMutableRawPointer(mutating: Self.name))
    state.library = library
    library.usingHistory()
    library.stifleHistory(1000)
    // libedit's word ends at these; completion keeps any text between there and the range it
    // replaces, so only characters that never occur inside a completed word belong here.
    library.setPointer("rl_basic_word_break_characters", UnsafeMutableRawPointer(breakCharacters))
    return EditLineReader(library: library)
  }

  public func readLine(prompt: String) -> LineReadResult {
    let signals = InterruptController.signalCount
    let line = prompt.withCString { library.readline($0) }
    defer { free(line) }
    if InterruptController.signalCount != signals {
      FileHandle.standardOutput.write(Data("\n".utf8))
      return .interrupted
    }
    guard let line else { return .endOfInput }
    return .line(String(cString: line))
  }

  public func addHistory(_ line: String) {
    _ = line.withCString { library.addHistory($0) }
  }

  // MARK: - libedit, by name

  /// The functions and variables of libedit's readline API that nnv uses.
  final class Library: @unchecked Sendable {
    typealias ReadlineFunction =
      @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<
        CChar
      >?
    typealias AddHistoryFunction = @convention(c) (UnsafePointer<CChar>?) -> Int32
    typealias VoidFunction = @convention(c) () -> Void
    typealias StifleFunction = @convention(c) (Int32) -> Void

    let handle: UnsafeMutableRawPointer
    let readline: ReadlineFunction
    let addHistory: AddHistoryFunction
    let usingHistory: VoidFunction
    let stifleHistory: StifleFunction

    init?() {
      guard let handle = dlopen("libedit.so.2", RTLD_NOW) ?? dlopen("libedit.so", RTLD_NOW)
      else { return nil }
      func function<T>(_ name: String, as type: T.Type) -> T? {
        dlsym(handle, name).map { unsafeBitCast($0, to: type) }
      }
      guard let readline = function("readline", as: ReadlineFunction.self),
        let addHistory = function("add_history", as: AddHistoryFunction.self),
        let usingHistory = function("using_history", as: VoidFunction.self),
        let stifleHistory = function("stifle_history", as: StifleFunction.self),
        dlsym(handle, "rl_line_buffer") != nil, dlsym(handle, "rl_getc_function") != nil
      else {
        dlclose(handle)
        return nil
      }
      self.handle = handle
      self.readline = readline
      self.addHistory = addHistory
      self.usingHistory = usingHistory
      self.stifleHistory = stifleHistory
    }

    func setInt(_ name: String, _ value: Int32) {
      dlsym(handle, name)?.assumingMemoryBound(to: Int32.self).pointee = value
    }

    func int(_ name: String) -> Int32 {
      dlsym(handle, name)?.assumingMemoryBound(to: Int32.self).pointee ?? 0
    }

    func setPointer(_ name: String, _ value: UnsafeMutableRawPointer?) {
      dlsym(handle, name)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self).pointee = value
    }

    func pointer(_ name: String) -> UnsafeMutableRawPointer? {
      dlsym(handle, name)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self).pointee
    }
  }

  /// What the C callbacks reach: they cannot capture, so they read this one shared state.
  /// It is only touched on the thread that calls `readline`.
  final class State: @unchecked Sendable {
    var library: Library?
    var completer: ((CompletionRequest) -> CompletionResult)?
  }

  static let state = State()
  nonisolated(unsafe) static let name: UnsafeMutablePointer<CChar> = strdup("nnv")
  nonisolated(unsafe) static let breakCharacters: UnsafeMutablePointer<CChar> = strdup(
    " \t\n\"(),;=[]{}")

  /// The line libedit is editing, and the cursor in Unicode scalars.
  static func currentLine() -> (scalars: [Unicode.Scalar], cursor: Int)? {
    guard let library = state.library,
      let buffer = library.pointer("rl_line_buffer")?.assumingMemoryBound(to: CChar.self)
    else { return nil }
    let end = Int(library.int("rl_end"))
    let point = Int(library.int("rl_point"))
    let bytes = UnsafeBufferPointer(start: buffer, count: max(0, end)).map { UInt8(bitPattern: $0) }
    let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
    let before = String(decoding: bytes.prefix(max(0, min(point, bytes.count))), as: UTF8.self)
    return (scalars, before.unicodeScalars.count)
  }

  /// libedit's completion callback: the matches for the word from `start` to `end` (scalars).
  /// Entry 0 is what replaces the word (the candidates' common prefix), then each candidate.
  static let attemptCompletion:
    @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<
      UnsafeMutablePointer<CChar>?
    >? = { _, start, end in
      guard let library = state.library else { return nil }
      library.setInt("rl_attempted_completion_over", 1)
      guard let completer = state.completer, let (line, cursor) = currentLine() else { return nil }
      let text = String(String.UnicodeScalarView(line))
      let result = completer(CompletionRequest(line: text, cursor: cursor))
      guard !result.candidates.isEmpty else { return nil }
      let start = Int(start)
      // libedit replaces from `start`; keep the text between it and the replaced range.
      guard start <= result.replacingFrom, result.replacingFrom <= line.count else { return nil }
      let kept = String(String.UnicodeScalarView(line[start..<result.replacingFrom]))
      let candidates = result.candidates.map { kept + $0 }
      let suffix = result.candidates.count == 1 ? result.suffix.unicodeScalars.first : nil
      library.setInt("rl_completion_append_character", suffix.map { Int32($0.value) } ?? 0)
      // Entry 0 replaces libedit's word; the others are only listed, so they are shown
      // without the kept text (file names without their directory).
      let common = commonPrefix(candidates)
      let entries = [common] + (candidates.count > 1 ? result.candidates : [])
      guard
        let matches = malloc(
          MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1))?
          .assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self)
      else { return nil }
      for (index, entry) in entries.enumerated() { matches[index] = strdup(entry) }
      matches[entries.count] = nil
      return matches
    }

  static func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first.map({ Array($0.unicodeScalars) }) else { return "" }
    for word in words.dropFirst() {
      let scalars = Array(word.unicodeScalars)
      var count = 0
      while count < prefix.count, count < scalars.count, prefix[count] == scalars[count] {
        count += 1
      }
      prefix = Array(prefix.prefix(count))
    }
    return String(String.UnicodeScalarView(prefix))
  }

  /// libedit's input function: one character from standard input, decoded from UTF-8; -1 (end
  /// of file) at the end of input or when Ctrl-C interrupted the read.
  static let readCharacter: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
    let signals = InterruptController.signalCount
    func byte() -> UInt8? {
      var value: UInt8 = 0
      while true {
        let count = read(STDIN_FILENO, &value, 1)
        if count == 1 { return value }
        if count < 0, errno == EINTR, InterruptController.signalCount == signals { continue }
        return nil
      }
    }
    guard let first = byte() else { return -1 }
    let length =
      first < 0x80
      ? 1 : first >> 5 == 0b110 ? 2 : first >> 4 == 0b1110 ? 3 : first >> 3 == 0b11110 ? 4 : 1
    var bytes = [first]
    while bytes.count < length, let next = byte() { bytes.append(next) }
    guard let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first else {
      return -1
    }
    return Int32(bitPattern: scalar.value)
  }
}
