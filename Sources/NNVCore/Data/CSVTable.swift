/// A CSV file as it is read: the column names, the features as numbers, and each row's target
/// both as a number (for regression) and as an index into the distinct target texts (for
/// classes), so a million rows of three classes keep three strings. Turned into a `Dataset`
/// once every row is in.
struct CSVTable {
  /// The most distinct target texts kept for classes; more cannot be classes.
  static let maximumClasses = 65_536

  let file: String
  let limits: CSVLoader.Limits
  let names: [String]
  let targetIndex: Int
  let targetName: String
  let headerLine: Int
  private(set) var features: [Float] = []
  /// Each row's target as a number (NaN when it is not one).
  private(set) var targetValues: [Float] = []
  /// Each row's target, as an index into `targetTexts`; emptied when there are too many.
  private(set) var targets: [Int32] = []
  /// The distinct target texts (trimmed), in order of first appearance.
  private(set) var targetTexts: [String] = []
  private var targetIDs: [String: Int32] = [:]
  /// Where the first target that is not a finite number is, for the regression error.
  private var firstNonNumber: (line: Int, column: Int, text: String)?
  /// Whether some target is not a number at all (then targets are classes by default).
  private var hasText = false
  /// Where the target that made too many classes is, if one did.
  private var tooManyClasses: (line: Int, column: Int)?

  var rowCount: Int { targetValues.count }

  /// Checks the header: enough columns, not too many, no name twice, the target present.
  init(
    header: CSVScanner.Record, target: String?, file: String, limits: CSVLoader.Limits
  ) throws {
    self.file = file
    self.limits = limits
    headerLine = header.line
    func fail(_ column: Int, _ message: String) -> DataError {
      .malformed(file: file, line: header.line, column: column, message: message)
    }
    guard header.fieldCount <= limits.columns else {
      throw fail(
        header.cells[limits.columns].column,
        "the header has \(header.fieldCount) columns; nnv reads at most \(limits.columns)")
    }
    names = header.cells.map { String(Self.trimmed($0.text)) }
    guard names.count >= 2 else {
      throw fail(
        1, "expected at least two columns (features and a target), found \(names.count)")
    }
    var seen: [String: Int] = [:]
    for (i, name) in names.enumerated() {
      if let first = seen[name] {
        throw fail(
          header.cells[i].column,
          "the column name '\(name)' appears twice (columns \(first + 1) and \(i + 1)); "
            + "give each column its own name")
      }
      seen[name] = i
    }
    if let target {
      guard let index = names.firstIndex(of: target) else {
        throw fail(
          1,
          "no column named '\(target)'; the columns are "
            + names.map { "'\($0)'" }.joined(separator: ", "))
      }
      targetIndex = index
    } else {
      targetIndex = names.count - 1
    }
    targetName = names[targetIndex]
  }

  /// Adds one data row: every feature must be a finite number and the target must be there.
  mutating func append(_ row: CSVScanner.Record) throws {
    try checkFits(row)
    for (i, cell) in row.cells.enumerated() where i != targetIndex {
      let text = Self.trimmed(cell.text)
      guard let value = Float(text), value.isFinite else {
        throw fail(
          cell.line, cell.column,
          "'\(cell.text)' in column '\(names[i])' is not a "
            + (Float(text) == nil ? "number" : "finite number"))
      }
      features.append(value)
    }
    try appendTarget(row.cells[targetIndex])
  }

  /// The error at a place in the file.
  func fail(_ line: Int, _ column: Int, _ message: String) -> DataError {
    .malformed(file: file, line: line, column: column, message: message)
  }

  /// Checks that a row has the header's fields and that the table has room for it.
  func checkFits(_ row: CSVScanner.Record) throws {
    guard row.fieldCount == names.count else {
      let column =
        row.cells.count > names.count
        ? row.cells[names.count].column
        : row.cells.last.map { $0.column + $0.text.count + 1 } ?? 1
      let line = row.cells.count > names.count ? row.cells[names.count].line : row.line
      throw fail(
        line, column, "expected \(names.count) fields as in the header, found \(row.fieldCount)")
    }
    guard rowCount < limits.rows else {
      throw fail(
        row.line, 1, "the file has more than \(limits.rows) data rows, the most nnv reads")
    }
    guard features.count + names.count - 1 <= limits.values else {
      throw fail(
        row.line, 1,
        "the file has more than \(limits.values) feature values (rows × feature columns), "
          + "the most nnv reads")
    }
  }

