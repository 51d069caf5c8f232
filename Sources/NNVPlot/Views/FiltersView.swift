import NNVCore

/// `filters`: the learned kernels of a conv layer in blue (negative), white (zero) and red
/// (positive), all on one scale symmetric around zero, whose end is printed.
///
/// A layer over one channel (the first layer of a greyscale network) shows each filter as a
/// little image; a layer over several channels shows a grid, a row per filter and a column
/// per input channel. At most `maximumFilters` filters and `maximumChannels` channels are
/// shown (in the terminal, only as many channels as fit), and the view says so.
public struct FiltersView: Chart {
  public static let maximumFilters = 32
  public static let maximumChannels = 32
  /// The most weight cells of the SVG; larger kernels are averaged in blocks.
  public static let maximumSVGCells = 32_000
  /// The most terminal columns one kernel takes.
  static let tileColumns = 16

  public var filters: ConvFilters
  /// The model's name, for the title.
  public var model: String
  public var options: ChartOptions

  public init(_ filters: ConvFilters, model: String, options: ChartOptions = ChartOptions()) {
    self.filters = filters
    self.model = model
    self.options = options
  }

  var shownFilters: Int { Swift.min(filters.filters, Self.maximumFilters) }

  /// The end of the shared scale: the largest |weight| (1 when all are 0).
  var scale: Double {
    let m = Double(filters.largestMagnitude)
    return m > 0 ? m : 1
  }

  /// Whether the kernels are shown as a filters × channels grid.
  var isGrid: Bool { filters.channels > 1 }

  var title: String {
    options.title
      ?? "filters of \(model) · layer \(filters.number): \(filters.name), \(filters.filters) "
      + "filter\(filters.filters == 1 ? "" : "s") \(filters.size)×\(filters.size) over "
      + "\(filters.channels) \(filters.readsInputChannels ? "input " : "")channel"
      + (filters.channels == 1 ? "" : "s")
  }

  /// The kernel of `filter` over `channel` as a tile on the layer's scale.
  func tile(filter: Int, channel: Int) -> ImageTile {
    let kernel = filters.kernel(filter: filter, channel: channel)
    let image = Matrix(kernel.map { $0.map(Double.init) })
    return ImageTile(
      image: image, colors: .diverging, domain: ColorDomain(low: -scale, high: scale),
      signed: true,
      tooltip: "filter \(filter + 1), " + (isGrid ? "channel \(channel + 1)" : "weight"))
  }

  /// The range of the weights and what the colours or glyphs mean.
  var rangeLine: String {
    let weights = Matrix(
      rows: 1, columns: filters.weights.count, values: filters.weights.map(Double.init))
    return "weights \(ImageTile.rangeText(weights)); one scale for the layer, "
      + "±\(ImageTile.compact(scale))"
  }

  var plan: TilePlan {
    TilePlan(side: filters.size, maxColumns: Self.tileColumns, signed: true, options: options)
  }

  // MARK: Text

  public func text() -> String {
    var notes: [String] = []
    if shownFilters < filters.filters {
      notes.append("showing \(shownFilters) of \(filters.filters) filters")
    }
    let channels = textChannels
    if channels < filters.channels {
      notes.append(
        "showing channels 1–\(channels) of \(filters.channels)"
          + (channels < Self.maximumChannels ? " (a larger `width` shows more)" : ""))
    }
    if plan.step > 1 { notes.append("shown as means of \(plan.step)×\(plan.step) blocks") }
    let wrap = { NoteText.wrap(options.spelled($0), width: options.columns) }
    var lines = wrap(title) + wrap(rangeLine) + legend() + notes.flatMap(wrap)
    lines.append("")
    lines += isGrid ? gridLines(channels: channels) : rowLines()
    return lines.joined(separator: "\n") + "\n"
  }

  /// The columns of a kernel in the terminal, and of the label before a row of the grid.
  var textKernelWidth: Int {
    let plan = self.plan
    return plan.size(rows: 1, columns: (filters.size + plan.step - 1) / plan.step).width
  }
  var textLabelWidth: Int { "#\(shownFilters)".count + 1 }
  static let textGap = 2

  /// How many input channels the terminal grid shows: as many as fit, at most
  /// `maximumChannels`.
  var textChannels: Int {
    guard isGrid else { return filters.channels }
    let fit = Swift.max(
      1, (options.columns - textLabelWidth + Self.textGap) / (textKernelWidth + Self.textGap))
    return Swift.min(filters.channels, Self.maximumChannels, fit)
  }

  func legend() -> [String] {
    guard options.colored else {
      return NoteText.wrap(
        "+ positive, - negative; darker = larger |weight|", width: options.columns)
    }
    let end = ImageTile.compact(scale)
    return [
      options.spelled("−\(end) ") + FeatureMapsView.bar(.diverging, options)
        + options.spelled(" +\(end) (blue −, white 0, red +)")
    ]
  }

  /// One channel: the filters side by side, as many to a line as fit, numbered above.
  func rowLines() -> [String] {
    let plan = self.plan
    let tiles = (0..<shownFilters).map { tile(filter: $0, channel: 0) }
    let shrunk = tiles.map { plan.shrink($0.image) }
    guard let first = shrunk.first else { return [] }
    let size = plan.size(rows: first.rows, columns: first.columns)
    let cellWidth = Swift.max(size.width, "#\(shownFilters)".count)
    let gap = 2
    let perLine = Swift.max(1, (options.columns + gap) / (cellWidth + gap))
    var lines: [String] = []
    for start in stride(from: 0, to: tiles.count, by: perLine) {
      let end = Swift.min(tiles.count, start + perLine)
      var canvas = TextCanvas(
        width: (end - start) * (cellWidth + gap) - gap, height: size.height + 1)
      for i in start..<end {
        let x = (i - start) * (cellWidth + gap)
        canvas.write("#\(i + 1)", x, 0)
        tiles[i].paint(shrunk[i], plan: plan, into: &canvas, x: x, y: 1, options: options)
      }
      lines += Self.split(canvas.render(options.colorMode))
    }
    return lines
  }

  /// Several channels: a row per filter, a column per input channel (the first `channels`).
  func gridLines(channels: Int) -> [String] {
    let plan = self.plan
    let side = (filters.size + plan.step - 1) / plan.step
    let size = plan.size(rows: side, columns: side)
    let labelWidth = textLabelWidth
    let step = size.width + Self.textGap
    var lines = ["a row per filter, a column per input channel"]
    var header = TextCanvas(width: labelWidth + channels * step, height: 1)
    for c in 0..<channels { header.write("\(c + 1)", labelWidth + c * step, 0) }
    lines += Self.split(header.render(.none))
    for f in 0..<shownFilters {
      if f > 0, size.height > 1 { lines.append("") }
      var canvas = TextCanvas(
        width: labelWidth + channels * step - Self.textGap, height: size.height)
      canvas.write("#\(f + 1)", 0, 0)
      for c in 0..<channels {
        let tile = tile(filter: f, channel: c)
        tile.paint(
          plan.shrink(tile.image), plan: plan, into: &canvas, x: labelWidth + c * step, y: 0,
          options: options)
      }
      lines += Self.split(canvas.render(options.colorMode))
    }
    return lines
  }

  /// Rendered canvas text as lines.
  static func split(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}
