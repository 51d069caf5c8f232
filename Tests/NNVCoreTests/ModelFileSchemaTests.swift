import Foundation
import NNVCore
import NNVTestSupport
import Testing

/// Docs/nnvm.schema.json names every key nnv writes in a model file's header, where it writes
/// it: a key added to the writer without its place in the schema (and so in the documentation)
/// fails here. Scripts/check-model-files.sh validates saved files against the schema itself.
@Suite struct ModelFileSchemaTests {
  static var root: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  static func schema() throws -> [String: Any] {
    let data = try Data(contentsOf: root.appendingPathComponent("Docs/nnvm.schema.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// Models that between them make the writer emit every key: each layer kind and setting,
  /// standardization, class and feature names, and a history with validation and weights.
  static func models() throws -> [Sequential] {
    let data = try SyntheticDatasets.gauss(n: 60, classes: 3, seed: 1)
    var mlp = try Sequential(name: "mlp", inputShape: [2])
    try mlp.append(Dense(inputSize: 2, outputSize: 4, activation: .leakyRelu(slope: 0.1), seed: 1))
    try mlp.append(Dropout(rate: 0.2))
    try mlp.append(ActivationLayer(.gelu))
    try mlp.append(Dense(inputSize: 4, outputSize: 3, activation: .softmax, seed: 2, name: "out"))
    mlp.standardizer = try Standardizer(fitting: data)
    mlp.classNames = data.classNames
    mlp.recordFeatureNames(of: data)
    try Trainer.train(
      &mlp, on: data, optimizer: Adam(),
      options: TrainingOptions(epochs: 2, loss: .categoricalCrossEntropy, validation: data))
    var cnn = try Sequential(name: "cnn", inputShape: [1, 6, 6])
    try cnn.append(Conv2D(inputChannels: 1, filters: 2, kernelSize: 3, padding: .same, seed: 1))
    try cnn.append(MaxPool2D(size: 2))
    try cnn.append(AvgPool2D(size: 1, stride: 1))
    try cnn.append(Flatten())
    var rnn = try Sequential(name: "rnn", inputShape: [4, 3])
    try rnn.append(
      Recurrent(.rnn(.relu), inputSize: 3, units: 2, returnsSequences: true, bias: false))
    try rnn.append(Recurrent(.lstm, inputSize: 2, units: 2, returnsSequences: true))
    try rnn.append(Recurrent(.gru, inputSize: 2, units: 2))
    return [mlp, cnn, rnn]
  }

  /// The header of a model's file, parsed.
  static func header(_ model: Sequential) throws -> [String: Any] {
    try ModelFileReader(try ModelArchive.encode(model)).header
  }

  @Test func theSchemaIsDraft2020AndClosed() throws {
    let schema = try Self.schema()
    #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    #expect(schema["additionalProperties"] as? Bool == false)
    let required = try #require(schema["required"] as? [String])
    #expect(Set(required) == ["name", "inputShape", "layers", "classNames", "history"])
    // An untrained model without names or standardization still writes every required key.
    let plain = try Sequential(name: "plain", inputShape: [3])
    #expect(Set(try Self.header(plain).keys).isSuperset(of: required))
  }

  @Test func everyKeyTheWriterEmitsIsInTheSchema() throws {
    let walker = SchemaWalker(root: try Self.schema())
    var kinds: Set<String> = []
    for model in try Self.models() {
      let header = try Self.header(model)
      #expect(walker.undocumented(header, walker.resolve(walker.root), at: "") == [])
      for layer in header["layers"] as? [[String: Any]] ?? [] {
        kinds.insert(layer["kind"] as? String ?? "")
      }
    }
    #expect(kinds == Set(LayerRegistry.kinds.map(\.name)))
    // A key the schema does not name is found.
    var extra = try Self.header(try Self.models()[2])
    extra["comment"] = "x"
    var epochs = try #require((extra["history"] as? [String: Any])?["epochs"] as? [Any])
    epochs.append(["run": 1, "epoch": 1, "loss": 0, "momentum": 0.9])
    extra["history"] = ["epochs": epochs]
    #expect(
      walker.undocumented(extra, walker.resolve(walker.root), at: "")
        == ["comment", "history.epochs[0].momentum"])
  }

  @Test func everySavedLayerSettingAndKindIsNamed() throws {
    let text = try String(
      contentsOf: Self.root.appendingPathComponent("Docs/nnvm.schema.json"), encoding: .utf8)
    for parameter in LayerRegistry.savedParameters {
      #expect(text.contains("\"\(parameter.name)\":"), "\(parameter.name)")
    }
    for kind in LayerRegistry.kinds {
      #expect(text.contains("\"\(kind.name)\""), "\(kind.name)")
    }
    for activation in Activation.allCases {
      #expect(text.contains("\"\(activation.name)\""), "\(activation.name)")
    }
  }
}

/// Finds the keys of a JSON value that a JSON Schema does not name where they stand: following
/// `$ref` (to `#/$defs/...`), `allOf`, `anyOf`, `oneOf` and `then`, `properties`, `items` and
/// `prefixItems`.
struct SchemaWalker {
  let root: [String: Any]

  /// The schema objects that apply to a value `node` applies to.
  func resolve(_ node: Any) -> [[String: Any]] {
    guard let node = node as? [String: Any] else { return [] }
    var result = [node]
    if let reference = node["$ref"] as? String, reference.hasPrefix("#/$defs/"),
      let target = (root["$defs"] as? [String: Any])?[String(reference.dropFirst(8))]
    {
      result += resolve(target)
    }
    for key in ["allOf", "anyOf", "oneOf"] {
      for branch in node[key] as? [Any] ?? [] { result += resolve(branch) }
    }
    if let then = node["then"] { result += resolve(then) }
    return result
  }

  /// The paths of the keys in `value` that none of `schemas` names.
  func undocumented(_ value: Any, _ schemas: [[String: Any]], at path: String) -> [String] {
    if let object = value as? [String: Any] {
      return object.keys.sorted().flatMap { key -> [String] in
        let named = schemas.compactMap { ($0["properties"] as? [String: Any])?[key] }
        let place = path.isEmpty ? key : path + "." + key
        guard !named.isEmpty else { return [place] }
        return undocumented(object[key] as Any, named.flatMap(resolve), at: place)
      }
    }
    if let array = value as? [Any] {
      return array.enumerated().flatMap { index, element in
        let named = schemas.flatMap { schema -> [Any] in
          let prefix = schema["prefixItems"] as? [Any] ?? []
          return (index < prefix.count ? [prefix[index]] : []) + [schema["items"]].compactMap { $0 }
        }
        return undocumented(element, named.flatMap(resolve), at: "\(path)[\(index)]")
      }
    }
    return []
  }
}
