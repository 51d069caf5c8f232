import Foundation
import NNVCore

/// What an nnv model keeps besides its layers, as the ONNX file's `metadata_props`: the class
/// names and feature names as JSON arrays of strings, the model's name and the nnv version.
public enum ONNXMetadata {
  /// The class names, a JSON array of strings.
  public static let classesKey = "classes"
  /// The feature names, a JSON array of strings.
  public static let featuresKey = "features"
  /// The model's name (an imported model takes it, or else the graph's name).
  public static let modelKey = "nnv_model"
  /// The version of nnv that wrote the file.
  public static let versionKey = "nnv_version"

  /// The entries written for `model`.
  static func properties(of model: Sequential, producerVersion: String)
    -> [Onnx_StringStringEntryProto]
  {
    var entries = [
      entry(modelKey, model.name), entry(versionKey, producerVersion),
    ]
    if !model.classNames.isEmpty { entries.append(entry(classesKey, json(model.classNames))) }
    if !model.featureNames.isEmpty {
      entries.append(entry(featuresKey, json(model.featureNames)))
    }
    return entries
  }

  /// The names stored under `key`, or empty when absent or not a JSON array of strings.
  static func names(_ key: String, in proto: Onnx_ModelProto) -> [String] {
    guard let text = proto.metadataProps.first(where: { $0.key == key })?.value,
      let names = try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    else { return [] }
    return names
  }

  /// The text stored under `key`, if any.
  static func value(_ key: String, in proto: Onnx_ModelProto) -> String? {
    proto.metadataProps.first(where: { $0.key == key })?.value
  }

  private static func entry(_ key: String, _ value: String) -> Onnx_StringStringEntryProto {
    var entry = Onnx_StringStringEntryProto()
    entry.key = key
    entry.value = value
    return entry
  }

  private static func json(_ names: [String]) -> String {
    guard let data = try? JSONEncoder().encode(names) else { return "[]" }
    return String(decoding: data, as: UTF8.self)
  }
}
