/// What a sequence holds at every step, as short labels for the time axis of the recurrent
/// views: the character of a text, the symbol of brackets, the bit of parity, the value of a
/// wave.
public enum SequenceTokens {
  /// The label of every step of `sample`, a sequence `[steps, features]`: for a step that is
  /// one-hot (one feature 1, the others 0) the name of that feature (a text's characters are
  /// named by `CharacterNames`, so a space is `␣`); for one feature its value, rounded to two
  /// decimals; otherwise the name of the largest feature.
  ///
  /// - Throws: `TensorError.shapeMismatch` when `sample` is not of rank 2.
  public static func labels(of sample: Tensor, featureNames: [String]) throws -> [String] {
    guard sample.rank == 2 else {
      throw TensorError.shapeMismatch(
        "a sequence has shape [steps, features], not \(Tensor.describe(sample.shape))")
    }
    let steps = sample.shape[0]
    let width = sample.shape[1]
    guard width > 0 else { return Array(repeating: "", count: steps) }
    return (0..<steps).map { t in
      let row = sample.scalars[(t * width)..<((t + 1) * width)]
      if width == 1 { return number(Double(row[row.startIndex])) }
      var best = row.startIndex
      for k in row.indices where row[k] > row[best] { best = k }
      let feature = best - row.startIndex
      return feature < featureNames.count ? featureNames[feature] : "x\(feature + 1)"
    }
  }

  /// The step labels of sample `index` (from 0) of `data`, whose samples are `[steps, features]`.
  ///
  /// - Throws: `TensorError` for an index outside the data or samples that are not sequences.
  public static func labels(_ data: Dataset, sample index: Int) throws -> [String] {
    try labels(of: data.features.row(index), featureNames: data.featureNames)
  }

  /// `1`, `-0.25`, `0.33`: a value rounded to two decimals, without trailing zeros.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
    var text = String(rounded)
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }
}
