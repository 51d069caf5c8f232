/// Escaping text for markup: one rule for SVG (XML) and HTML, since every page nnv writes places
/// SVG documents inside HTML and names from files reach both.
public enum MarkupEscaping {
  /// Escapes `&`, `<`, `>`, `"` and `'` for text and attribute values, and drops what neither
  /// XML nor HTML allows as text: control characters (C0 but tab and line feed, DEL and C1) and
  /// Unicode's noncharacters.
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\t", "\n": result.unicodeScalars.append(scalar)
      default:
        let v = scalar.value
        let control = v < 0x20 || (v >= 0x7F && v <= 0x9F)
        let nonCharacter = (v >= 0xFDD0 && v <= 0xFDEF) || v & 0xFFFE == 0xFFFE
        if !control, !nonCharacter { result.unicodeScalars.append(scalar) }
      }
    }
    return result
  }
}
