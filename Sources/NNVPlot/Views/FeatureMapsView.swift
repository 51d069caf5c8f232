import NNVCore

/// `features`: one input image and what the layers of a convolutional network make of it, as
/// a grid of small heatmaps per layer, one per channel, each labelled with its channel number
/// and its range.
///
/// Every map is coloured from its own smallest to its largest value (printed under it): the
/// input in grey like ink (white low, black high), the layers' maps in viridis; in monochrome,
/// darker glyphs are larger values. A layer shows at most `maximumChannels` channels and says
/// how many it has; larger maps are averaged in blocks, and the view says so. A model may have
/// thousands of layers, so drawing polls `Cancellation` between them.
public struct FeatureMapsView: View {
  /// The most channels shown of one layer.
  public static let maximumChannels = 32
  /// The most pixel cells of the SVG over all its maps; larger maps are averaged in blocks.
  /// A cell takes about 150 bytes with its tooltip, so a document stays under about 4 MB.
  public static let maximumSVGCells = 24_000
  /// The most terminal columns one map takes.
  static let tileColumns = 16

  /// The input (number 0) and the layers' maps, in order.
  public var maps: [FeatureMaps]
  /// What the input is (`digits #0`) and what is known of it (`true 0`, `predicted 0 (97%)`).
  public var caption: [String]
  public var options: ChartOptions

  public init(_ maps: [FeatureMaps], caption: [String] = [], options: ChartOptions = ChartOptions())
  {
    self.maps = maps
    self.caption = caption
    self.options = options
  }

  /// One stage drawn: its heading, notes, and the tiles of the channels shown.
  struct Section {
    var name: String
    var heading: String
    var notes: [String]
    var tiles: [ImageTile]
    var labels: [String]
    var ranges: [String]
    var isInput: Bool
  }

  /// The sections, each capped at `maximumChannels` channels.
  ///
  /// - Throws: `CancellationError`.
  func sections() throws -> [Section] {
    try maps.map { stage in
      try Cancellation.check()
      let shown = Swift.min(stage.channels, Self.maximumChannels)
      let isInput = stage.number == 0
      var notes: [String] = []
      if shown < stage.channels {
        notes.append("showing \(shown) of \(stage.channels) channels")
      }
      let images = (0..<shown).map { c in
        Matrix(rows: stage.height, columns: stage.width, values: stage.map(c).map(Double.init))
      }
      let tiles = images.enumerated().map { c, image in
        ImageTile(
          image: image, colors: isInput ? SaliencyGrid.ink : .viridis,
          domain: ImageTile.ownDomain(image), signed: false,
          tooltip: "\(stage.name) channel \(c + 1)")
      }
      return Section(
        name: stage.name, heading: Self.heading(stage), notes: notes, tiles: tiles,
        labels: (0..<shown).map { "#\($0 + 1)" }, ranges: images.map(ImageTile.rangeText),
        isInput: isInput)
    }
  }

  /// `input: 1 channel of 8×8`, `layer 1: conv_1 (conv 8 filters 3×3, relu), 8 channels of 6×6`.
  static func heading(_ stage: FeatureMaps) -> String {
    let channels = "\(stage.channels) channel\(stage.channels == 1 ? "" : "s")"
    let size = "\(stage.height)×\(stage.width)"
    guard stage.number > 0 else { return "input: \(channels) of \(size)" }
    var what = [stage.kind, stage.configuration].filter { !$0.isEmpty }.joined(separator: " ")
    if stage.activation != .linear { what += ", \(stage.activation.name)" }
    return "layer \(stage.number): \(stage.name) (\(what)), \(channels) of \(size)"
  }

  var title: String {
    options.title ?? (["feature maps"] + caption).joined(separator: " · ")
  }

  // MARK: Text

  public func text() throws -> String {
    var lines = wrapped(title)
    for var section in try sections() {
      try Cancellation.check()
      section.labels = section.labels.map(options.spelled)
      section.ranges = section.ranges.map(options.spelled)
      lines.append("")
      lines += wrapped(section.heading) + section.notes.flatMap(wrapped)
      lines += tileLines(section)
    }
    lines.append("")
    lines += legend()
    return lines.joined(separator: "\n") + "\n"
  }

  /// A line of text spelled for the options and wrapped to their width.
  func wrapped(_ text: String) -> [String] {
    NoteText.wrap(options.spelled(text), width: options.columns)
  }

  /// The tiles of a section, as many to a line as fit, each with its number above and its
  /// range below.
  func tileLines(_ section: Section) -> [String] {
    guard let first = section.tiles.first?.image, !first.isEmpty else { return [] }
    let plan = TilePlan(
      side: Swift.max(first.rows, first.columns), maxColumns: Self.tileColumns, signed: false,
      options: options)
    let shrunk = section.tiles.map { plan.shrink($0.image) }
    let size = plan.size(rows: shrunk[0].rows, columns: shrunk[0].columns)
    let captions = section.labels + section.ranges
    let cellWidth = Swift.max(size.width, captions.map(\.count).max() ?? 0)
    let gap = 2
    let perLine = Swift.max(1, (options.columns + gap) / (cellWidth + gap))
    var lines: [String] = []
    if plan.step > 1 { lines += wrapped("shown as means of \(plan.step)×\(plan.step) blocks") }
    for start in stride(from: 0, to: section.tiles.count, by: perLine) {
      let end = Swift.min(section.tiles.count, start + perLine)
      var canvas = TextCanvas(
        width: (end - start) * (cellWidth + gap) - gap, height: size.height + 2)
      for i in start..<end {
        let x = (i - start) * (cellWidth + gap)
        canvas.write(TextLayout.clip(section.labels[i], cellWidth), x, 0)
        section.tiles[i].paint(shrunk[i], plan: plan, into: &canvas, x: x, y: 1, options: options)
        canvas.write(TextLayout.clip(section.ranges[i], cellWidth), x, size.height + 1)
      }
      var text = canvas.render(options.colorMode)
      text.removeLast()
      lines += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    return lines
  }

  /// What the shades mean.
  func legend() -> [String] {
    guard options.colored else {
      return NoteText.wrap(
        "darker = larger; each map has its own scale, from the min to the max under it",
        width: options.columns)
    }
    return [
      "input: min " + Self.bar(SaliencyGrid.ink, options) + " max",
      "maps:  min " + Self.bar(.viridis, options) + " max",
    ]
      + NoteText.wrap(
        "each map has its own scale, from the min to the max under it", width: options.columns)
  }

  /// A 16-column colour bar of `map`, in the colours of `options`.
  static func bar(_ map: ColorMap, _ options: ChartOptions) -> String {
    var canvas = TextCanvas(width: 16, height: 1)
    for i in 0..<16 { canvas.put(" ", i, 0, background: map.color(at: Double(i) / 15)) }
    var bar = canvas.render(options.colorMode)
    bar.removeLast()
    return bar
  }
}
