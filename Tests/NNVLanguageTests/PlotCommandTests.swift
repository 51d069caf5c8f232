import NNVLanguage
import Testing

/// `plot`: what kind of chart a value becomes.
@Suite struct PlotCommandTests {
  func output(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    let (result, output) = ScriptRunner.run(source)
    #expect(
      result.status == .success, "\(result.diagnostics.map(\.text))",
      sourceLocation: sourceLocation)
    return output.text
  }

  @Test func aFlatListAsAHeatmapIsOneRow() {
    let flat = output("plot [1, 2, 3] as heatmap width 60 color none")
    let row = output("plot [[1, 2, 3]] width 60 color none")
    let line = output("plot [1, 2, 3] width 60 color none")
    #expect(!flat.isEmpty)
    #expect(flat == row)
    #expect(flat != line)
    #expect(flat.contains("1 row × 3 columns"), "\(flat)")
  }

  @Test func aFlatRangeAsAHeatmapIsOneRowToo() {
    let range = output("plot range(4) as heatmap width 60 color none")
    #expect(range == output("plot [[0, 1, 2, 3]] width 60 color none"))
  }

  @Test func aFlatListWithAStringIsAnErrorNamingIt() throws {
    let (result, _) = ScriptRunner.run("plot [1, \"x\"] as heatmap")
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.text.contains("element 1 is a string"), "\(diagnostic.text)")
  }

  /// `none` is also a value, but after `color` it is the word for monochrome, as `:help` says.
  @Test func colorNoneIsTheMonochromeChoice() {
    let plain = output("plot [1, 2, 3] width 60 color none")
    let colored = output("plot [1, 2, 3] width 60 color truecolor")
    #expect(!plain.isEmpty && !plain.contains("\u{1B}["))
    #expect(colored.contains("\u{1B}["))
  }
}
