import NNVCore

/// A value written to a CSV or JSON file (`write VALUE to "name.csv"`), every number in full
/// precision (`ExactNumber`), a piece at a time into a `TextSink`.
///
/// JSON nests naturally: numbers, strings, `true`/`false`, `null` for none, arrays for lists
/// and ranges, objects for records; a tensor is `{"shape", "data"}`, a data set as
/// `Dataset.writeJSON` writes it, a model `{"model": name, "history": [...]}`.
///
/// CSV holds tables, so a value is written as the table it reads as: a tensor, a data set or
/// a model's history as the core writes them; a number, string or boolean as one `value`; a
/// list (or range) of them as a `value` column; a list of equally long lists as rows; a list
/// of records as rows under the union of their field names; a record of single values as one
/// row under its field names, and a record of equally long lists as columns. Anything else
/// is an `ExportProblem` saying to write JSON.
enum ValueExport {
  /// Why a value cannot be written.
  struct Problem: Error {
    var message: String
    var hint: String
  }

  /// Ranges longer than this are refused: their numbers are made one at a time, and written
  /// out they could fill a disk.
  static let largestRange = Value.maximumSize

  // MARK: JSON

  static func writeJSON<Sink: TextSink>(_ value: Value, to sink: inout Sink) throws {
    switch value {
    case .number(let x): try sink.write(ExactNumber.json(x))
    case .string(let text): try sink.write(JSONText.string(text))
    case .boolean(let flag): try sink.write(flag ? "true" : "false")
    case .none: try sink.write("null")
    case .list, .range:
      try sink.write("[")
      for (index, element) in try elements(of: value).enumerated() {
        if index > 0 { try sink.write(",") }
        try writeJSON(element, to: &sink)
      }
      try sink.write("]")
    case .record(let record):
      try sink.write("{")
      for (index, field) in record.fields.enumerated() {
        try sink.write((index > 0 ? "," : "") + JSONText.string(field.name) + ":")
        try writeJSON(field.value, to: &sink)
      }
      try sink.write("}")
    case .tensor(let tensor): try tensor.writeJSON(to: &sink)
    case .dataset(let data): try data.writeJSON(to: &sink)
    case .model(let reference):
      try sink.write("{\"model\":" + JSONText.string(reference.model.name) + ",\"history\":")
      try reference.model.history.writeJSON(to: &sink)
      try sink.write("}")
    case .function, .builtin:
      throw Problem(message: "A function cannot be written to a file.", hint: functionHint)
    }
  }

  static let functionHint = "write what it returns: `write f(x) to \"out.json\"`"

  /// The elements of a list or range, a range checked against `largestRange`.
  static func elements(of value: Value) throws -> ValueElements {
    guard let elements = value.elements else { return ValueElements(storage: .list([])) }
    guard elements.count <= largestRange else {
      throw Problem(
        message: "A range of \(NumberFormatting.grouped(elements.count)) numbers is too long "
          + "to write; at most \(NumberFormatting.grouped(largestRange)) are written.",
        hint: "write a shorter range, or the values you computed from it")
    }
    return elements
  }

  // MARK: CSV

  static func writeCSV<Sink: TextSink>(_ value: Value, to sink: inout Sink) throws {
    switch value {
    case .tensor(let tensor): try tensor.writeCSV(to: &sink)
    case .dataset(let data): try data.writeCSV(to: &sink)
    case .model(let reference): try reference.model.history.writeCSV(to: &sink)
    case .list, .range: try writeRows(try elements(of: value), to: &sink)
    case .record(let record): try writeRecord(record, to: &sink)
    case .function, .builtin:
      throw Problem(message: "A function cannot be written to a file.", hint: functionHint)
    default:
      try sink.write("value\n" + (try field(value)) + "\n")
    }
  }

  /// A list's elements as a table: one `value` column, rows of numbers, or records as rows.
  static func writeRows<Sink: TextSink>(_ elements: ValueElements, to sink: inout Sink) throws {
    var poller = Cancellation.Poller(interval: 1 << 14)
    if elements.allSatisfy(isSingle) {
      try sink.write("value\n")
      for element in elements {
        try sink.write(try field(element) + "\n")
        try poller.advance()
      }
      return
    }
    if elements.allSatisfy({ if case .record = $0 { true } else { false } }) {
      try writeRecords(elements, to: &sink)
      return
    }
    let rows = try elements.map { element -> ValueElements in
      guard let row = element.elements, row.allSatisfy(isSingle),
        row.count
          == elements.first?
          .elements?.count
      else { throw notATable("a list of lists of different lengths, or of other values") }
      return row
    }
    try sink.write(CSVText.line(CSVText.elementNames([rows.first?.count ?? 0])))
    for row in rows {
      try sink.write(try row.map(field).joined(separator: ",") + "\n")
      try poller.advance(by: row.count)
    }
  }

  /// Records as rows, under the union of their field names in the order they first appear; a
  /// field a record lacks is empty.
  static func writeRecords<Sink: TextSink>(_ elements: ValueElements, to sink: inout Sink)
    throws
  {
    var names: [String] = []
    for case .record(let record) in elements {
      for field in record.fields where !names.contains(field.name) { names.append(field.name) }
    }
    try sink.write(CSVText.line(names))
    var poller = Cancellation.Poller(interval: 1 << 14)
    for case .record(let record) in elements {
      let fields = try names.map { name in try record[name].map(field) ?? "" }
      try sink.write(fields.joined(separator: ",") + "\n")
      try poller.advance(by: names.count)
    }
  }

  /// A record as one row under its field names, or as columns when every field is a list.
  static func writeRecord<Sink: TextSink>(_ record: Record, to sink: inout Sink) throws {
    let names = record.fields.map(\.name)
    if record.fields.allSatisfy({ isSingle($0.value) }) {
      try sink.write(CSVText.line(names))
      try sink.write(try record.fields.map { try field($0.value) }.joined(separator: ",") + "\n")
      return
    }
    let columns = try record.fields.map { field -> [Value] in
      if case .tensor(let tensor) = field.value, tensor.rank == 1 {
        return tensor.scalars.map { .number(NumberFormatting.double($0)) }
      }
      guard let column = field.value.elements, column.allSatisfy(isSingle) else {
        throw notATable("a record whose fields are not all single values or all lists")
      }
      return Array(try elements(of: field.value))
    }
    let length = columns.first?.count ?? 0
    guard columns.allSatisfy({ $0.count == length }) else {
      throw notATable("a record of lists of different lengths")
    }
    try sink.write(CSVText.line(names))
    var poller = Cancellation.Poller(interval: 1 << 14)
    for row in 0..<length {
      try sink.write(try columns.map { try field($0[row]) }.joined(separator: ",") + "\n")
      try poller.advance(by: columns.count)
    }
  }

  /// Whether a value fills one CSV field.
  static func isSingle(_ value: Value) -> Bool {
    switch value {
    case .number, .string, .boolean, .none: true
    default: false
    }
  }

  /// One CSV field: a number in full precision, text quoted when it must be, none empty.
  static func field(_ value: Value) throws -> String {
    switch value {
    case .number(let x): return ExactNumber.text(x)
    case .string(let text): return CSVText.field(text)
    case .boolean(let flag): return flag ? "true" : "false"
    case .none: return ""
    default: throw notATable("\(value.kindName) inside a table")
    }
  }

  static func notATable(_ what: String) -> Problem {
    Problem(
      message: "CSV holds a table, and this is \(what).",
      hint: "write it to a .json file, which keeps any nesting")
  }
}
