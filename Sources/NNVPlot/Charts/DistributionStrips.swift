/// Where the values of several tensors lie, one strip each on a shared axis: the weights and
/// biases of every layer at one moment, drawn from their percentiles (NNVCore's
/// `WeightDistribution`, TensorBoard's bands).
///
/// A strip is faint from the minimum to the 7th percentile, then bolder to the 16th and the
/// 31st, full from the 31st to the 69th, and back down to the maximum; the median is a bar.
public struct DistributionStrips: Sendable {
  /// One tensor: its name and its values at `WeightDistribution.percentiles`.
  public struct Strip: Sendable, Equatable {
    /// The tensor's name (`dense_1 w`) and its values at the recorded percentiles.
    public var name: String
    public var percentiles: [Double]

    /// A strip named `name` of values at `WeightDistribution.percentiles`.
    public init(name: String, percentiles: [Double]) {
      self.name = name
      self.percentiles = percentiles
    }
  }

  /// The strips, top to bottom, and how the chart is drawn.
  public var strips: [Strip]
  public var options: ChartOptions

  /// A chart of `strips` on one axis.
  public init(_ strips: [Strip], options: ChartOptions = ChartOptions()) {
    self.strips = strips
    self.options = options
  }

  /// The shared axis: from the smallest minimum to the largest maximum.
  var domain: ClosedRange<Double> {
    let ends = strips.flatMap { [$0.percentiles.first, $0.percentiles.last].compactMap { $0 } }
    return Scale.sanitized(ClosedRange.extent(of: ends) ?? 0...1, kind: .linear)
  }

  /// The band glyphs, faintest first, and the median's.
  var bands: (glyphs: [Character], median: Character) {
    options.glyphs.usesBraille ? (["·", "─", "━", "█"], "┃") : ([".", "-", "=", "#"], "|")
  }

  /// How bold the band between percentiles `k` and `k + 1` is (0 faint … 3 full).
  static func band(_ k: Int) -> Int { [0, 1, 2, 3, 3, 2, 1, 0][Swift.max(0, Swift.min(7, k))] }

  // MARK: Text

  /// A title, a line per strip (its name, then its bands across the width) and the axis's
  /// ends.
  public func text() -> String {
    var lines = [TextLayout.clip(options.title ?? "weight distributions", options.columns)]
    guard !strips.isEmpty else {
      return (lines + ["(no weights)"]).joined(separator: "\n") + "\n"
    }
    let nameWidth = Swift.min(14, strips.map(\.name.count).max() ?? 0)
    let width = Swift.max(8, options.columns - nameWidth - 1)
    let scale = Scale(domain: domain, range: 0...Double(width - 1))
    for (index, strip) in strips.enumerated() {
      var canvas = TextCanvas(width: width, height: 1)
      let color = options.colored ? CategoricalPalette.color(index / 2) : nil
      let p = strip.percentiles
      for k in 0..<Swift.max(0, p.count - 1) where p[k].isFinite && p[k + 1].isFinite {
        let from = Int(scale(p[k]).rounded())
        let to = Int(scale(p[k + 1]).rounded())
        for x in from...Swift.max(from, to) {
          let glyph = bands.glyphs[Self.band(k)]
          // A bolder band keeps a cell it shares with a fainter one.
          if let old = bands.glyphs.firstIndex(of: canvas[x, 0].character),
            old > Self.band(k)
          {
            continue
          }
          canvas.put(glyph, x, 0, color: color)
        }
      }
      if p.count > 4, p[4].isFinite {
        canvas.put(bands.median, Int(scale(p[4]).rounded()), 0, color: color)
      }
      let name = TextLayout.pad(TextLayout.clip(strip.name, nameWidth), nameWidth)
      lines.append(name + " " + TextBlock(canvas.render(options.colorMode)).lines.joined())
    }
    let low = NumberText.short(domain.lowerBound)
    let high = NumberText.short(domain.upperBound)
    let gap = Swift.max(1, width - low.count - high.count)
    lines.append(
      String(repeating: " ", count: nameWidth + 1) + low + String(repeating: " ", count: gap)
        + high)
    return lines.joined(separator: "\n") + "\n"
  }
}
