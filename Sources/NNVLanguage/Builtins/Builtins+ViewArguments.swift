import NNVCore
import NNVPlot

/// Checking what views are given: the rows of a heatmap. A value a view cannot draw is an error
/// naming it, never a blank cell. (Counts such as `bins` and `resolution` are checked against
/// their declared bounds and limits before a view runs.)
extension Builtins {
  /// A list of lists of numbers as the rows of a heatmap: every element a number, every row
  /// as long as the first, and at most `Value.maximumSize` cells.
  static func numberRows(_ call: BuiltinCall, _ rows: some Sequence<Value>) throws -> Matrix {
    var matrix: [[Double]] = []
    var cells = 0
    for (r, row) in rows.enumerated() {
      guard let elements = row.elements else { throw call.fail(.needsNumbers(row), at: "value") }
      cells += elements.count
      guard cells <= Value.maximumSize else { throw call.fail(.tooManyNumbers(cells), at: "value") }
      guard r == 0 || elements.count == matrix[0].count else {
        throw call.fail(.raggedRows(r, elements.count, matrix[0].count), at: "value")
      }
      let numbers = try elements.enumerated().map { c, element in
        guard case .number(let x) = element else {
          throw call.fail(.notANumberCell(element, row: r, column: c), at: "value")
        }
        return x
      }
      matrix.append(numbers)
    }
    return Matrix(matrix)
  }
}

extension Diagnostic.Message {
  static func notANumberCell(_ element: Value, row: Int, column: Int) -> Self {
    Self(
      "Expect numbers to plot, but row \(row), element \(column) is \(element.kindName).",
      hint: "every element of every row must be a number")
  }
  static func raggedRows(_ row: Int, _ count: Int, _ first: Int) -> Self {
    Self(
      "Row \(row) has \(count) number\(count == 1 ? "" : "s"), but row 0 has \(first); a heatmap "
        + "needs rows of one length.")
  }
}
