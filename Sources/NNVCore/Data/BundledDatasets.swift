import Foundation

/// The real data sets that ship with nnv as package resources (see the README for sources and
/// licences).
public enum BundledDatasets {
  /// Fisher's Iris: 150 flowers, 4 measurements in centimetres, 3 species.
  public static func iris() throws -> Dataset {
    var data = try load("iris", target: "species", classification: true)
    data.name = "iris"
    return data
  }

  /// The 8×8 handwritten digits (UCI optdigits, as scikit-learn ships them): 1,797 images with
  /// pixel intensities 0–16 scaled here to [0, 1], features `[n, 64]`, 10 classes.
  public static func digits() throws -> Dataset {
    var data = try load("digits", target: "digit", classification: true)
    data.name = "digits"
    data.features = data.features * (1 / 16)
    return data
  }

  static func load(_ name: String, target: String, classification: Bool) throws -> Dataset {
    guard let url = Bundle.module.url(forResource: name, withExtension: "csv") else {
      throw DataError.unreadable(
        file: "\(name).csv", message: "the bundled data set is missing from this installation")
    }
    return try CSVLoader.load(path: url.path, target: target, classification: classification)
  }
}
