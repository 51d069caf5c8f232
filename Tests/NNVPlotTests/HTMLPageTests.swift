import Foundation
import NNVCore
import NNVPlot
import NNVTestSupport
import Testing

/// HTML pages: markup built only from escaped text, sections that fold with a table of
/// contents, and the check that keeps them well-formed.
@Suite struct HTMLPageTests {
  static func chart(_ title: String) -> LineChart {
    LineChart([Series("s", values: [1, 3, 2])], options: ChartOptions(title: title))
  }

  static func page(sections: [HTMLSection]) -> HTMLPage {
    HTMLPage(
      title: "a page", kicker: "test", subtitle: "with sections",
      facts: [.init("answer", "42", tooltip: "the answer")], sections: sections,
      footer: "the end", generator: "tests")
  }

  @Test func aPageIsWellFormedWithItsSectionsInTheContents() throws {
    let sections = [
      HTMLSection(id: "first", title: "First", body: [.svg(Self.chart("one").document())]),
      HTMLSection(
        id: "second", title: "Second", note: "2 charts",
        body: [.svg(Self.chart("two").document()), .svg(Self.chart("three").document())]),
    ]
    let html = Self.page(sections: sections).render()
    let check = HTMLCheck(html)
    #expect(check.problems.isEmpty, "\(check.problems)")
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(check.svgs.count == 3)
    #expect(check.elementCounts["details"] == 2)
    #expect(check.elementCounts["script"] == 1)
    #expect(check.elementCounts["style"] == 1)
    // Every section is linked from the contents, in order.
    #expect(check.links == ["first", "second"])
    #expect(html.contains("<details class=\"section\" id=\"second\" open=\"\">"))
    #expect(html.contains("<dd title=\"the answer\">42</dd>"))
    #expect(html.contains("<title>a page · test</title>"))
    // Nothing is loaded from elsewhere: the only URL is the SVG namespace.
    let urls = html.components(separatedBy: "http").count - 1
    #expect(urls == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
  }

  @Test func repeatedAndReservedIdsBecomeUnique() {
    let sections = ["x", "x", "contents", "Two Words!", "9lives"].map {
      HTMLSection(id: $0, title: $0, body: [])
    }
    let check = HTMLCheck(Self.page(sections: sections).render())
    #expect(check.problems.isEmpty, "\(check.problems)")
    #expect(check.links == ["x", "x-2", "contents-2", "two-words", "s-9lives"])
  }

  @Test func textFromModelsAndDataCanOnlyBeText() throws {
    let hostile = "<script>alert('x')</script> & \"quoted\" \u{0}\u{1B}[2J"
    let page = HTMLPage(
      title: hostile, kicker: hostile, subtitle: hostile, facts: [.init(hostile, hostile)],
      sections: [
        HTMLSection(
          id: hostile, title: hostile, note: hostile,
          body: [
            .element("p", ["title": hostile], text: hostile),
            .svg(Self.chart(hostile).document()),
          ])
      ],
      footer: hostile, generator: hostile)
    let html = page.render()
    let check = HTMLCheck(html)
    #expect(check.problems.isEmpty, "\(check.problems)")
    #expect(check.elementCounts["script"] == 1, "only the page's own script")
    #expect(!html.contains("<script>alert"))
    #expect(
      html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
    #expect(!html.contains("\u{0}") && !html.contains("\u{1B}"))
  }

  @Test func escapingKeepsOrdinaryTextAndDropsControls() {
    #expect(HTML.escape("naïve café — 3 × 4 → 12") == "naïve café — 3 × 4 → 12")
    #expect(HTML.escape("a<b>&c\"d'e") == "a&lt;b&gt;&amp;c&quot;d&#39;e")
    #expect(HTML.escape("tab\tline\nbell\u{7}del\u{7F}c1\u{85}") == "tab\tline\nbelldelc1")
    #expect(HTML.identifier("Hidden states") == "hidden-states")
    #expect(HTML.identifier("<>") == "s-")
  }

  @Test func elementNamesAreWhatTheCodeSpells() {
    let markup = HTMLMarkup.element("p onclick=alert(1)", ["bad name\"": "v"], text: "t")
    #expect(markup.html == "<ponclickalert1 badname=\"v\">t</ponclickalert1>")
    #expect(HTMLMarkup.element("br", ["class": "x"]).html == "<br class=\"x\">")
    let joined = HTMLMarkup.joined([.text("a"), .text("b")], separator: " & ")
    #expect(joined.html == "a &amp; b")
  }

  @Test func theCheckFindsWhatIsWrong() {
    func problems(_ body: String) -> [String] {
      HTMLCheck(
        "<!DOCTYPE html><html><head><title>t</title></head><body>\(body)</body></html>"
      ).problems
    }
    #expect(problems("<p>fine &amp; well</p><br><svg><rect/></svg>").isEmpty)
    #expect(problems("<p>open").contains { $0.contains("</body> at byte") })
    #expect(problems("<div></span></div>").contains { $0.contains("</span>") })
    #expect(problems("a & b").contains { $0.contains("bare &") })
    #expect(problems("a < b").contains { $0.contains("opens no tag") })
    #expect(problems("<div/>").contains { $0.contains("closes itself") })
    #expect(problems("<p id=\"a\"></p><p id=\"a\"></p>").contains { $0.contains("used twice") })
    #expect(problems("<a href=\"#nowhere\">x</a>").contains { $0.contains("no target") })
    #expect(problems("<img src=\"x.png\">").contains { $0.contains("from outside") })
    #expect(problems("<a href=\"https://x.org\">x</a>").contains { $0.contains("outside") })
    #expect(problems("<p class=x>y</p>").contains { $0.contains("unquoted") })
    #expect(problems("<p a=\"1\" a=\"2\">y</p>").contains { $0.contains("repeats") })
    #expect(problems("<svg><g></svg></g>").contains { $0.contains("closes <g>") })
    #expect(!HTMLCheck("<html><head><title>t</title></head><body></body></html>").problems.isEmpty)
    #expect(
      HTMLCheck("<!DOCTYPE html><html><head></head><body></body></html>").problems
        .contains { $0.contains("<title>") })
  }

  @Test func inlineSVGIsCheckedAsXML() {
    // An HTML parser would accept this; XML does not (the attribute has no value).
    let html =
      "<!DOCTYPE html><html><head><title>t</title></head><body>"
      + "<svg viewBox=\"0 0 1 1\"><rect hidden></rect></svg></body></html>"
    let check = HTMLCheck(html)
    #expect(check.svgs.count == 1)
    #expect(check.problems.contains { $0.contains("not well-formed XML") }, "\(check.problems)")
  }
}
