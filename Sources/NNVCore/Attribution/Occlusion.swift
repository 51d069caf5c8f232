/// Occlusion (Zeiler and Fergus 2014): how much the target score drops when part of the input is
/// hidden, with the semantics of Captum's `Occlusion`.
///
/// The input is read as `channels` planes of `height` × `width` (`Layout`). A window of every
/// channel and `patch` × `patch` pixels (a `patch`-long run for a flat row of features) starts
/// at every multiple of `stride` along each axis, up to the first start from which it reaches
/// the edge, and is cut off there: a 3×3 patch moved by 3 over 8 pixels starts at 0, 3 and 6,
/// the last one 2 pixels wide. For each window the input is copied with the window set to
/// `fill`, and the drop of the target score is added to every element of the window; each
/// element then gets the mean over the windows that cover it. This is Captum's `Occlusion`
/// with `sliding_window_shapes` (channels, patch, patch), `strides` (channels, stride, stride)
/// and `baselines` the fill. A stride larger than the patch would leave elements that no
/// window covers, and is refused as Captum refuses it.
enum Occlusion {
  /// How occlusion reads an input: `channels` planes of `height` rows of `width` elements.
  struct Layout: Equatable {
    var channels: Int
    var height: Int
    var width: Int

    var plane: Int { height * width }
  }

  /// A window: its first row and column, and its size after cutting it off at the edges.
  struct Window: Equatable {
    var row: Int
    var column: Int
    var height: Int
    var width: Int
  }

  /// Row i·p + k of the virtual batch is input i with window k filled (p windows).
  static func attribute(
    _ x: Tensor, _ targets: [Int], _ scores: [Float], patch: Int, stride: Int, fill: Float,
    in batches: PerturbedBatches
  ) throws -> Tensor {
    guard patch >= 1, stride >= 1 else {
      throw AttributionError.invalidSettings("occlusion needs a patch and a stride of at least 1")
    }
    guard stride <= patch else {
      throw AttributionError.invalidSettings(
        "a stride of \(stride) is larger than the patch of \(patch), so some inputs would "
          + "never be occluded")
    }
    let (n, d) = (x.rows, x.rowSize)
    let layout = self.layout(batches.model.inputShape, elements: d, patch: patch)
    guard patch <= layout.height || layout.height == 1, patch <= layout.width else {
      throw AttributionError.invalidSettings(
        "a \(patch)×\(patch) patch does not fit a \(layout.height)×\(layout.width) input")
    }
    let windows = self.windows(layout, patch: patch, stride: stride)
    let p = windows.count
    var coverage = [Float](repeating: 0, count: d)
    for window in windows { forEachElement(window, layout) { coverage[$0] += 1 } }
    let inputs = x.scalars
    var out = [Float](repeating: 0, count: n * d)
    try batches.run(
      count: n * p, pass: .scores, target: { targets[$0 / p] },
      make: { row, buffer, offset in
        let (i, k) = row.quotientAndRemainder(dividingBy: p)
        for j in 0..<d { buffer[offset + j] = inputs[i * d + j] }
        forEachElement(windows[k], layout) { buffer[offset + $0] = fill }
      },
      consume: { rows, hidden in
        for row in rows {
          let (i, k) = row.quotientAndRemainder(dividingBy: p)
          let drop = scores[i] - hidden[row - rows.lowerBound]
          forEachElement(windows[k], layout) { out[i * d + $0] += drop }
          guard k == p - 1 else { continue }
          for j in 0..<d where coverage[j] > 0 { out[i * d + j] /= coverage[j] }
        }
      })
    return try Tensor(shape: x.shape, scalars: out)
  }

  /// The layout an input of `shape` (with `elements` values) is read in. An image `[C, H, W]`
  /// is C planes of H × W, and `[H, W]` one plane; a flat input is a square image when `patch`
  /// is above 1 and its size is a square (8×8 digits stored as 64 features), and otherwise a
  /// row of features.
  static func layout(_ shape: [Int], elements: Int, patch: Int) -> Layout {
    if shape.count >= 2, let width = shape.last, width > 0 {
      let height = shape[shape.count - 2]
      return Layout(channels: elements / Swift.max(height * width, 1), height: height, width: width)
    }
    let side = Int(Double(elements).squareRoot().rounded())
    if patch > 1 && side * side == elements {
      return Layout(channels: 1, height: side, width: side)
    }
    return Layout(channels: 1, height: 1, width: elements)
  }

  /// Every window, row by row: a `patch` × `patch` square (1 × `patch` on a row of features)
  /// at each multiple of `stride`, cut off at the edges.
  static func windows(_ layout: Layout, patch: Int, stride: Int) -> [Window] {
    let patchHeight = layout.height == 1 ? 1 : patch
    return starts(layout.height, patchHeight, stride).flatMap { row in
      starts(layout.width, patch, stride).map { column in
        Window(
          row: row, column: column, height: Swift.min(patchHeight, layout.height - row),
          width: Swift.min(patch, layout.width - column))
      }
    }
  }

  /// The starts along an axis of `size`: 0, `stride`, 2·`stride`, … up to the first from which
  /// a window of `length` reaches the edge (⌈(size − length) / stride⌉ + 1 of them).
  static func starts(_ size: Int, _ length: Int, _ stride: Int) -> [Int] {
    guard size > length else { return [0] }
    let count = (size - length + stride - 1) / stride + 1
    return (0..<count).map { $0 * stride }
  }

  /// Calls `body` with the index of every element of `window`, in every channel.
  @inline(__always)
  static func forEachElement(_ window: Window, _ layout: Layout, _ body: (Int) -> Void) {
    for channel in 0..<layout.channels {
      for r in window.row..<(window.row + window.height) {
        let start = channel * layout.plane + r * layout.width + window.column
        for j in start..<(start + window.width) { body(j) }
      }
    }
  }
}
