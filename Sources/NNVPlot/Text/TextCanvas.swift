/// A grid of character cells, each with an optional foreground and background colour.
///
/// Charts draw into it by cell; `render` turns it into lines, emitting colour escapes only when
/// the colour changes and trimming trailing blanks in monochrome output so that snapshots stay
/// clean. Writes outside the grid are ignored, so callers need not clip.
public struct TextCanvas: Sendable {
  public struct Cell: Sendable, Equatable {
    public var character: Character = " "
    public var foreground: RGB?
    public var background: RGB?
  }

  public let width: Int
  public let height: Int
  var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = Swift.max(0, width)
    self.height = Swift.max(0, height)
    cells = Array(repeating: Cell(), count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    get { contains(x, y) ? cells[y * width + x] : Cell() }
    set { if contains(x, y) { cells[y * width + x] = newValue } }
  }

  func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

  /// Puts one character, keeping the cell's background unless one is given.
  public mutating func put(
    _ character: Character, _ x: Int, _ y: Int, color: RGB? = nil, background: RGB? = nil
  ) {
    guard contains(x, y) else { return }
    var cell = self[x, y]
    cell.character = character
    cell.foreground = color
    if let background { cell.background = background }
    self[x, y] = cell
  }

  /// Puts a marker over a half-block cell: the cell's two colours blend into its background,
  /// so the region stays visible around the marker drawn in `color`.
  public mutating func overlay(_ character: Character, _ x: Int, _ y: Int, color: RGB?) {
    guard contains(x, y) else { return }
    var cell = self[x, y]
    cell.character = character
    cell.background = cell.foreground.map { $0.mixed(with: cell.background ?? $0, 0.5) }
    cell.foreground = color
    self[x, y] = cell
  }

  /// Writes `text` from column `x`, clipped at the right edge.
  public mutating func write(_ text: String, _ x: Int, _ y: Int, color: RGB? = nil) {
    for (i, character) in text.enumerated() { put(character, x + i, y, color: color) }
  }

  /// The lines, with colour escapes for `mode`.
  public func render(_ mode: ColorMode) -> String {
    // Built as bytes: a screenful of coloured cells is thousands of appends.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(width * height * (mode == .none ? 3 : 24) + height)
    for y in 0..<height {
      let start = bytes.count
      var fg: RGB?
      var bg: RGB?
      for x in 0..<width {
        let cell = cells[y * width + x]
        if mode != .none, cell.foreground != fg || cell.background != bg {
          if fg != nil || bg != nil { bytes += ANSIStyle.reset.utf8 }
          if let f = cell.foreground { bytes += ANSIStyle.foreground(f, mode).utf8 }
          if let b = cell.background { bytes += ANSIStyle.background(b, mode).utf8 }
          fg = cell.foreground
          bg = cell.background
        }
        bytes += cell.character.utf8
      }
      if mode != .none, fg != nil || bg != nil { bytes += ANSIStyle.reset.utf8 }
      if mode == .none {
        while bytes.count > start, bytes[bytes.count - 1] == 0x20 { bytes.removeLast() }
      }
      bytes.append(0x0A)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
