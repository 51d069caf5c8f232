/// The class names of characters, readable in a list or a chart and read back without doubt.
///
/// A character model's classes are the characters of its text. Most are their own name (`a`,
/// `,`, `é`); the ones that would be invisible or would move the cursor get a name that shows
/// them: a space is `␣`, a line break `\n`, a tab `\t`, a carriage return `\r`, and any other
/// control, format or white-space character its code point, `\u{A0}`. Every name of more than
/// one character is one of these, so a name always gives back its character
/// (`character(named:)`); the one real character that would read as another, `␣` itself, is
/// named by its code point, `\u{2423}`.
public enum CharacterNames {
  /// The name that stands for a space.
  public static let space = "␣"

  /// The class name of `scalar`.
  public static func name(of scalar: Unicode.Scalar) -> String {
    switch scalar {
    case " ": return space
    case "\n": return "\\n"
    case "\t": return "\\t"
    case "\r": return "\\r"
    default:
      let properties = scalar.properties
      let hidden =
        properties.isWhitespace || properties.generalCategory == .control
        || properties.generalCategory == .format || properties.generalCategory == .lineSeparator
        || properties.generalCategory == .paragraphSeparator
        || properties.generalCategory == .unassigned
        || properties.generalCategory == .nonspacingMark
        || properties.generalCategory == .enclosingMark
      if hidden || String(scalar) == space {
        return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      }
      return String(scalar)
    }
  }

  /// The character a class name stands for; nil for a name that no character has.
  public static func character(named name: String) -> Unicode.Scalar? {
    let scalars = name.unicodeScalars
    if scalars.count == 1, let only = scalars.first {
      return name == space ? " " : only
    }
    switch name {
    case "\\n": return "\n"
    case "\\t": return "\t"
    case "\\r": return "\r"
    default:
      guard name.hasPrefix("\\u{"), name.hasSuffix("}"), name.count > 4, name.count <= 10,
        let value = UInt32(name.dropFirst(3).dropLast(), radix: 16),
        let scalar = Unicode.Scalar(value)
      else { return nil }
      return scalar
    }
  }
}
