extension Sequence where Element == Double {
  /// The smallest and largest finite values, or nil when there are none.
  var finiteExtent: ClosedRange<Double>? {
    var low = Double.infinity
    var high = -Double.infinity
    for v in self where v.isFinite {
      low = Swift.min(low, v)
      high = Swift.max(high, v)
    }
    return low <= high ? low...high : nil
  }
}
