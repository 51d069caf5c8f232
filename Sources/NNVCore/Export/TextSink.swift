/// Where exported text goes, a piece at a time: a file being written (`AtomicFile.Stream`), or
/// a `String` in memory.
///
/// Writers of CSV and JSON emit small pieces (a number, a line) in order, so a file of
/// gigabytes is written without ever holding it whole.
public protocol TextSink {
  /// Appends `text`.
  mutating func write(_ text: String) throws
}

extension String: TextSink {}
