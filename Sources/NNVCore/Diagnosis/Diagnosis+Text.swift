import Foundation

extension Diagnosis {
  /// A number as findings write it: whole numbers and numbers from 100 up rounded plainly
  /// (`300`, `1341`), smaller ones with three significant digits (`0.0123`), the tiniest in
  /// scientific notation (`1.50e-05`).
  public static func number(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "infinity" : "-infinity") }
    let magnitude = abs(x)
    if x == x.rounded() || magnitude >= 100, magnitude < 1e15 { return String(Int64(x.rounded())) }
    if magnitude >= 1e15 || magnitude < 1e-3 { return String(format: "%.2e", x) }
    var text = String(format: "%.3g", x)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// A fraction as a whole percentage (`75%`), or `<1%` for a small one above zero.
  public static func percent(_ fraction: Double) -> String {
    guard fraction.isFinite else { return number(fraction * 100) + "%" }
    let whole = (fraction * 100).rounded()
    if whole == 0, fraction > 0 { return "<1%" }
    return number(whole) + "%"
  }

  /// `n` and a noun, with an `s` unless `n` is 1: `1 unit`, `3 units`.
  static func counted(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
  }

  /// Alternatives joined as a sentence: `a, b, or c`.
  static func alternatives(_ items: [String]) -> String {
    guard items.count > 1, let last = items.last else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + ", or " + last
  }
}
