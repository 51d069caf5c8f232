import Foundation

/// Building and reading the attributes of ONNX nodes.
enum ONNXAttribute {
  static func int(_ name: String, _ value: Int) -> Onnx_AttributeProto {
    var attribute = Onnx_AttributeProto()
    attribute.name = name
    attribute.type = .int
    attribute.i = Int64(value)
    return attribute
  }

  static func ints(_ name: String, _ values: [Int]) -> Onnx_AttributeProto {
    var attribute = Onnx_AttributeProto()
    attribute.name = name
    attribute.type = .ints
    attribute.ints = values.map { Int64($0) }
    return attribute
  }

  static func float(_ name: String, _ value: Float) -> Onnx_AttributeProto {
    var attribute = Onnx_AttributeProto()
    attribute.name = name
    attribute.type = .float
    attribute.f = value
    return attribute
  }

  static func strings(_ name: String, _ values: [String]) -> Onnx_AttributeProto {
    var attribute = Onnx_AttributeProto()
    attribute.name = name
    attribute.type = .strings
    attribute.strings = values.map { Data($0.utf8) }
    return attribute
  }
}

extension Onnx_NodeProto {
  /// The attribute called `name`, if the node has it.
  func attribute(_ name: String) -> Onnx_AttributeProto? {
    attribute.first { $0.name == name }
  }

  /// An integer attribute, or `fallback` when it is absent.
  func int(_ name: String, default fallback: Int) -> Int {
    guard let found = attribute(name) else { return fallback }
    return Int(truncatingIfNeeded: found.i)
  }

  /// A list of integers, or nil when the attribute is absent.
  func ints(_ name: String) -> [Int]? {
    attribute(name).map { $0.ints.map { Int(truncatingIfNeeded: $0) } }
  }

  /// A float attribute, or `fallback` when it is absent.
  func float(_ name: String, default fallback: Float) -> Float {
    attribute(name)?.f ?? fallback
  }

  /// A text attribute, or `fallback` when it is absent.
  func string(_ name: String, default fallback: String) -> String {
    guard let found = attribute(name) else { return fallback }
    return String(decoding: found.s, as: UTF8.self)
  }

  /// A list of texts, or nil when the attribute is absent.
  func strings(_ name: String) -> [String]? {
    attribute(name).map { $0.strings.map { String(decoding: $0, as: UTF8.self) } }
  }
}
