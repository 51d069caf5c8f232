import Foundation
import NNVCore
import NNVTestSupport
import Testing

/// Feature names travel from the data to the model and its file, and back.
@Suite struct FeatureNameTests {
  static func irisModel() throws -> Sequential {
    var model = try Sequential(name: "net", inputShape: [4])
    try model.append(Dense(inputSize: 4, outputSize: 3, activation: .softmax, seed: 1))
    return model
  }

  /// The same file with its header changed: the length and checksum written again as
  /// Docs/model-file.md describes them.
  static func rewritingHeader(_ bytes: Data, _ change: (inout [String: Any]) -> Void) throws
    -> Data
  {
    let raw = [UInt8](bytes)
    let length = Int(ModelFileReader.integer(raw, at: 12, size: 4))
    var header = try #require(
      try JSONSerialization.jsonObject(with: Data(raw[16..<(16 + length)])) as? [String: Any])
    change(&header)
    let json = [UInt8](try JSONSerialization.data(withJSONObject: header))
    var out = Array(raw[0..<12])
    out += withUnsafeBytes(of: UInt32(json.count).littleEndian, Array.init)
    out += json + raw[(16 + length)..<(raw.count - 8)]
    out += withUnsafeBytes(of: ModelFileReader.fnv1a(out).littleEndian, Array.init)
    return Data(out)
  }

  @Test func dataWithDefaultNamesTakesTheModelsNames() throws {
    let flowers = try BundledDatasets.iris()
    var model = try Self.irisModel()
    model.recordFeatureNames(of: flowers)
    let bare = Dataset(
      name: "bare", features: flowers.features, labels: flowers.labels,
      classNames: flowers.classNames)
    #expect(bare.featureNames == ["x1", "x2", "x3", "x4"])
    #expect(model.naming(bare).featureNames == model.featureNames)
    // Names of the data's own stay, and so does a model without names.
    var own = bare
    own.featureNames = ["a", "b", "c", "d"]
    #expect(model.naming(own).featureNames == ["a", "b", "c", "d"])
    #expect(try Self.irisModel().naming(bare).featureNames == bare.featureNames)
  }

  @Test func namesFromTheDataAreRecordedSavedAndReadBack() throws {
    let flowers = try BundledDatasets.iris()
    var model = try Self.irisModel()
    model.recordFeatureNames(of: flowers)
    #expect(model.featureNames == ["sepal_length", "sepal_width", "petal_length", "petal_width"])
    #expect(model.featureName(2) == "petal_length" && model.featureName(7) == "x8")
    // A model keeps the names of the first data it was trained on.
    var renamed = flowers
    renamed.featureNames = ["a", "b", "c", "d"]
    model.recordFeatureNames(of: renamed)
    #expect(model.featureNames.first == "sepal_length")
    let loaded = try ModelArchive.decode(try ModelArchive.encode(model))
    #expect(loaded.featureNames == model.featureNames)
    #expect(try ModelFileReader(try ModelArchive.encode(model)).header["featureNames"] != nil)
  }

  @Test func namesThatDoNotFitTheInputAreNotRecorded() throws {
    var model = try Self.irisModel()
    let points = try SyntheticDatasets.xor(n: 8, seed: 1)
    model.recordFeatureNames(of: points)
    #expect(model.featureNames.isEmpty)
    var sequence = try Sequential(name: "s", inputShape: [5, 3])
    #expect(sequence.fits(featureNames: ["a", "b", "c"]))
    #expect(sequence.fits(featureNames: (1...15).map { "v\($0)" }))
    #expect(!sequence.fits(featureNames: ["a", "b"]))
    sequence.featureNames = ["a", "b"]
    #expect(throws: PersistenceError.self) { try ModelArchive.encode(sequence) }
  }

  @Test func aFileWithoutNamesLoadsWithNone() throws {
    var model = try Self.irisModel()
    model.featureNames = ["w", "x", "y", "z"]
    let bytes = try ModelArchive.encode(model)
    let old = try Self.rewritingHeader(bytes) { $0["featureNames"] = nil }
    #expect(!String(decoding: old, as: UTF8.self).contains("featureNames"))
    let loaded = try ModelArchive.decode(old)
    #expect(loaded.featureNames.isEmpty && loaded.name == "net")
    #expect(
      try loaded.predict(Tensor(repeating: 1, shape: [4]))
        == model.predict(Tensor(repeating: 1, shape: [4])))
    // The helper itself changes nothing else: an unchanged header loads with its names.
    let same = try Self.rewritingHeader(bytes) { _ in }
    #expect(try ModelArchive.decode(same).featureNames == ["w", "x", "y", "z"])
  }

  @Test func aNameListOfTheWrongLengthIsRefusedWithAClearError() throws {
    let bytes = try ModelArchive.encode(try Self.irisModel())
    let wrong = try Self.rewritingHeader(bytes) { $0["featureNames"] = ["a", "b", "c"] }
    do {
      _ = try ModelArchive.decode(wrong, path: "m.nnvm")
      Issue.record("a file with 3 names for 4 inputs loaded")
    } catch let PersistenceError.invalidFile(path, reason) {
      #expect(path == "m.nnvm")
      #expect(reason == "it lists 3 feature names, but its input [4] has 4 features", "\(reason)")
    }
    let notStrings = try Self.rewritingHeader(bytes) { $0["featureNames"] = [1, 2, 3, 4] }
    #expect(throws: PersistenceError.self) { try ModelArchive.decode(notStrings) }
  }
}
