import Foundation
import NNVCore

/// A confusion matrix: counts of (actual, predicted) class pairs with per-class precision and
/// recall, drawn from NNVCore's `ConfusionCounts`.
///
/// Rows are actual classes, columns predicted ones. A class never predicted (or never present)
/// has no precision (or recall), shown as "–".
public struct ConfusionMatrix: Sendable {
  /// The counts with precision, recall and accuracy.
  public var confusion: ConfusionCounts
  public var classNames: [String]
  public var options: ChartOptions
  /// What one count is, for the accuracy line: `samples`, or `steps` for data with a target at
  /// every step.
  public var counted = "samples"

  /// The chart of `confusion`; classes without a name are called `class k`.
  public init(
    _ confusion: ConfusionCounts, classNames: [String], options: ChartOptions = ChartOptions()
  ) {
    self.confusion = confusion
    let n = confusion.classCount
    self.classNames = (0..<n).map { $0 < classNames.count ? classNames[$0] : "class \($0)" }
    self.options = options
  }

  public init(counts: [[Int]], classNames: [String], options: ChartOptions = ChartOptions()) {
    self.init(ConfusionCounts(counts: counts), classNames: classNames, options: options)
  }

  /// Builds the counts from actual and predicted labels (pairs with a negative label are skipped).
  public init(
    actual: [Int], predicted: [Int], classNames: [String], options: ChartOptions = ChartOptions()
  ) {
    self.init(
      ConfusionCounts(actual: actual, predicted: predicted, classCount: classNames.count),
      classNames: classNames, options: options)
  }

  /// `counts[actual][predicted]`, square.
  public var counts: [[Int]] {
    get { confusion.counts }
    set { confusion = ConfusionCounts(counts: newValue) }
  }

  public var total: Int { confusion.total }

  public func recall(_ k: Int) -> Double? { confusion.recall(k) }

  public func precision(_ k: Int) -> Double? { confusion.precision(k) }

  public var accuracy: Double? { confusion.accuracy }

  static func percent(_ x: Double?, decimals: Int = 1) -> String {
    x.map { NumberText.fixed($0 * 100, decimals: decimals) + "%" } ?? "–"
  }

  // MARK: Text

