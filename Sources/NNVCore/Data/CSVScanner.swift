/// Splits CSV bytes into records and fields, one record at a time (RFC 4180, leniently).
///
/// - Fields are separated by commas; a record ends at a line feed, a carriage return and line
///   feed, or a carriage return alone (old Mac files), or at the end of the data.
/// - A field may be quoted: inside quotes, commas and line breaks are part of the field and
///   `""` stands for one quote. Spaces before the opening quote are dropped, and text after the
///   closing quote is kept (`"ab"c` is `abc`), as spreadsheets write and read them.
/// - Line numbers count physical lines, so a quoted line break moves them on; columns count
///   characters (Unicode scalars) from 1 on each line.
/// - A record longer than `maximumFields` is counted to its end, but only its first fields
///   are kept, so a line of a million commas costs no memory.
struct CSVScanner {
  /// One field: its text, and the line and column where it starts.
  struct Cell {
    var text: String
    var line: Int
    var column: Int
  }

  /// One record: the line it starts on, its kept fields and how many fields it has in all.
  struct Record {
    var line: Int
    var cells: [Cell]
    var fieldCount: Int
    /// Whether the record is empty or spaces and tabs only (skipped by the loader).
    var isBlank: Bool
  }

  let bytes: UnsafeBufferPointer<UInt8>
  let file: String
  private(set) var offset = 0
  private(set) var line = 1
  private var column = 1

  static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
  static let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
  static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

  init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
    self.bytes = bytes
    self.file = file
    // A byte order mark, as some spreadsheets write, is not part of the first column's name.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
  }

  var isAtEnd: Bool { offset >= bytes.count }

  /// Moves past one byte, keeping the column (continuation bytes do not start a character).
  private mutating func advance() {
    if bytes[offset] & 0xC0 != 0x80 { column += 1 }
    offset += 1
  }

  /// Moves past a line break starting at `offset` (`\r\n`, `\n` or `\r`).
  private mutating func advanceLine() {
    if bytes[offset] == Self.carriageReturn, offset + 1 < bytes.count,
      bytes[offset + 1] == Self.lineFeed
    {
      offset += 1
    }
    offset += 1
    line += 1
    column = 1
  }

  /// The next record, or nil at the end of the data.
  mutating func nextRecord(maximumFields: Int) throws -> Record? {
    guard !isAtEnd else { return nil }
    var record = Record(line: line, cells: [], fieldCount: 0, isBlank: true)
    while true {
      let keep = record.fieldCount < maximumFields
      let (cell, quoted) = try nextField(keep: keep)
      record.fieldCount += 1
      if keep { record.cells.append(cell) }
      if quoted || !cell.text.utf8.allSatisfy({ $0 == Self.space || $0 == Self.tab }) {
        record.isBlank = false
      }
      guard !isAtEnd else { break }
      if bytes[offset] == Self.comma {
        // A comma at the very end still opens a last, empty field.
        record.isBlank = false
        advance()
        continue
      }
      advanceLine()
      break
    }
    return record
  }

  /// One field, up to (not past) the comma or line break that ends it. `keep` false skips the
  /// text. Returns the cell and whether it was quoted.
  private mutating func nextField(keep: Bool) throws -> (Cell, Bool) {
    var cell = Cell(text: "", line: line, column: column)
    let start = offset
    var probe = offset
    while probe < bytes.count, bytes[probe] == Self.space { probe += 1 }
    guard probe < bytes.count, bytes[probe] == Self.quote else {
      while !isAtEnd, !isDelimiter(bytes[offset]) { advance() }
      if keep { cell.text = try text(start..<offset, at: cell) }
      return (cell, false)
    }
    while offset < probe { advance() }
    let quoteLine = line, quoteColumn = column
    advance()
    var content: [UInt8] = []
    var segment = offset
    while true {
      guard !isAtEnd else {
        throw DataError.malformed(
          file: file, line: quoteLine, column: quoteColumn,
          message: "this quoted field is never closed")
      }
      let byte = bytes[offset]
      if byte == Self.quote {
        if keep { content += bytes[segment..<offset] }
        advance()
        guard !isAtEnd, bytes[offset] == Self.quote else { break }
        advance()  // "" is one quote, kept from the second
        segment = offset - 1
      } else if byte == Self.lineFeed || byte == Self.carriageReturn {
        advanceLine()  // a line break inside quotes is part of the field, as written
        if keep { content += bytes[segment..<offset] }
        segment = offset
      } else {
        advance()
      }
    }
    // Text after the closing quote, up to the delimiter, belongs to the field too.
    let rest = offset
    while !isAtEnd, !isDelimiter(bytes[offset]) { advance() }
    if keep {
      content += bytes[rest..<offset]
      cell.text = try text(content, at: cell)
    }
    return (cell, true)
  }

  private func isDelimiter(_ byte: UInt8) -> Bool {
    byte == Self.comma || byte == Self.lineFeed || byte == Self.carriageReturn
  }

  private func text<C: Collection<UInt8>>(_ content: C, at cell: Cell) throws -> String {
    guard let text = String(validating: content, as: UTF8.self) else {
      throw DataError.malformed(
        file: file, line: cell.line, column: cell.column,
        message: "this field is not UTF-8 text; save the file as UTF-8")
    }
    return text
  }

  private func text(_ range: Range<Int>, at cell: Cell) throws -> String {
    try text(UnsafeBufferPointer(rebasing: bytes[range]), at: cell)
  }
}
