import Foundation

/// Reads a data set from comma-separated values with a header row.
///
/// Every column but the target is a numeric feature. The target column is named; its values
/// become class labels when any of them is not a number, or when `classification` is forced,
/// and regression values otherwise. The format is RFC 4180's, read leniently (see
/// `CSVScanner`): quoted fields may hold commas, line breaks and `""` for a quote; lines may end
/// in LF, CRLF or CR alone; blank lines are skipped; a UTF-8 byte order mark is ignored.
///
/// Every problem — a missing or repeated column name, a cell that is not a number, an empty
/// target, a row of the wrong length, an empty file, a file too large — is reported with the
/// file, line and column, never by crashing. `Limits` keep memory bounded: the file's size is
/// checked before it is read, and the columns, rows and values as they are read.
public enum CSVLoader {
  /// How much a CSV file may hold; each limit is refused with a message naming it.
  public struct Limits: Sendable {
    /// The largest file, in bytes, checked before it is read.
    public var fileSize: Int
    /// The most columns.
    public var columns: Int
    /// The most data rows.
    public var rows: Int
    /// The most feature values (rows × feature columns).
    public var values: Int

    public init(fileSize: Int, columns: Int, rows: Int, values: Int) {
      self.fileSize = fileSize
      self.columns = columns
      self.rows = rows
      self.values = values
    }

    /// 256 MiB, 100,000 columns, 10,000,000 rows and 64 Mi values (256 MiB as floats).
    public static let standard = Limits(
      fileSize: 256 << 20, columns: 100_000, rows: 10_000_000, values: 64 << 20)
  }

  /// Loads the file at `path`: a regular file within `limits`.
  ///
  /// - Parameters:
  ///   - target: the target column's name; the last column when `nil`.
  ///   - classification: force class labels (`true`) or values (`false`); inferred when `nil`.
  public static func load(
    path: String, target: String? = nil, classification: Bool? = nil,
    limits: Limits = .standard
  ) throws -> Dataset {
    let data: Data
    do {
      data = try FileReader.read(path, limit: limits.fileSize, what: "a CSV file")
    } catch let problem as FileProblem {
      throw DataError.unreadable(file: path, message: "cannot read the file: \(problem.reason)")
    }
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return try parse(
      data: data, file: path, name: name, target: target, classification: classification,
      limits: limits)
  }

  /// Parses CSV text; `file` is only used in error messages.
  public static func parse(
    _ text: String, file: String = "<csv>", name: String = "data", target: String? = nil,
    classification: Bool? = nil
  ) throws -> Dataset {
    try parse(
      data: Data(text.utf8), file: file, name: name, target: target,
      classification: classification)
  }

  /// Parses CSV bytes (UTF-8); `file` is only used in error messages.
  public static func parse(
    data: Data, file: String = "<csv>", name: String = "data", target: String? = nil,
    classification: Bool? = nil, limits: Limits = .standard
  ) throws -> Dataset {
    let table = try data.withUnsafeBytes { raw in
      var scanner = CSVScanner(bytes: raw.bindMemory(to: UInt8.self), file: file)
      return try readTable(&scanner, target: target, limits: limits)
    }
    return try table.dataset(name: name, classification: classification)
  }

  /// The header, then every row: features as numbers, targets as text.
  static func readTable(
    _ scanner: inout CSVScanner, target: String?, limits: Limits
  ) throws -> CSVTable {
    var headerRecord: CSVScanner.Record?
    while let record = try scanner.nextRecord(maximumFields: limits.columns + 1) {
      if !record.isBlank {
        headerRecord = record
        break
      }
    }
    guard let header = headerRecord else {
      throw DataError.malformed(
        file: scanner.file, line: 1, column: 1, message: "the file is empty; expected a header row")
    }
    var table = try CSVTable(header: header, target: target, file: scanner.file, limits: limits)
    // Ctrl-C is honoured at every row (a large file takes seconds to read).
    while let record = try scanner.nextRecord(maximumFields: table.names.count + 1) {
      try Cancellation.check()
      if record.isBlank { continue }
      try table.append(record)
    }
    guard table.rowCount > 0 else {
      throw DataError.malformed(
        file: scanner.file, line: header.line + 1, column: 1,
        message: "the file has a header but no data rows")
    }
    return table
  }
}
