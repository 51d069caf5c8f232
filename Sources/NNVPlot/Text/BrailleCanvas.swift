/// A dot grid at 2×4 dots per character cell, rendered with Unicode braille (U+2800–U+28FF).
///
/// Each cell remembers the colour of the last dot set in it: a cell can only have one
/// foreground colour, so where series cross, the later one wins.
struct BrailleCanvas {
  let columns: Int
  let rows: Int
  private var bits: [UInt8]
  private var colors: [RGB?]

  init(columns: Int, rows: Int) {
    self.columns = Swift.max(0, columns)
    self.rows = Swift.max(0, rows)
    bits = Array(repeating: 0, count: self.columns * self.rows)
    colors = Array(repeating: nil, count: self.columns * self.rows)
  }

  var dotWidth: Int { columns * 2 }
  var dotHeight: Int { rows * 4 }

  // Braille dot numbering: bit of (column, row) within a cell.
  private static let dotBits: [[UInt8]] = [
    [0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80],
  ]

  mutating func set(_ x: Int, _ y: Int, color: RGB?) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    let index = (y / 4) * columns + x / 2
    bits[index] |= BrailleCanvas.dotBits[y % 4][x % 2]
    if let color { colors[index] = color }
  }

  /// A straight line between two dots (Bresenham).
  mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, color: RGB?) {
    var x = x0
    var y = y0
    let dx = abs(x1 - x0)
    let dy = -abs(y1 - y0)
    let sx = x0 < x1 ? 1 : -1
    let sy = y0 < y1 ? 1 : -1
    var error = dx + dy
    var steps = 0
    while steps <= dx - dy + 1 {
      set(x, y, color: color)
      if x == x1 && y == y1 { break }
      let e2 = 2 * error
      if e2 >= dy {
        error += dy
        x += sx
      }
      if e2 <= dx {
        error += dx
        y += sy
      }
      steps += 1
    }
  }

  /// Copies the non-empty cells onto `canvas` with their top-left at (`x`, `y`).
  func draw(into canvas: inout TextCanvas, at x: Int, _ y: Int) {
    for row in 0..<rows {
      for column in 0..<columns where bits[row * columns + column] != 0 {
        let scalar = Unicode.Scalar(0x2800 + UInt32(bits[row * columns + column]))
        guard let scalar else { continue }
        canvas.put(Character(scalar), x + column, y + row, color: colors[row * columns + column])
      }
    }
  }
}
