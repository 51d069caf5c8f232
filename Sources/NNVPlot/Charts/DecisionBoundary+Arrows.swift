import Foundation

/// Arrows on top of a decision boundary: for 2-D inputs, each point's attribution is a vector
/// (what x1 and x2 contributed), drawn from the point.
extension DecisionBoundary {
  /// An arrow from a point, in data units.
  public struct Arrow: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var dx: Double
    public var dy: Double
    public var label: Int

    public init(x: Double, y: Double, dx: Double, dy: Double, label: Int) {
      self.x = x
      self.y = y
      self.dx = dx
      self.dy = dy
      self.label = label
    }
  }

  /// The factor that makes the longest arrow a tenth of the plane's smaller side.
  var arrowScale: Double {
    let longest =
      arrows.map { ($0.dx * $0.dx + $0.dy * $0.dy).squareRoot() }.filter(\.isFinite).max() ?? 0
    guard longest > 0 else { return 0 }
    let span = Swift.min(
      xDomain.upperBound - xDomain.lowerBound, yDomain.upperBound - yDomain.lowerBound)
    return span / 10 / longest
  }

  /// Draws the arrows (called by `svg()` after the points).
  func drawArrows(_ doc: inout SVGDocument, xScale: Scale, yScale: Scale) {
    guard !arrows.isEmpty else { return }
    let k = arrowScale
    doc.beginGroup([("class", "arrows")])
    for arrow in arrows
    where arrow.x.isFinite && arrow.y.isFinite && arrow.dx.isFinite && arrow.dy.isFinite {
      let x0 = xScale(arrow.x)
      let y0 = yScale(arrow.y)
      let x1 = xScale(arrow.x + arrow.dx * k)
      let y1 = yScale(arrow.y + arrow.dy * k)
      let length = ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).squareRoot()
      let tip =
        "\(className(arrow.label)) at (\(NumberText.short(arrow.x)), \(NumberText.short(arrow.y))): "
        + "attribution (\(NumberText.short(arrow.dx)), \(NumberText.short(arrow.dy)))"
      guard length >= 1.5 else {
        doc.circle(
          cx: x0, cy: y0, r: 1.2, fill: "#222222", tooltip: tip, extra: [("class", "arrow")])
        continue
      }
      // A head of two short strokes, 30° either side of the shaft.
      let (ux, uy) = ((x1 - x0) / length, (y1 - y0) / length)
      let head = Swift.min(6, length * 0.45)
      let c = cos(Double.pi / 6)
      let s = sin(Double.pi / 6)
      let left = (x1 - head * (ux * c - uy * s), y1 - head * (uy * c + ux * s))
      let right = (x1 - head * (ux * c + uy * s), y1 - head * (uy * c - ux * s))
      doc.beginGroup([("class", "arrow")])
      doc.line(x0, y0, x1, y1, stroke: "#222222", width: 1.3, tooltip: tip)
      doc.polyline([left, (x1, y1), right], stroke: "#222222", width: 1.3)
      doc.endGroup()
    }
    doc.endGroup()
  }

  /// The glyph of a direction: eight compass arrows, or ASCII approximations.
  func arrowGlyph(dx: Double, dy: Double) -> Character {
    let unicode: [Character] = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]
    let ascii: [Character] = [">", "/", "^", "\\", "<", "/", "v", "\\"]
    let angle = atan2(dy, dx)
    let sector = (Int((angle / (Double.pi / 4)).rounded()) + 8) % 8
    return (options.glyphs.usesBraille ? unicode : ascii)[sector]
  }

  /// Replaces the markers of points that have an arrow with the arrow's direction (called by
  /// `text()` after the points). Arrows shorter than a tenth of the longest keep their marker.
  func drawArrows(into canvas: inout TextCanvas, frame: PlaneFrame) {
    guard !arrows.isEmpty else { return }
    let longest =
      arrows.map { ($0.dx * $0.dx + $0.dy * $0.dy).squareRoot() }.filter(\.isFinite).max() ?? 0
    guard longest > 0 else { return }
    for arrow in arrows where arrow.dx.isFinite && arrow.dy.isFinite {
      guard (arrow.dx * arrow.dx + arrow.dy * arrow.dy).squareRoot() >= longest / 10,
        let (column, row) = frame.cell(x: arrow.x, y: arrow.y)
      else { continue }
      var cell = canvas[column, row]
      cell.character = arrowGlyph(dx: arrow.dx, dy: arrow.dy)
      if options.colored { cell.foreground = pointColor(arrow.label) }
      canvas[column, row] = cell
    }
  }
}
