/// The pieces of a CSV file as RFC 4180 writes them: fields separated by commas, a field that
/// holds a comma, a quote or a line break quoted (its quotes doubled), lines ended by `\n`.
public enum CSVText {
  /// `text` as one field, quoted when it must be.
  public static func field(_ text: String) -> String {
    let special = text.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
    guard special else { return text }
    var out = "\""
    for character in text {
      out += character == "\"" ? "\"\"" : String(character)
    }
    return out + "\""
  }

  /// One line of fields (quoted when they must be), with its line break.
  public static func line(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",") + "\n"
  }

  /// The header name of element `k` of a sample of `shape`: `x3` for a flat sample, and the
  /// indices within the sample, joined by `_`, for one of more axes (`x0_2_1` is channel 0,
  /// row 2, column 1 of an image `[C, H, W]`).
  public static func elementName(_ k: Int, in shape: [Int], prefix: String = "x") -> String {
    guard shape.count > 1 else { return "\(prefix)\(k)" }
    var rest = k
    var parts = [Int](repeating: 0, count: shape.count)
    for axis in shape.indices.reversed() {
      let size = Swift.max(shape[axis], 1)
      parts[axis] = rest % size
      rest /= size
    }
    return prefix + parts.map(String.init).joined(separator: "_")
  }

  /// The header names of every element of a sample of `shape` (`elementName`).
  public static func elementNames(_ shape: [Int], prefix: String = "x") -> [String] {
    (0..<shape.reduce(1, *)).map { elementName($0, in: shape, prefix: prefix) }
  }
}

/// The pieces of JSON text: strings escaped as RFC 8259 asks.
public enum JSONText {
  /// `text` as a JSON string, quoted, with quotes, backslashes and control characters escaped.
  public static func string(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// A JSON array of strings.
  public static func strings(_ texts: [String]) -> String {
    "[" + texts.map(string).joined(separator: ",") + "]"
  }

  /// A JSON array of whole numbers.
  public static func integers(_ values: [Int]) -> String {
    "[" + values.map(String.init).joined(separator: ",") + "]"
  }
}
