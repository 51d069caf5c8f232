import Foundation

/// Numbers as text for labels, tooltips and SVG coordinates.
public enum NumberText {
  /// `value` with exactly `decimals` decimals; "nan", "inf", "-inf" for non-finite values.
  public static func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    let text = String(format: "%.\(Swift.max(0, Swift.min(decimals, 12)))f", value)
    // "-0.00" reads as a sign error on an axis.
    if text.hasPrefix("-"), Double(text) == 0 { return String(text.dropFirst()) }
    return text
  }

  /// A compact form with about four significant digits: 0.1234, 12.35, 1.2e-05, 3.4e+06.
  public static func short(_ value: Double) -> String {
    guard value.isFinite else { return fixed(value, decimals: 0) }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e5 || magnitude < 1e-3 { return String(format: "%.2g", value) }
    var text = String(format: "%.4g", value)
    if text.contains("."), !text.contains("e") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// A coordinate for SVG: at most two decimals, trailing zeros dropped.
  public static func coordinate(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    var text = fixed(value, decimals: 2)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// A byte count for people: 812 B, 12 KB, 3.4 MB.
  public static func bytes(_ count: Int) -> String {
    if count < 1024 { return "\(count) B" }
    let kb = Double(count) / 1024
    if kb < 1024 { return "\(Int(kb.rounded())) KB" }
    return fixed(kb / 1024, decimals: 1) + " MB"
  }
}
