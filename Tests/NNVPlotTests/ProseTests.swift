import NNVCore
import NNVPlot
import Testing

/// `note`'s prose: paragraphs wrapped to the width, lists, verbatim lines and a little markup.
@Suite struct ProseTests {
  @Test func paragraphsWrapAtSpacesAndLineBreaksInsideOneAreSpaces() throws {
    let text = try Prose.render(
      "one two three four five six seven eight nine ten eleven twelve\n  thirteen\n\nnext",
      width: 24, styled: false)
    #expect(
      text == """

        one two three four five
        six seven eight nine ten
        eleven twelve thirteen

        next

        """)
  }

  @Test func itemsWrapUnderTheirFirstWordAndVerbatimLinesStay() throws {
    let text = try Prose.render(
      """
      A list:
      - first item that is long enough to wrap
      2. second
      more of the second

          x   =   1

      after
      """, width: 24, styled: false)
    #expect(
      text == """

        A list:

        - first item that is
          long enough to wrap
        2. second more of the
           second

          x   =   1

        after

        """)
  }

  @Test func boldAndCodeAreStyledOnlyInColour() throws {
    let source = "a **bold** word and `plot activation tanh`, then **more `x`**"
    #expect(
      try Prose.render(source, width: 80, styled: false)
        == "\na bold word and `plot activation tanh`, then more `x`\n")
    let styled = try Prose.render(source, width: 80, styled: true)
    #expect(styled.contains("\u{1B}[1mbold\u{1B}[0m"))
    #expect(styled.contains("\u{1B}[36mplot activation tanh\u{1B}[0m,"))
    #expect(styled.contains("\u{1B}[1;36mx\u{1B}[0m"))
    // Bold words side by side are one run, their space included.
    #expect(
      try Prose.render("**two words**", width: 80, styled: true)
        == "\n\u{1B}[1mtwo words\u{1B}[0m\n")
    #expect(!styled.contains("`") && !styled.contains("**"))
    // Unclosed markup is text.
    #expect(
      try Prose.render("2 ** 3 and a `tick", width: 80, styled: true) == "\n2 ** 3 and a `tick\n")
  }

  @Test func codeSpansStayWholeAndLongWordsAreCut() throws {
    let text = try Prose.render(
      "see `train net on data` now and abcdefghijklmnopqrstuvwxyz", width: 20, styled: false)
    #expect(text == "\nsee\n`train net on data`\nnow and\nabcdefghijklmnopqrst\nuvwxyz\n")
    for line in text.split(separator: "\n") { #expect(line.count <= 20) }
  }

  @Test func controlCharactersAreShownEscaped() throws {
    let text = try Prose.render("title\u{1B}]0;owned\u{07} and \u{1B}[2J", width: 80, styled: true)
    #expect(!text.contains("\u{1B}]") && !text.contains("\u{1B}[2J"))
    #expect(text.contains("\\u{1B}"))
    #expect(try Prose.render("", width: 80, styled: false) == "")
    #expect(try Prose.render("\n\n  \n", width: 80, styled: false) == "")
  }

  /// A long note stops when the work is cancelled, as every long command does.
  @Test func aLongNoteStopsWhenCancelled() {
    let long = String(repeating: "word **bold** `code` ", count: 20_000)
    #expect(throws: CancellationError.self) {
      try Cancellation.run(with: CancellationToken(cancellingAtPoll: 1)) {
        try Prose.render(long, width: 80, styled: true)
      }
    }
  }
}
