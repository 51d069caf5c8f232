import NNVPlot
import Testing

/// Control characters from files and scripts never reach the terminal as they are.
@Suite struct TerminalTextTests {
  @Test func controlCharactersBecomeVisibleEscapes() {
    // A title change (OSC ... BEL), a screen clear (CSI 2J), a carriage return, DEL and the C1
    // CSI, which some terminals read as ESC [.
    let hostile = "a\u{1B}]0;owned\u{07}b\u{1B}[2Jc\rd\u{7F}e\u{9B}31mf"
    let escaped = TerminalText.escaped(hostile)
    #expect(escaped == "a\\u{1B}]0;owned\\u{07}b\\u{1B}[2Jc\\u{0D}d\\u{7F}e\\u{9B}31mf")
    #expect(!escaped.unicodeScalars.contains { TerminalText.isControl($0) })
  }

  @Test func layoutIsKeptUnlessAskedOtherwise() {
    #expect(TerminalText.escaped("a\tb\nc") == "a\tb\nc")
    #expect(TerminalText.escaped("a\tb\nc", keepingLayout: false) == "a\\u{09}b\\u{0A}c")
  }

  @Test func plainTextIsReturnedAsItIs() {
    let text = "naïve 🧠 — ümlaut, 東京"
    #expect(TerminalText.escaped(text) == text)
    #expect(TerminalText.escaped(styled: text) == text)
  }

  @Test func styledTextKeepsOnlyColourSequences() {
    let styled = "\u{1B}[1;31merror:\u{1B}[0m name\u{1B}[2J \u{1B}[38;2;1;2;3mx\u{1B}[0m"
    #expect(
      TerminalText.escaped(styled: styled)
        == "\u{1B}[1;31merror:\u{1B}[0m name\\u{1B}[2J \u{1B}[38;2;1;2;3mx\u{1B}[0m")
    // An unfinished sequence at the end is escaped too.
    #expect(TerminalText.escaped(styled: "x\u{1B}[31") == "x\\u{1B}[31")
  }
}
