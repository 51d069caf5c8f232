import Foundation
import NNVCore
import NNVPlot
import Testing

/// Views as values: pages compose documents, and the display decides the chart options.
@Suite struct ViewCompositionTests {
  func chart(_ title: String, height: Double) -> LineChart {
    var options = ChartOptions(title: title)
    options.svgHeight = height
    return LineChart([Series("s", values: [1, 2, 3])], options: options)
  }

  @Test func stackedDocumentsArePlacedOneUnderAnother() throws {
    let view = StackedView([chart("top", height: 300), chart("bottom", height: 200)])
    let page = try view.document()
    #expect(page.height == 500)
    #expect(page.width == 640)
    #expect(page.title == "top")
    let check = try SVGCheck(page.render())
    // The page and one nested document per chart, the second placed at the first's height.
    #expect(try check.count("/svg/svg") == 2)
    let nested = try check.document.nodes(forXPath: "/svg/svg/@y").compactMap(\.stringValue)
    #expect(nested == ["0", "300"])
    #expect(try check.count("/svg/svg/title") == 2)
  }

  @Test func stackedTextSeparatesViewsByABlankLine() throws {
    let a = chart("a", height: 100)
    let b = chart("b", height: 100)
    #expect(try StackedView([a, b]).text() == a.text() + "\n" + b.text())
  }

  @Test func aSingleViewStackIsThatViewsDocument() throws {
    let only = chart("only", height: 250)
    #expect(try StackedView([only]).document().render() == only.svg())
  }

  @Test func notesGoUnderThePlacedDocument() throws {
    let inner = chart("inner", height: 400).document()
    let page = NoteText.page(["first note", "second note"], below: inner)
    #expect(page.height == 400 + 2 * 16 + 16)
    let check = try SVGCheck(page.render())
    #expect(try check.count("/svg/svg") == 1)
    let notes = try check.document.nodes(forXPath: "/svg/text[@class='note']")
    #expect(notes.compactMap(\.stringValue) == ["first note", "second note"])
    #expect(NoteText.page([], below: inner).render() == inner.render())
  }

  @Test func displayDecidesOptionsUnlessTheCommandSays() {
    let display = Display(colorMode: .truecolor, width: 120, asciiOnly: true)
    let plain = display.chartOptions()
    #expect(plain.width == 120)
    #expect(plain.colorMode == .truecolor)
    #expect(plain.glyphs == .ascii)
    let told = display.chartOptions(width: 5000, color: ColorMode.none, ascii: false)
    #expect(told.width == Display.maximumWidth)
    #expect(told.colorMode == .none)
    #expect(told.glyphs == .unicode)
    // A text file gets no colour and ignores the terminal's ASCII fallback.
    let file = display.chartOptions(forTextFile: true)
    #expect(file.colorMode == .none)
    #expect(file.glyphs == .unicode)
    #expect(display.chartOptions(ascii: true, forTextFile: true).glyphs == .ascii)
  }

  @Test func colorMapFitsTheSignOfTheValues() {
    #expect(ColorMap.fitting([0, 1, 2]) == .viridis)
    #expect(ColorMap.fitting([-1, 1]) == .diverging)
  }

  @Test func aBinCountAskedForIsTheCountDrawn() {
    let values = [0.1, 0.5, 0.5, 0.9, 1.2]
    let five = Bins(values, count: 5)
    #expect(five.counts.count == 5)
    #expect(five.edges.first == 0.1)
    #expect(abs((five.edges.last ?? 0) - 1.2) < 1e-12)
    // Edges 0.1, 0.32, 0.54, 0.76, 0.98, 1.2: the highest value falls in the last bin.
    #expect(five.counts == [1, 2, 0, 1, 1])
    #expect(Bins([3, 3, 3], count: 4).counts.reduce(0, +) == 3)
    // Without a count the edges stay nice numbers.
    let nice = Bins(values)
    #expect(nice.edges.allSatisfy { abs(($0 * 10).rounded() - $0 * 10) < 1e-9 })
  }
}
