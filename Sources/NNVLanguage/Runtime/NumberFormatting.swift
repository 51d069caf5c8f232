import Foundation

/// How numbers read when printed.
enum NumberFormatting {
  /// The shortest text that reads back as `value`: `3`, `0.25`, `1e-08`.
  ///
  /// Whole numbers print without a decimal point. Results of arithmetic such as `0.1 + 0.2`
  /// print to 12 significant digits (`0.3`), which hides binary rounding noise that would only
  /// distract in a lesson.
  static func format(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == value.rounded(), abs(value) < 1e15 {
      return String(Int64(value))
    }
    let shortest = "\(value)"
    if shortest.count <= 14 { return shortest }
    let rounded = Double(String(format: "%.12g", value)) ?? value
    return "\(rounded)"
  }

  /// A number for a metric in a report: always 4 decimals.
  static func metric(_ value: Double) -> String {
    if !value.isFinite { return format(value) }
    // Fixed width, as Keras prints metrics, so columns of epochs line up.
    let text = String(format: "%.4f", value)
    return text == "-0.0000" ? "0.0000" : text
  }

  /// A `Float` from the core as the `Double` with the same shortest decimal form, so 0.1 in
  /// single precision prints as 0.1 and not 0.10000000149011612.
  static func double(_ value: Float) -> Double {
    Double("\(value)") ?? Double(value)
  }

  /// A whole number with its digits grouped in threes, for limits in messages: `10,000,000`.
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = value < 0 ? "-" : ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out += "," }
      out.append(digit)
    }
    return out
  }
}