  /// Adds a row's target, both as a number and as a class, unless there are too many classes.
  mutating func appendTarget(_ cell: CSVScanner.Cell) throws {
    let text = String(Self.trimmed(cell.text))
    guard !text.isEmpty else {
      throw fail(
        cell.line, cell.column,
        "the target column '\(targetName)' is empty here; every row needs a target")
    }
    let number = Float(text)
    let value = number ?? .nan
    if number == nil { hasText = true }
    if firstNonNumber == nil, !value.isFinite {
      firstNonNumber = (cell.line, cell.column, cell.text)
    }
    targetValues.append(value)
    guard tooManyClasses == nil else { return }
    if let id = targetIDs[text] {
      targets.append(id)
    } else if targetTexts.count < Self.maximumClasses {
      let id = Int32(targetTexts.count)
      targetIDs[text] = id
      targetTexts.append(text)
      targets.append(id)
    } else {
      tooManyClasses = (cell.line, cell.column)
      targets = []
      targetTexts = []
      targetIDs = [:]
    }
  }

  /// Whole-number targets with at most this many distinct values are classes unless the script
  /// says otherwise: a 0/1 label column is a classification, not a regression.
  static let maximumInferredClasses = 20

  /// Whether the targets read as classes when the script does not say: some target is text, or
  /// every target is a whole number and there are few distinct ones.
  var looksLikeClasses: Bool {
    if hasText { return true }
    guard firstNonNumber == nil, tooManyClasses == nil, !targetTexts.isEmpty,
      targetTexts.count <= Self.maximumInferredClasses
    else { return false }
    return targetValues.allSatisfy { $0 == $0.rounded() }
  }

  /// The data set: classes when `classification` says so, or when the targets look like
  /// classes (`looksLikeClasses`); numbers for a regression otherwise.
  func dataset(name: String, classification: Bool?) throws -> Dataset {
    let featureNames = names.enumerated().filter { $0.offset != targetIndex }.map(\.element)
    let featureTensor = Tensor(
      uncheckedShape: [rowCount, featureNames.count], scalars: features)
    if classification ?? looksLikeClasses {
      if let place = tooManyClasses {
        throw DataError.malformed(
          file: file, line: place.line, column: place.column,
          message: "the target column '\(targetName)' has more than \(Self.maximumClasses) "
            + "different values, too many to be classes")
      }
      // Class names in order of first appearance, unless they are all integers: then by value.
      var order = Array(targetTexts.indices)
      let integers = targetTexts.map { Int($0) }
      if integers.allSatisfy({ $0 != nil }) {
        order.sort { (integers[$0] ?? 0) < (integers[$1] ?? 0) }
      }
      var classOf = [Int](repeating: 0, count: targetTexts.count)
      for (rank, id) in order.enumerated() { classOf[id] = rank }
      return Dataset(
        name: name, features: featureTensor, labels: targets.map { classOf[Int($0)] },
        classNames: order.map { targetTexts[$0] }, featureNames: featureNames)
    }
    if let bad = firstNonNumber {
      throw DataError.malformed(
        file: file, line: bad.line, column: bad.column,
        message: "'\(bad.text)' in target column '\(targetName)' is not a finite number")
    }
    return Dataset(
      name: name, features: featureTensor,
      values: Tensor(uncheckedShape: [rowCount, 1], scalars: targetValues),
      featureNames: featureNames)
  }

  /// `text` without spaces, tabs and line breaks at either end (cheaper than Foundation's
  /// trimming, which matters over millions of cells).
  static func trimmed(_ text: String) -> Substring {
    func isSpace(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
    let bytes = text.utf8
    guard let first = bytes.firstIndex(where: { !isSpace($0) }),
      let last = bytes.lastIndex(where: { !isSpace($0) })
    else { return text[text.endIndex...] }
    // Both ends sit next to ASCII bytes (or the ends of the text), so they start characters.
    return text[first..<bytes.index(after: last)]
  }
}
