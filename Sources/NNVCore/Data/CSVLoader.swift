import Foundation

/// Reads a data set from comma-separated values with a header row.
///
/// Every column but the target is a numeric feature. The target column is named; its values
/// become class labels when any of them is not a number, or when `classification` is forced,
/// and regression values otherwise. Fields may be quoted (`"a, b"`, with `""` for a quote).
/// Every problem — a missing column, a cell that is not a number, a row of the wrong length, an
/// empty file — is reported with the file, line and column, never by crashing.
public enum CSVLoader {
  /// Loads the file at `path`.
  ///
  /// - Parameters:
  ///   - target: the target column's name; the last column when `nil`.
  ///   - classification: force class labels (`true`) or values (`false`); inferred when `nil`.
  public static func load(
    path: String, target: String? = nil, classification: Bool? = nil
  ) throws -> Dataset {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw DataError.unreadable(
        file: path, message: "cannot read the file: \(FileProblem.reason(for: error, path: path))")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw DataError.unreadable(file: path, message: "the file is not UTF-8 text")
    }
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return try parse(
      text, file: path, name: name, target: target, classification: classification)
  }

  /// Parses CSV text; `file` is only used in error messages.
  public static func parse(
    _ text: String, file: String = "<csv>", name: String = "data", target: String? = nil,
    classification: Bool? = nil
  ) throws -> Dataset {
    var rows: [(line: Int, cells: [Cell])] = []
    var lineNumber = 0
    // "\r\n" is a single Character in Swift, and a newline like "\n".
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      lineNumber += 1
      try Cancellation.check()
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      rows.append((lineNumber, try splitFields(line, file: file, line: lineNumber)))
    }
    guard let header = rows.first else {
      throw DataError.malformed(
        file: file, line: 1, column: 1, message: "the file is empty; expected a header row")
    }
    let names = header.cells.map(\.text)
    guard names.count >= 2 else {
      throw DataError.malformed(
        file: file, line: header.line, column: 1,
        message: "expected at least two columns (features and a target), found \(names.count)")
    }
    let targetIndex: Int
    if let target {
      guard let index = names.firstIndex(of: target) else {
        throw DataError.malformed(
          file: file, line: header.line, column: 1,
          message: "no column named '\(target)'; the columns are "
            + names.map { "'\($0)'" }.joined(separator: ", "))
      }
      targetIndex = index
    } else {
      targetIndex = names.count - 1
    }
    let body = rows.dropFirst()
    guard !body.isEmpty else {
      throw DataError.malformed(
        file: file, line: header.line + 1, column: 1,
        message: "the file has a header but no data rows")
    }
    var features: [Float] = []
    features.reserveCapacity(body.count * (names.count - 1))
    var targetCells: [Cell] = []
    for row in body {
      try Cancellation.check()
      guard row.cells.count == names.count else {
        let column =
          row.cells.count > names.count
          ? row.cells[names.count].column
          : row.cells.last.map { $0.column + $0.text.count + 1 } ?? 1
        throw DataError.malformed(
          file: file, line: row.line, column: column,
          message: "expected \(names.count) fields as in the header, found \(row.cells.count)")
      }
      for (i, cell) in row.cells.enumerated() {
        if i == targetIndex {
          targetCells.append(cell)
          continue
        }
        guard let value = Float(cell.text.trimmingCharacters(in: .whitespaces)), value.isFinite
        else {
          throw DataError.malformed(
            file: file, line: row.line, column: cell.column,
            message: "'\(cell.text)' in column '\(names[i])' is not a number")
        }
        features.append(value)
      }
    }
    let featureNames = names.enumerated().filter { $0.offset != targetIndex }.map(\.element)
    let featureTensor = Tensor(
      uncheckedShape: [body.count, featureNames.count], scalars: features)
    let numbers = targetCells.map { Float($0.text.trimmingCharacters(in: .whitespaces)) }
    let isClassification = classification ?? numbers.contains(where: { $0 == nil })
    if isClassification {
      // Class names in order of first appearance, unless they are all integers: then by value.
      var classNames: [String] = []
      var index: [String: Int] = [:]
      let texts = targetCells.map { $0.text.trimmingCharacters(in: .whitespaces) }
      let ordered =
        texts.allSatisfy({ Int($0) != nil })
        ? Array(Set(texts)).sorted { (Int($0) ?? 0) < (Int($1) ?? 0) } : texts
      for text in ordered where index[text] == nil {
        index[text] = classNames.count
        classNames.append(text)
      }
      return Dataset(
        name: name, features: featureTensor, labels: texts.map { index[$0] ?? 0 },
        classNames: classNames, featureNames: featureNames)
    }
    var values: [Float] = []
    for (cell, number) in zip(targetCells, numbers) {
      guard let number, number.isFinite else {
        throw DataError.malformed(
          file: file, line: body[body.startIndex + values.count].line, column: cell.column,
          message: "'\(cell.text)' in target column '\(names[targetIndex])' is not a number")
      }
      values.append(number)
    }
    return Dataset(
      name: name, features: featureTensor,
      values: Tensor(uncheckedShape: [values.count, 1], scalars: values),
      featureNames: featureNames)
  }

  /// One field and the 1-based column where it starts.
  struct Cell {
    var text: String
    var column: Int
  }

  /// Splits one line into fields, honouring double quotes.
  static func splitFields(_ line: Substring, file: String, line lineNumber: Int) throws -> [Cell] {
    var cells: [Cell] = []
    var current = ""
    var start = 1
    var column = 0
    var inQuotes = false
    var quoteColumn = 0
    var iterator = Array(line).makeIterator()
    var pending: Character? = nil
    while let c = pending ?? iterator.next() {
      pending = nil
      column += 1
      if inQuotes {
        if c == "\"" {
          if let next = iterator.next() {
            if next == "\"" {
              current.append("\"")
              column += 1
            } else {
              inQuotes = false
              pending = next
            }
          } else {
            inQuotes = false
          }
        } else {
          current.append(c)
        }
      } else if c == "," {
        cells.append(Cell(text: current, column: start))
        current = ""
        start = column + 1
      } else if c == "\"" && current.allSatisfy({ $0 == " " }) {
        inQuotes = true
        quoteColumn = column
        current = ""
      } else {
        current.append(c)
      }
    }
    if inQuotes {
      throw DataError.malformed(
        file: file, line: lineNumber, column: quoteColumn,
        message: "this quoted field is never closed")
    }
    cells.append(Cell(text: current, column: start))
    return cells
  }
}
