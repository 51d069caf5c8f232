import Foundation
import NNVCore
import Testing

/// Model files whose checksum is valid but whose header is hostile or damaged: each is refused
/// with a clear `invalidFile` error before anything it describes is allocated.
@Suite struct ArchiveValidationTests {
  func model() throws -> Sequential {
    var model = try Sequential(name: "net", inputShape: [2])
    try model.append(Dense(inputSize: 2, outputSize: 4, activation: .tanh, seed: 1))
    try model.append(Dense(inputSize: 4, outputSize: 1, activation: .sigmoid, seed: 2))
    model.standardizer = Standardizer(mean: [0, 0], deviation: [1, 1])
    try Trainer.train(
      &model, on: SyntheticDatasets.xor(n: 16, seed: 1), optimizer: Adam(),
      options: TrainingOptions(epochs: 2, loss: .binaryCrossEntropy))
    return model
  }

  /// FNV-1a, 64 bits: the file's checksum, so crafted files pass it.
  func checksum(_ bytes: Data) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }

  func littleEndian<T: FixedWidthInteger>(_ value: T) -> Data {
    withUnsafeBytes(of: value.littleEndian) { Data($0) }
  }

  /// A saved model with its JSON header edited and the checksum made valid again.
  func crafted(
    _ edit: (inout [String: Any]) -> Void, weights: ((Data) -> Data)? = nil
  ) throws -> Data {
    let bytes = try ModelArchive.encode(try model())
    let length = bytes[12..<16].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    let header = bytes.subdata(in: 16..<(16 + length))
    var json = try #require(try JSONSerialization.jsonObject(with: header) as? [String: Any])
    edit(&json)
    let newHeader = try JSONSerialization.data(withJSONObject: json)
    var out = bytes.subdata(in: 0..<12)
    out.append(littleEndian(UInt32(newHeader.count)))
    out.append(newHeader)
    let parameters = bytes.subdata(in: (16 + length)..<(bytes.count - 8))
    out.append(weights?(parameters) ?? parameters)
    out.append(littleEndian(checksum(out)))
    return out
  }

  func expectInvalid(
    _ data: Data, containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    do {
      _ = try ModelArchive.decode(data, path: "m.nnvm")
      Issue.record("expected an error", sourceLocation: sourceLocation)
    } catch let PersistenceError.invalidFile(path, reason) {
      #expect(path == "m.nnvm", sourceLocation: sourceLocation)
      #expect(reason.contains(fragment), "\(reason)", sourceLocation: sourceLocation)
    } catch {
      Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
  }

  /// Edits layer `index` of the header.
  func editLayer(_ index: Int, _ body: @escaping (inout [String: Any]) -> Void)
    -> (inout [String: Any]) -> Void
  {
    { json in
      guard var layers = json["layers"] as? [[String: Any]] else { return }
      body(&layers[index])
      json["layers"] = layers
    }
  }

  @Test func anUneditedCraftIsStillAValidModel() throws {
    let data = try crafted { _ in }
    let loaded = try ModelArchive.decode(data)
    #expect(loaded.parameters == (try model()).parameters)
  }

  @Test func hugeParameterShapesAreRefused() throws {
    for shapes in [[[Int.max, 4], [4]], [[4_000_000_000, 4_000_000_000], [4]], [[2, 4]]] {
      let data = try crafted(editLayer(0) { $0["parameterShapes"] = shapes })
      expectInvalid(data, containing: "but its architecture has [2, 4], [4]")
    }
  }

  @Test func hugeUnitsAreRefusedWithTheLimit() throws {
    let units = 4_000_000_000
    let data = try crafted(
      editLayer(0) {
        $0["units"] = units
        $0["parameterShapes"] = [[2, units], [units]]
      })
    expectInvalid(data, containing: "over the limit of 67,108,864 parameters per model")
    let zero = try crafted(editLayer(1) { $0["units"] = 0 })
    expectInvalid(zero, containing: "at least one input and one unit")
  }

  @Test func hugeOrWrongInputShapesAreRefused() throws {
    let huge = try crafted { $0["inputShape"] = [10_000_000, 10_000_000, 10_000_000] }
    expectInvalid(huge, containing: "over the limit of 268,435,456 elements per tensor")
    let overflow = try crafted { $0["inputShape"] = [Int.max, Int.max] }
    expectInvalid(overflow, containing: "elements per tensor")
    let negative = try crafted { $0["inputShape"] = [-2] }
    expectInvalid(negative, containing: "not 1 to 3 positive sizes")
    // A shape that disagrees with the first layer's weights.
    let wrong = try crafted { $0["inputShape"] = [3] }
    expectInvalid(wrong, containing: "lists parameters of shapes [2, 4], [4]")
  }

  @Test func weightsMustFillTheFileExactly() throws {
    let short = try crafted({ _ in }, weights: { $0.dropLast(4) })
    expectInvalid(short, containing: "should hold 17 weights")
  }

  @Test func runNumbersThatWouldOverflowAreRefused() throws {
    let data = try crafted { json in
      guard var history = json["history"] as? [String: Any],
        var epochs = history["epochs"] as? [[String: Any]]
      else { return }
      epochs[epochs.count - 1]["run"] = Int.max
      history["epochs"] = epochs
      json["history"] = history
    }
    expectInvalid(data, containing: "training history")
  }

  @Test func aStandardizerMustFitTheInput() throws {
    let data = try crafted { $0["standardizer"] = ["mean": [0], "deviation": [1]] }
    expectInvalid(data, containing: "standardization")
    let zero = try crafted { $0["standardizer"] = ["mean": [0, 0], "deviation": [1, 0]] }
    expectInvalid(zero, containing: "positive deviation")
  }

  @Test func tooManyLayersAreRefused() throws {
    let flatten: [String: Any] = [
      "kind": "flatten", "name": "f", "activation": "linear", "parameterShapes": [[Int]](),
    ]
    let data = try crafted { json in
      let layers = json["layers"] as? [[String: Any]] ?? []
      json["layers"] = Array(repeating: flatten, count: 10_001) + layers
    }
    expectInvalid(data, containing: "over the limit of 10,000 layers per model")
  }
}
