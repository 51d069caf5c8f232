/// Random permutations, by sorting random keys.
extension RandomGenerator {
  /// A permutation of `0..<n`: the stable argsort of `n` fresh outputs.
  ///
  /// Sorting by random keys (rather than Fisher–Yates) matches the peer benchmarks' batch order
  /// exactly; it costs O(n log n), negligible next to an epoch of training.
  public mutating func permutation(_ n: Int) -> [Int] {
    let keys = (0..<n).map { _ in next() }
    return Self.stableArgsort(keys, check: {})
  }

  /// The same permutation as `permutation(_:)`, polling `Cancellation` every 65,536 keys drawn
  /// or sorted: ten million samples take about a second.
  ///
  /// - Throws: `CancellationError` when the running work is cancelled.
  public mutating func cancellablePermutation(_ n: Int) throws -> [Int] {
    var keys: [UInt64] = []
    keys.reserveCapacity(Swift.max(n, 0))
    for i in 0..<Swift.max(n, 0) {
      if i & 0xFFFF == 0xFFFF { try Cancellation.check() }
      keys.append(next())
    }
    return try Self.stableArgsort(keys, check: Cancellation.check)
  }

  /// The indices of `keys` ordered by key, equal keys by index.
  ///
  /// Each key's index is packed into its low bits and the packed integers are sorted: that
  /// orders by (the key's high bits, index). Keys that agree in their high bits (about
  /// n²/2^(65−b) pairs, with b the bits an index needs) are then put in key order, which makes
  /// the result exact. `check` is called every 65,536 elements sorted or merged.
  public static func stableArgsort(_ keys: [UInt64]) -> [Int] { stableArgsort(keys, check: {}) }

  static func stableArgsort(_ keys: [UInt64], check: () throws -> Void) rethrows -> [Int] {
    let n = keys.count
    guard n > 1 else { return Array(0..<n) }
    let bits = Int.bitWidth - (n - 1).leadingZeroBitCount
    let mask: UInt64 = (1 << UInt64(bits)) - 1
    var packed = [UInt64](repeating: 0, count: n)
    for i in 0..<n {
      if i & 0xFFFF == 0xFFFF { try check() }
      packed[i] = (keys[i] & ~mask) | UInt64(i)
    }
    try mergeSort(&packed, check: check)
    var start = 0
    while start < n {
      if start & 0xFFFF == 0xFFFF { try check() }
      var end = start + 1
      while end < n, packed[end] & ~mask == packed[start] & ~mask { end += 1 }
      if end - start > 1 {
        packed[start..<end].sort { a, b in
          let (x, y) = (keys[Int(a & mask)], keys[Int(b & mask)])
          return x < y || (x == y && a < b)
        }
      }
      start = end
    }
    var indices = [Int](repeating: 0, count: n)
    for i in 0..<n {
      if i & 0xFFFF == 0xFFFF { try check() }
      indices[i] = Int(packed[i] & mask)
    }
    return indices
  }

  /// Sorts distinct integers: blocks of 65,536 with the standard sort, then merged in passes.
  static func mergeSort(_ values: inout [UInt64], check: () throws -> Void) rethrows {
    let n = values.count
    let block = 1 << 16
    for start in stride(from: 0, to: n, by: block) {
      try check()
      values[start..<Swift.min(start + block, n)].sort()
    }
    guard n > block else { return }
    var buffer = [UInt64](repeating: 0, count: n)
    var width = block
    while width < n {
      try values.withUnsafeBufferPointer { from in
        try buffer.withUnsafeMutableBufferPointer { to in
          for low in stride(from: 0, to: n, by: 2 * width) {
            let middle = Swift.min(low + width, n)
            let high = Swift.min(low + 2 * width, n)
            var (i, j, k) = (low, middle, low)
            while k < high {
              if k & 0xFFFF == 0 { try check() }
              if j >= high || (i < middle && from[i] < from[j]) {
                to[k] = from[i]
                i += 1
              } else {
                to[k] = from[j]
                j += 1
              }
              k += 1
            }
          }
        }
      }
      swap(&values, &buffer)
      width *= 2
    }
  }
}
