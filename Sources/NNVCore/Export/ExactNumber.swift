/// Numbers as text that reads back bit for bit, for files other programs read (`write ... to
/// "x.csv"`): Swift's shortest round-trip form, so 0.1 in single precision is `0.1`, not
/// `0.10000000149011612`, and parsing the text as a `Float` gives the same bits again.
///
/// Whole numbers are written without a decimal point (`3`, not `3.0`) where that is exact;
/// negative zero keeps its sign (`-0.0`). NaN and the infinities are `nan`, `inf` and `-inf`,
/// which Python's `float`, NumPy and pandas read; JSON has no such numbers, so `json(_:)` writes
/// them as the strings `"NaN"`, `"Infinity"` and `"-Infinity"` (what `float()` and
/// JavaScript's `Number()` parse).
public enum ExactNumber {
  /// The largest magnitude below which every whole `Float` is written as an integer: 2^24,
  /// where consecutive floats are still 1 apart.
  static let wholeFloatLimit: Float = 16_777_216
  /// The same for `Double`: 10^15, within 2^53.
  static let wholeDoubleLimit: Double = 1e15

  /// `x` as the shortest text that parses back to the same `Float`.
  public static func text(_ x: Float) -> String {
    if x == 0 { return x.sign == .minus ? "-0.0" : "0" }
    if let special = nonFinite(Double(x)) { return special }
    if x == x.rounded(), abs(x) < wholeFloatLimit, !(x == 0 && x.sign == .minus) {
      return String(Int32(x))
    }
    return x.description
  }

  /// `x` as the shortest text that parses back to the same `Double`.
  public static func text(_ x: Double) -> String {
    if let special = nonFinite(x) { return special }
    if x == x.rounded(), abs(x) < wholeDoubleLimit, !(x == 0 && x.sign == .minus) {
      return String(Int64(x))
    }
    return x.description
  }

  /// `x` as a JSON value: a number, or a string for NaN and the infinities.
  public static func json(_ x: Float) -> String {
    x.isFinite ? text(x) : jsonNonFinite(Double(x))
  }

  /// `x` as a JSON value: a number, or a string for NaN and the infinities.
  public static func json(_ x: Double) -> String {
    x.isFinite ? text(x) : jsonNonFinite(x)
  }

  static func nonFinite(_ x: Double) -> String? {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    return nil
  }

  static func jsonNonFinite(_ x: Double) -> String {
    x.isNaN ? "\"NaN\"" : x < 0 ? "\"-Infinity\"" : "\"Infinity\""
  }
}
