/// Occlusion (Zeiler and Fergus 2014): how much the target score drops when part of the input is
/// hidden.
///
/// With `patch` 1 every feature is blanked on its own (tabular data). With a larger patch the
/// input is read as an image — the model's last two input dimensions, or a square when the
/// input is a flat vector of a square size (8×8 digits as 64 features) — and a patch × patch
/// square slides over it by `stride`. Each element gets the mean drop of the patches covering it.
enum Occlusion {
  /// Row i·p + k of the virtual batch is input i with patch k filled (p patch positions).
  static func attribute(
    _ x: Tensor, _ targets: [Int], _ scores: [Float], patch: Int, stride: Int, fill: Float,
    in batches: PerturbedBatches
  ) throws -> Tensor {
    guard patch >= 1, stride >= 1 else {
      throw AttributionError.invalidSettings("occlusion needs a patch and a stride of at least 1")
    }
    let (n, d) = (x.rows, x.rowSize)
    let (height, width) = imageSize(batches.model.inputShape, elements: d, patch: patch)
    guard patch <= height || height == 1, patch <= width else {
      throw AttributionError.invalidSettings(
        "a \(patch)×\(patch) patch does not fit a \(height)×\(width) input")
    }
    // Patch positions (top-left corners); the last row and column are always included.
    func starts(_ size: Int, _ p: Int) -> [Int] {
      guard size > p else { return [0] }
      var values = Array(Swift.stride(from: 0, through: size - p, by: stride))
      if values.last != size - p { values.append(size - p) }
      return values
    }
    let patchHeight = height == 1 ? 1 : patch
    let positions = starts(height, patchHeight).flatMap { r in starts(width, patch).map { (r, $0) }
    }
    let p = positions.count
    var coverage = [Float](repeating: 0, count: d)
    for (r, c) in positions {
      for dr in 0..<patchHeight {
        for dc in 0..<patch { coverage[(r + dr) * width + c + dc] += 1 }
      }
    }
    let inputs = x.scalars
    var out = [Float](repeating: 0, count: n * d)
    try batches.run(
      count: n * p, pass: .scores, target: { targets[$0 / p] },
      make: { row, buffer, offset in
        let (i, k) = row.quotientAndRemainder(dividingBy: p)
        for j in 0..<d { buffer[offset + j] = inputs[i * d + j] }
        let (r, c) = positions[k]
        for dr in 0..<patchHeight {
          for dc in 0..<patch { buffer[offset + (r + dr) * width + c + dc] = fill }
        }
      },
      consume: { rows, hidden in
        for row in rows {
          let (i, k) = row.quotientAndRemainder(dividingBy: p)
          let drop = scores[i] - hidden[row - rows.lowerBound]
          let (r, c) = positions[k]
          for dr in 0..<patchHeight {
            for dc in 0..<patch { out[i * d + (r + dr) * width + c + dc] += drop }
          }
          guard k == p - 1 else { continue }
          for j in 0..<d where coverage[j] > 0 { out[i * d + j] /= coverage[j] }
        }
      })
    return try Tensor(shape: x.shape, scalars: out)
  }

  /// The (height, width) the input is read as: a 1×d row for tabular data.
  static func imageSize(_ shape: [Int], elements: Int, patch: Int) -> (Int, Int) {
    if let w = shape.last, shape.count >= 2, w > 0 {
      // [h, w] as it is; [c, h, w] as c·h rows of w, each channel occluded on its own.
      return (elements / w, w)
    }
    let side = Int(Double(elements).squareRoot().rounded())
    if patch > 1 && side * side == elements { return (side, side) }
    return (1, elements)
  }
}
