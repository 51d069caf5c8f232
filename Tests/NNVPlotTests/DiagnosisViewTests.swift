import Foundation
import NNVCore
import NNVPlot
import Testing

/// The diagnosis view: findings most serious first, marked by severity, wrapped to the width,
/// and in SVG one card per finding.
@Suite struct DiagnosisViewTests {
  static let report = Diagnosis.Report(
    model: "net", data: "train", validation: "test",
    findings: [
      Finding(
        .outputLoss, .error, layer: "dense_2", evidence: [.init("output_units", 1)],
        message: "The last layer always outputs 1, whatever the samples it is given to read.",
        suggestion: "use `dense 2 softmax` with `loss cce`"),
      Finding(
        .classImbalance, .note, evidence: [.init("largest", 200), .init("ratio", 10)],
        message: "In train, `0` has 200 samples and `1` 20.", suggestion: "judge by recall"),
    ],
    checked: [.outputLoss, .classBalance],
    skipped: [.init(check: .fitting, reason: "net has no training history")])

  @Test func theTextMarksEachFindingAndKeepsToTheWidth() throws {
    for width in [30, 50, 80] {
      let text = try DiagnosisView(Self.report, options: ChartOptions(width: width)).text()
      #expect(text.split(separator: "\n").allSatisfy { $0.count <= width }, "\(width)")
      #expect(text.contains("✖ error  output-loss  dense_2"))
      #expect(text.contains("● note  class-imbalance\n"))
      #expect(text.contains("2 findings: 1 error, 1 note\n"))
      #expect(text.contains("not checked:\n  over- and underfitting:"))
    }
    var ascii = ChartOptions(width: 80, glyphs: .ascii)
    ascii.colorMode = .none
    let plain = try DiagnosisView(Self.report, options: ascii).text()
    #expect(plain.contains("X error"))
    #expect(plain.contains("i note"))
    #expect(plain.unicodeScalars.allSatisfy { $0.isASCII })
    let colored = try DiagnosisView(Self.report, options: ChartOptions(colorMode: .truecolor))
      .text()
    #expect(colored.contains("\u{1B}[38;2;198;40;40m✖ error\u{1B}[0m"))
  }

  @Test func noFindingSaysSoWithWhatWasChecked() throws {
    let healthy = Diagnosis.Report(
      model: "net", data: "train", findings: [], checked: Diagnosis.Check.allCases)
    let text = try DiagnosisView(healthy, options: ChartOptions()).text()
    #expect(text.hasPrefix("diagnosis of net on train\nno problems found\n\nchecked: output"))
    #expect(!text.contains("not checked"))
  }

  @Test func theDocumentHasACardPerFinding() throws {
    let document = try DiagnosisView(Self.report, options: ChartOptions()).document()
    let check = try SVGCheck(document.render())
    #expect(try check.count("//*[@class='finding']") == 2)
    let codes = try check.document.nodes(forXPath: "//*[@class='finding']/@data-code")
      .compactMap(\.stringValue)
    #expect(codes == ["output-loss", "class-imbalance"])
    #expect(try check.count("//*[@class='suggestion']") == 2)
    let empty = Diagnosis.Report(model: "net", data: "train", findings: [], checked: [])
    let small = try DiagnosisView(empty, options: ChartOptions()).document()
    #expect(small.height < document.height)
  }
}
