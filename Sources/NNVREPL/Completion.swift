/// A Tab press: the line being edited and where the cursor is.
public struct CompletionRequest: Equatable, Sendable {
  /// The line being edited.
  public var line: String
  /// The cursor, in Unicode scalars from the start of the line (libedit's unit).
  public var cursor: Int
  /// Earlier lines of an unfinished entry (inside a `model { ... }` block), for context.
  public var preceding: String

  /// A request with the cursor at `cursor`, or at the end of the line when nil.
  public init(line: String, cursor: Int? = nil, preceding: String = "") {
    self.line = line
    self.cursor = cursor ?? line.unicodeScalars.count
    self.preceding = preceding
  }
}

/// What Tab offers: the text from `replacingFrom` up to the cursor is replaced by a candidate.
public struct CompletionResult: Equatable, Sendable {
  /// Where the replaced text starts, in Unicode scalars (the end is the cursor).
  public var replacingFrom: Int
  /// The candidates, sorted and without repeats; empty when there is nothing to offer.
  public var candidates: [String]
  /// What follows a sole candidate: a space after a word, nothing after a directory, a closing
  /// quote after a file name in a string.
  public var suffix: String

  public init(replacingFrom: Int, candidates: [String], suffix: String = " ") {
    self.replacingFrom = replacingFrom
    self.candidates = candidates
    self.suffix = suffix
  }
}

/// What completion knows about the session: its names and, for paths, the file system.
public struct CompletionEnvironment: Sendable {
  /// What a session name holds, as far as completion cares.
  public enum Kind: Equatable, Sendable {
    case model, dataset, number, function
    /// A record, with its field names (`parts.train`).
    case record([String])
    case other
  }

  /// One entry of a directory listing.
  public struct FileEntry: Equatable, Sendable {
    public var name: String
    public var isDirectory: Bool
    public init(name: String, isDirectory: Bool) {
      self.name = name
      self.isDirectory = isDirectory
    }
  }

  public var names: [String: Kind]
  /// The fields of records that hold models or data sets, by their full name (`parts.train`),
  /// offered where a model or data set goes.
  public var members: [String: Kind]
  /// The entries of a directory (`.` for the current one), or nil when it cannot be read.
  public var listDirectory: @Sendable (String) -> [FileEntry]?
  /// The meta-commands, with their colon (`:help`).
  public var metaCommands: [String]

  public init(
    names: [String: Kind], members: [String: Kind] = [:],
    metaCommands: [String] = MetaCommand.names,
    listDirectory: @escaping @Sendable (String) -> [FileEntry]? = { _ in nil }
  ) {
    self.names = names
    self.members = members
    self.metaCommands = metaCommands
    self.listDirectory = listDirectory
  }

  /// The names, and record fields, holding a value of `kind`.
  func names(of kind: Kind) -> [String] {
    names.filter { $0.value == kind }.map(\.key) + members.filter { $0.value == kind }.map(\.key)
  }
}
