import Foundation

/// Numbers as text for labels, tooltips and SVG coordinates.
public enum NumberText {
  /// `value` with exactly `decimals` decimals; "nan", "inf", "-inf" for non-finite values.
  public static func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    let decimals = Swift.max(0, Swift.min(decimals, 12))
    // SVG documents print tens of thousands of coordinates; Foundation's formatter is the
    // slowest step of a 200×200 boundary, so ordinary values take an integer path.
    if decimals <= 6, abs(value) < 1e12 {
      let scale = powersOfTen[decimals]
      let scaled = UInt64((abs(value) * Double(scale)).rounded(.toNearestOrEven))
      guard scaled != 0 || decimals > 0 else { return "0" }
      var text = value < 0 && scaled != 0 ? "-" : ""
      text += String(scaled / scale)
      if decimals > 0 {
        let fraction = String(scaled % scale)
        text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
      }
      return text
    }
    let text = String(format: "%.\(decimals)f", value)
    // "-0.00" reads as a sign error on an axis.
    if text.hasPrefix("-"), Double(text) == 0 { return String(text.dropFirst()) }
    return text
  }

  static let powersOfTen: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

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
    if text.utf8.contains(UInt8(ascii: ".")) {
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
