/// A span of source text as half-open UTF-8 byte offsets, `start..<end`.
///
/// Every token, syntax node, diagnostic and runtime error carries one, so each message can point
/// at the exact text it is about. An empty range (`start == end`) marks a position, such as the
/// end of the input.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
  public var start: Int
  public var end: Int

  public init(start: Int, end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// The smallest range covering both `self` and `other`.
  public func through(_ other: SourceRange) -> SourceRange {
    SourceRange(start: min(start, other.start), end: max(end, other.end))
  }

  public var description: String { "\(start)..<\(end)" }
}
