/// Text made safe to write to a terminal: control characters become visible escapes.
///
/// Names and text can come from files (a CSV header, a class label, a model name in an `.nnvm`
/// file) or from a script, and a terminal obeys the control characters in them: `ESC ] 0 ;`
/// retitles the window, `ESC [ 2 J` clears the screen, a carriage return or backspace
/// overwrites what was printed. So everything nnv writes to a terminal passes through here,
/// and such characters are shown as `\u{1B}` instead: the C0 controls (U+0000–U+001F) except
/// a newline and a tab, DEL (U+007F) and the C1 controls (U+0080–U+009F), whose CSI (U+009B)
/// some terminals read as `ESC [`.
public enum TerminalText {
  /// `text` with every control character escaped, except newlines and tabs when `layout`.
  public static func escaped(_ text: String, keepingLayout layout: Bool = true) -> String {
    guard needsEscaping(text, keepingLayout: layout) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      append(scalar, to: &out, keepingLayout: layout)
    }
    return out
  }

  /// `text`, which nnv has coloured itself, with every control character escaped except the
  /// newlines and tabs of its layout and well-formed colour sequences (`ESC [ 1 ; 31 m`): a
  /// name inside it can still not move the cursor, clear the screen or retitle the window.
  public static func escaped(styled text: String) -> String {
    guard needsEscaping(text, keepingLayout: true) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      if let end = colorSequenceEnd(scalars, from: index) {
        out.unicodeScalars.append(contentsOf: scalars[index..<end])
        index = end
      } else {
        append(scalars[index], to: &out, keepingLayout: true)
        index += 1
      }
    }
    return out
  }

  /// Whether `scalar` is a control character a terminal might act on.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  /// The escape shown for `scalar`: `\u{1B}`.
  public static func escape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "\\u{" + (hex.count == 1 ? "0" : "") + hex + "}"
  }

  private static func append(
    _ scalar: Unicode.Scalar, to out: inout String, keepingLayout layout: Bool
  ) {
    if isControl(scalar), !(layout && (scalar == "\n" || scalar == "\t")) {
      out += escape(scalar)
    } else {
      out.unicodeScalars.append(scalar)
    }
  }

  /// A quick look at the bytes: most text has no control character at all.
  private static func needsEscaping(_ text: String, keepingLayout layout: Bool) -> Bool {
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if byte < 0x20, !(layout && (byte == 0x0A || byte == 0x09)) { return true }
      if byte == 0x7F { return true }
      // The C1 controls are U+0080–U+009F: 0xC2 then 0x80–0x9F.
      if previous == 0xC2, (0x80...0x9F).contains(byte) { return true }
      previous = byte
    }
    return false
  }

  /// The end of a colour sequence `ESC [ (digits or ;)* m` starting at `index`, if one does.
  private static func colorSequenceEnd(_ scalars: [Unicode.Scalar], from index: Int) -> Int? {
    guard scalars[index] == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "["
    else { return nil }
    var end = index + 2
    while end < scalars.count, scalars[end] == ";" || ("0"..."9").contains(scalars[end]) {
      end += 1
    }
    guard end < scalars.count, scalars[end] == "m" else { return nil }
    return end + 1
  }
}
