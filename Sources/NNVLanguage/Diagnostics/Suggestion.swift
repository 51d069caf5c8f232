/// "Did you mean ...?" suggestions by edit distance.
public enum Suggestion {
  /// The candidate closest to `word` by Damerau–Levenshtein distance, if it is close enough to be
  /// a likely typo: at most 1 edit for words up to 4 letters, 2 up to 8, 3 beyond.
  public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
    let limit = word.count <= 4 ? 1 : word.count <= 8 ? 2 : 3
    var best: (String, Int)?
    let length = word.count
    for candidate in candidates where candidate != word {
      // The distance is at least the difference of the lengths: a long word is never close.
      guard abs(candidate.count - length) <= limit else { continue }
      let d = distance(word, candidate)
      if d <= limit, d < (best?.1 ?? Int.max) || (d == best?.1 && candidate < (best?.0 ?? "")) {
        best = (candidate, d)
      }
    }
    return best?.0
  }

  /// A hint `did you mean `x`?`, or nil when nothing is close.
  public static func hint(for word: String, among candidates: some Sequence<String>) -> String? {
    closest(to: word, among: candidates).map { "did you mean `\($0)`?" }
  }

  /// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
  /// neighbours each cost 1.
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased())
    let y = Array(b.lowercased())
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous2 = [Int](repeating: 0, count: y.count + 1)
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[y.count]
  }
}
