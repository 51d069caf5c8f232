/// Occlusion (Zeiler and Fergus 2014): how much the target score drops when part of the input is
/// hidden.
///
/// With `patch` 1 every feature is blanked on its own (tabular data). With a larger patch the
/// input is read as an image — the model's last two input dimensions, or a square when the
/// input is a flat vector of a square size (8×8 digits as 64 features) — and a patch × patch
/// square slides over it by `stride`. Each element gets the mean drop of the patches covering it.
enum Occlusion {
  static func attribute(
    _ model: Sequential, _ x: Tensor, _ targets: [Int], _ scores: [Float], _ patch: Int,
    _ stride: Int, _ fill: Float
  ) throws -> Tensor {
    guard patch >= 1, stride >= 1 else {
      throw AttributionError.invalidSettings("occlusion needs a patch and a stride of at least 1")
    }
    let (n, d) = (x.rows, x.rowSize)
    let (height, width) = imageSize(model.inputShape, elements: d, patch: patch)
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
    let positions = starts(height, patchHeight).flatMap { r in starts(width, patch).map { (r, $0) } }
    let p = positions.count
    // Row i·p + k is sample i with patch k filled.
    var occluded = Tensor.zeros([n * p, d])
    for i in 0..<n {
      let row = Array(x.scalars[(i * d)..<((i + 1) * d)])
      for (k, (r, c)) in positions.enumerated() {
        var copy = row
        for dr in 0..<patchHeight {
          for dc in 0..<patch { copy[(r + dr) * width + c + dc] = fill }
        }
        occluded.scalars.replaceSubrange(((i * p + k) * d)..<((i * p + k + 1) * d), with: copy)
      }
    }
    let repeated = targets.flatMap { [Int](repeating: $0, count: p) }
    let hidden = try Attributor.targetScores(
      model, try occluded.reshaped([n * p] + Array(x.shape.dropFirst())), repeated)
    var out = Tensor.zeros(x.shape)
    var coverage = [Float](repeating: 0, count: d)
    for (r, c) in positions {
      for dr in 0..<patchHeight {
        for dc in 0..<patch { coverage[(r + dr) * width + c + dc] += 1 }
      }
    }
    for i in 0..<n {
      for (k, (r, c)) in positions.enumerated() {
        let drop = scores[i] - hidden[i * p + k]
        for dr in 0..<patchHeight {
          for dc in 0..<patch { out.scalars[i * d + (r + dr) * width + c + dc] += drop }
        }
      }
      for j in 0..<d where coverage[j] > 0 { out.scalars[i * d + j] /= coverage[j] }
    }
    return out
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
