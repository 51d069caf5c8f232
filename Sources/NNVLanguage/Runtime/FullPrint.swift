import NNVCore

/// `print full X`: every value of a large tensor or list, where `print X` shows a few along each
/// axis. A tensor of rank 2 or more prints a row per line (a blank line between the blocks of
/// a higher axis, as NumPy prints), and long rows and lists wrap at `wrapColumn`. The text is
/// given to the output a block of lines at a time, never built whole, and Ctrl-C stops it
/// between blocks.
struct FullPrint {
  /// Where a row of numbers wraps.
  static let wrapColumn = 96
  /// How much text is gathered before it goes to the output.
  static let blockSize = 1 << 16

  let output: any OutputSink
  /// Called after every block: throws when the script is interrupted.
  let check: () throws -> Void
  var buffer = ""
  var column = 0

  /// Writes `values` separated by spaces, then a line break, as `print full` does.
  mutating func line(_ values: [Value]) throws {
    for (index, value) in values.enumerated() {
      if index > 0 { add(" ") }
      if case .string(let text) = value { add(text) } else { try write(value, indent: 0) }
    }
    buffer += "\n"
    try flush()
  }

  mutating func add(_ text: String) {
    buffer += text
    column += text.utf8.count
  }

  /// Starts a new line indented by `indent` spaces; a full block goes to the output first.
  mutating func newline(indent: Int) throws {
    buffer += "\n"
    if buffer.utf8.count >= FullPrint.blockSize { try flush() }
    buffer += String(repeating: " ", count: indent)
    column = indent
  }

  /// After a comma: a space, or a new line when the line is long.
  mutating func separator(indent: Int) throws {
    if column > FullPrint.wrapColumn { try newline(indent: indent) } else { add(" ") }
  }

  mutating func flush() throws {
    output.write(buffer)
    buffer = ""
    try check()
  }

  mutating func write(_ value: Value, indent: Int) throws {
    switch value {
    case .tensor(let tensor):
      add("tensor \(Tensor.describe(tensor.shape))")
      guard tensor.rank > 0 else {
        add(" " + FullPrint.number(tensor.scalar))
        return
      }
      if tensor.rank == 1 { add(" ") } else { try newline(indent: 0) }
      try nested(tensor, axis: 0, offset: 0, indent: tensor.rank == 1 ? column : 0)
    case .list, .range:
      add("[")
      for (index, element) in (value.elements ?? ValueElements(storage: .list([]))).enumerated() {
        if index > 0 {
          add(",")
          try separator(indent: indent + 1)
        }
        try write(element, indent: indent + 1)
      }
      add("]")
    case .record(let record):
      add("{")
      for (index, field) in record.fields.enumerated() {
        if index > 0 {
          add(",")
          try separator(indent: indent + 1)
        }
        add(field.name + ": ")
        try write(field.value, indent: indent + 1)
      }
      add("}")
    default:
      add(value.debugText)
    }
  }

  /// One axis of a tensor: the numbers of the last axis wrapped, the others a row per line.
  mutating func nested(_ tensor: Tensor, axis: Int, offset: Int, indent: Int) throws {
    let size = tensor.shape[axis]
    let stride = tensor.shape.dropFirst(axis + 1).reduce(1, *)
    add("[")
    for i in 0..<size {
      if i > 0 { add(",") }
      if axis == tensor.rank - 1 {
        if i > 0 { try separator(indent: indent + 1) }
        add(FullPrint.number(tensor.scalars[offset + i]))
      } else {
        if i > 0 {
          if axis < tensor.rank - 2 { try newline(indent: 0) }
          try newline(indent: indent + 1)
        }
        try nested(tensor, axis: axis + 1, offset: offset + i * stride, indent: indent + 1)
      }
    }
    add("]")
  }

  /// A value as `print` shows it.
  static func number(_ x: Float) -> String {
    NumberFormatting.format(NumberFormatting.double(x))
  }
}

extension Interpreter {
  /// `print full a, b`: the values in full (`FullPrint`).
  func printFull(_ values: [Expression], in environment: Environment, at range: SourceRange)
    throws
  {
    let results = try values.map { try evaluate($0, in: environment) }
    try checkCancellation(at: range)
    var printer = FullPrint(output: output) { try self.checkCancellation(at: range) }
    try printer.line(results)
  }
}