  public func text() -> String {
    var lines: [String] = []
    if let title = options.title { lines.append(TextLayout.clip(title, options.columns)) }
    let n = counts.count
    guard n > 0 else { return (lines + ["(no classes)"]).joined(separator: "\n") + "\n" }
    // At least as wide as "precision", the last row's name.
    let nameWidth = Swift.min(14, Swift.max(9, classNames.map(\.count).max() ?? 9))
    // Columns fit "100.0%"; when that is too wide for the terminal, percentages lose their
    // decimal and columns narrow to "100%".
    let digits = String(counts.joined().max() ?? 0).count + 1
    let nameColumn = Swift.min(12, classNames.map(\.count).max() ?? 0) + 1
    var countWidth = Swift.max(7, digits, nameColumn)
    var decimals = 1
    if 2 + nameWidth + n * countWidth + 9 > options.columns {
      countWidth = Swift.max(5, digits, Swift.min(nameColumn, 5))
      decimals = 0
    }
    func percent(_ x: Double?) -> String { ConfusionMatrix.percent(x, decimals: decimals) }
    let names = classNames.map { TextLayout.clip($0, nameWidth) }
    let maxCount = Double(Swift.max(1, counts.joined().max() ?? 1))
    var header = TextLayout.pad("actual \\ predicted", nameWidth + 2)
    if header.count > nameWidth + 2 {
      lines.append(header); header = String(repeating: " ", count: nameWidth + 2)
    }
    header += names.map {
      TextLayout.pad(TextLayout.clip($0, countWidth - 1), countWidth, right: true)
    }.joined()
    header += "   " + TextLayout.pad("recall", 6, right: true)
    lines.append(header)
    for r in 0..<n {
      var line = "  " + TextLayout.pad(names[r], nameWidth)
      for c in 0..<n {
        let text = TextLayout.pad("\(counts[r][c])", countWidth, right: true)
        if options.colored, counts[r][c] > 0 {
          let base = r == c ? CategoricalPalette.color(2) : CategoricalPalette.color(3)
          let bg = RGB.white.mixed(with: base, 0.2 + 0.6 * Double(counts[r][c]) / maxCount)
          line +=
            ANSIStyle.background(bg, options.colorMode)
            + ANSIStyle.foreground(.black, options.colorMode) + text + ANSIStyle.reset
        } else {
          line += text
        }
      }
      line += "   " + TextLayout.pad(percent(recall(r)), 6, right: true)
      lines.append(line)
    }
    lines.append(
      "  " + TextLayout.pad("precision", nameWidth)
        + (0..<n).map { TextLayout.pad(percent(precision($0)), countWidth, right: true) }.joined())
    lines.append("accuracy \(ConfusionMatrix.percent(accuracy)) of \(total) \(counted)")
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: SVG

  public func document() -> SVGDocument {
    let n = counts.count
    var doc = SVGDocument(width: options.svgWidth, height: options.svgHeight)
    SVGAxes.title(&doc, options.title ?? "confusion matrix", width: doc.width)
    guard n > 0 else {
      doc.text("(no classes)", x: doc.width / 2, y: doc.height / 2, anchor: "middle")
      return doc.titled("confusion matrix")
    }
    let side = Swift.min(doc.width - 260, doc.height - 130)
    let cell = side / Double(n)
    let grid = Box(x: 130, y: 70, width: side, height: side)
    let font = Swift.max(7, Swift.min(14, cell / 3))
    doc.text(
      "predicted", x: grid.x + side / 2, y: grid.y - 28, anchor: "middle", size: 12, weight: "bold")
    doc.text(
      "actual", x: 20, y: grid.y + side / 2, anchor: "middle", size: 12, weight: "bold",
      extra: [("transform", "rotate(-90 20 \(NumberText.coordinate(grid.y + side / 2)))")])
    drawCells(&doc, grid: grid, cell: cell, font: font)
    for k in 0..<n {
      let name = TextLayout.clip(classNames[k], 12)
      doc.text(
        name, x: grid.x + (Double(k) + 0.5) * cell, y: grid.y - 8, anchor: "middle",
        size: Swift.min(11, font))
      doc.text(
        name, x: grid.x - 8, y: grid.y + (Double(k) + 0.5) * cell + 4, anchor: "end",
        size: Swift.min(11, font))
      doc.text(
        ConfusionMatrix.percent(recall(k)), x: grid.maxX + 8,
        y: grid.y + (Double(k) + 0.5) * cell + 4,
        size: Swift.min(11, font), extra: [("class", "recall")])
      // Under narrow columns "100.0%" runs into its neighbours: whole percentages there.
      doc.text(
        ConfusionMatrix.percent(precision(k), decimals: cell >= 44 ? 1 : 0),
        x: grid.x + (Double(k) + 0.5) * cell, y: grid.maxY + 16,
        anchor: "middle", size: Swift.min(11, font), extra: [("class", "precision")])
    }
    doc.text("recall", x: grid.maxX + 8, y: grid.y - 8, size: 11, weight: "bold")
    doc.text("precision", x: grid.x - 8, y: grid.maxY + 16, anchor: "end", size: 11, weight: "bold")
    doc.text(
      "accuracy \(ConfusionMatrix.percent(accuracy)) of \(total) \(counted)", x: grid.x,
      y: grid.maxY + 40, size: 12)
    return doc.titled(options.title ?? "confusion matrix")
  }
  /// One square per pair of classes, coloured by its count, with the count written in it
  /// when it fits.
  func drawCells(_ doc: inout SVGDocument, grid: Box, cell: Double, font: Double) {
    let n = counts.count
    let maxCount = Double(Swift.max(1, counts.joined().max() ?? 1))
    doc.beginGroup([("class", "cells")])
    for r in 0..<n {
      for c in 0..<n {
        let t = Double(counts[r][c]) / maxCount
        let fill = ColorMap.viridis.color(at: t)
        let x = grid.x + Double(c) * cell
        let y = grid.y + Double(r) * cell
        doc.rect(
          x: x, y: y, width: cell, height: cell, fill: fill.hex, stroke: "#ffffff",
          tooltip: "actual \(classNames[r]), predicted \(classNames[c]): \(counts[r][c])",
          extra: [("class", "cell")])
        if cell >= 14 {
          doc.text(
            "\(counts[r][c])", x: x + cell / 2, y: y + cell / 2 + font / 3, anchor: "middle",
            size: font,
            fill: fill.luminance > 0.5 ? "#000000" : "#ffffff")
        }
      }
    }
    doc.endGroup()
  }

}
