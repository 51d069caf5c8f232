/// A tensor written as CSV or JSON, every value in full precision (`ExactNumber`), a number at a
/// time into a `TextSink` (a file sink gathers the pieces and writes them in large blocks), so
/// no file is ever held whole in memory; a cancelled `Cancellation` token stops the writing.
///
/// CSV: a row per index of the first axis, the rest of each row flattened in row-major order,
/// under a header that names each column by its indices (`CSVText.elementName`): a tensor
/// `[n]` is one column `value`, `[n, d]` has columns `x0` … `x{d−1}`, `[n, C, H, W]` columns
/// `x0_0_0` … (channel, row, column). JSON: `{"shape": [...], "data": [...]}`, the data nested
/// as the shape says.
extension Tensor {
  /// How many values are written between two checks for cancellation.
  static let exportPiece = 1 << 16

  /// Writes the tensor as CSV (see the type's notes).
  public func writeCSV<Sink: TextSink>(to sink: inout Sink) throws {
    let width = rank <= 1 ? 1 : rowSize
    if rank <= 1 {
      try sink.write("value\n")
    } else {
      try CSVText.writeHeader(Array(shape.dropFirst()), to: &sink)
    }
    var poller = Cancellation.Poller(interval: Tensor.exportPiece)
    // A row is gathered into one piece (a very long one into several) before it goes out.
    var line = ""
    for start in Swift.stride(from: 0, to: count, by: Swift.max(width, 1)) {
      for j in 0..<width {
        if j > 0 { line += "," }
        line += ExactNumber.text(scalars[start + j])
        if line.utf8.count >= Tensor.exportPiece {
          try sink.write(line)
          line = ""
        }
      }
      line += "\n"
      try sink.write(line)
      line = ""
      try poller.advance(by: width)
    }
  }

  /// Writes the tensor as JSON: `{"shape": [...], "data": [...]}`.
  public func writeJSON<Sink: TextSink>(to sink: inout Sink) throws {
    try sink.write("{\"shape\":" + JSONText.integers(shape) + ",\"data\":")
    try writeJSONData(to: &sink)
    try sink.write("}")
  }

  /// Writes the values alone, nested as the shape says (a bare number for rank 0).
  public func writeJSONData<Sink: TextSink>(to sink: inout Sink) throws {
    guard rank > 0 else {
      try sink.write(ExactNumber.json(scalar))
      return
    }
    var poller = Cancellation.Poller(interval: Tensor.exportPiece)
    try nestedJSON(axis: 0, offset: 0, sink: &sink, poller: &poller)
  }

  /// One axis's array, recursively (at most `maximumRank` deep); the innermost axis writes the
  /// numbers.
  private func nestedJSON<Sink: TextSink>(
    axis: Int, offset: Int, sink: inout Sink, poller: inout Cancellation.Poller
  ) throws {
    let size = shape[axis]
    let stride = shape.dropFirst(axis + 1).reduce(1, *)
    try sink.write("[")
    for i in 0..<size {
      if i > 0 { try sink.write(",") }
      if axis == rank - 1 {
        try sink.write(ExactNumber.json(scalars[offset + i]))
      } else {
        try nestedJSON(axis: axis + 1, offset: offset + i * stride, sink: &sink, poller: &poller)
      }
    }
    if axis == rank - 1 { try poller.advance(by: size) }
    try sink.write("]")
  }
}

extension CSVText {
  /// Writes the header line of rows of samples of `shape` (`elementName`), a name at a time.
  public static func writeHeader<Sink: TextSink>(
    _ shape: [Int], prefix: String = "x", to sink: inout Sink
  ) throws {
    var poller = Cancellation.Poller(interval: Tensor.exportPiece)
    for k in 0..<shape.reduce(1, *) {
      if k > 0 { try sink.write(",") }
      try sink.write(elementName(k, in: shape, prefix: prefix))
      try poller.advance()
    }
    try sink.write("\n")
  }
}
