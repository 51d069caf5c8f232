/// The names of a model's input features: which lists fit a model, and how training records
/// them (as it records class names), so that they travel with the model into its file.
extension Sequential {
  /// Whether `names` can name this model's inputs: no names, one name per input value, or for
  /// sequences `[steps, features]` one name per feature of a step (a text's characters).
  public func fits(featureNames names: [String]) -> Bool {
    Self.featureNames(names, fit: inputShape)
  }

  /// Whether `names` can name the inputs of a model taking samples of `shape` (1 to 3 positive
  /// sizes whose product is within the limits).
  static func featureNames(_ names: [String], fit shape: [Int]) -> Bool {
    names.isEmpty || names.count == shape.reduce(1, *)
      || (shape.count == 2 && names.count == shape[1])
  }

  /// Records the names of `data`'s features when the model has none yet and they fit its
  /// inputs; a model keeps the names of the first data it was trained on.
  public mutating func recordFeatureNames(of data: Dataset) {
    guard featureNames.isEmpty, fits(featureNames: data.featureNames) else { return }
    featureNames = data.featureNames
  }

  /// The name of input feature `index` (counted over a flat sample, or over one step of a
  /// sequence when the names are per step): its recorded name, or `x1`, `x2`, ...
  public func featureName(_ index: Int) -> String {
    guard index >= 0 else { return "x\(index + 1)" }
    return index < featureNames.count ? featureNames[index] : "x\(index + 1)"
  }

  /// `data` with this model's feature names when its own are only the defaults (`x1`, `x2`,
  /// ...) and the model's name as many features: data made from bare numbers for a model
  /// trained on named data (or loaded from a file) is labelled as the model knows its inputs.
  public func naming(_ data: Dataset) -> Dataset {
    guard !featureNames.isEmpty, featureNames.count == data.featureNames.count,
      data.featureNames == Dataset.defaultFeatureNames(data.featureNames.count)
    else { return data }
    var named = data
    named.featureNames = featureNames
    return named
  }
}
