import NNVCore

/// A chart with formulas under it (`plot activation tanh`, `plot loss bce`): in the terminal
/// each formula on lines of its own, in ASCII when the chart draws with ASCII only; in SVG as
/// notes below the chart.
public struct FormulaView: Chart {
  public var chart: LineChart
  public var formulas: [Formula]

  public init(_ chart: LineChart, formulas: [Formula]) {
    self.chart = chart
    self.formulas = formulas
  }

  /// The formulas as the text view writes them, wrapped to the chart's width.
  var formulaLines: [String] {
    let ascii = chart.options.glyphs == .ascii
    return formulas.flatMap {
      NoteText.wrap(ascii ? $0.ascii : $0.text, width: chart.options.columns)
    }
  }

  public func text() -> String {
    var text = chart.text()
    if !text.hasSuffix("\n") { text += "\n" }
    return text + formulaLines.map { $0 + "\n" }.joined()
  }

  public func document() -> SVGDocument {
    NoteText.page(formulas.map(\.text), below: chart.document())
  }
}
