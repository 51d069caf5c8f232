/// The bracket sequences of `SequenceDatasets.brackets`: symbols 0 `(`, 1 `)`, 2 `.`.
extension SequenceDatasets {
  static let open = 0
  static let close = 1
  static let filler = 2

  /// `length` symbols of a random walk between depth 0 and `depth`: at every step one of the
  /// symbols allowed there, each as likely. With `closing`, a bracket is opened only when the
  /// steps left can close it, so the sequence ends with every bracket closed.
  static func walk(
    length: Int, depth: Int, closing: Bool, _ random: inout RandomGenerator
  ) -> [Int] {
    var symbols: [Int] = []
    symbols.reserveCapacity(length)
    var level = 0
    var allowed: [Int] = []
    for t in 0..<length {
      // The steps after this one: each open bracket needs one of them to close.
      let left = closing ? length - t - 1 : Int.max
      allowed.removeAll(keepingCapacity: true)
      if level < depth, level + 1 <= left { allowed.append(open) }
      if level > 0 { allowed.append(close) }
      if level <= left { allowed.append(filler) }
      let symbol = allowed[random.integer(below: allowed.count)]
      level += symbol == open ? 1 : symbol == close ? -1 : 0
      symbols.append(symbol)
    }
    return symbols
  }

  /// The nesting depth after each symbol.
  static func depthsAfter(_ symbols: [Int]) -> [Int] {
    var level = 0
    return symbols.map { symbol in
      level += symbol == open ? 1 : symbol == close ? -1 : 0
      return level
    }
  }

  /// Changes one symbol at random so that the counts of opening and closing brackets differ:
  /// a bracket is turned the other way, a filler becomes a bracket.
  static func unbalance(_ symbols: inout [Int], _ random: inout RandomGenerator) {
    guard !symbols.isEmpty else { return }
    let k = random.integer(below: symbols.count)
    switch symbols[k] {
    case open: symbols[k] = close
    case close: symbols[k] = open
    default: symbols[k] = random.integer(below: 2)
    }
  }
}
