import Foundation
import NNVCore

/// The lines typed at the prompt, kept across runs in a plain text file, one line per entry.
///
/// The file is `$XDG_STATE_HOME/nnv/history`, or `~/.nnv_history` without `XDG_STATE_HOME`;
/// nothing is read or written when `NNV_NO_HISTORY=1`. It keeps the newest `capacity` lines and
/// is rewritten atomically after every entry, so a closed terminal loses nothing and a crash
/// never leaves half a file.
public final class History {
  public private(set) var entries: [String]
  /// Where the history is kept; nil when it is not kept.
  public let path: String?
  public let capacity: Int

  public init(path: String?, capacity: Int = 1000) {
    self.path = path
    self.capacity = max(1, capacity)
    var loaded: [String] = []
    if let path, let data = FileManager.default.contents(atPath: path) {
      loaded = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
    self.entries = Array(loaded.suffix(self.capacity))
  }

  /// The history file for `environment`, following the rules above; nil when disabled.
  public static func defaultPath(environment: [String: String]) -> String? {
    if environment["NNV_NO_HISTORY"] == "1" { return nil }
    if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
      return URL(fileURLWithPath: state).appendingPathComponent("nnv/history").path
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return URL(fileURLWithPath: home).appendingPathComponent(".nnv_history").path
  }

  /// Adds a line (blank lines and repeats of the last line are skipped) and saves.
  public func add(_ line: String) {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty, entries.last != line, !line.contains("\n") else { return }
    entries.append(line)
    if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    save()
  }

  /// Writes the file; a failure (read-only home, full disk) only means no history is kept.
  public func save() {
    guard let path else { return }
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    try? FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
    let text = entries.map { $0 + "\n" }.joined()
    try? AtomicFile.write(Data(text.utf8), to: path)
  }
}
