import Foundation

/// A reader of `.nnvm` model files written from Docs/model-file.md alone: it shares no code
/// with nnv. It checks the container (signature, version, length, FNV-1a checksum), parses the
/// header with `JSONSerialization`, reads the little-endian Float32 parameters byte by byte and
/// runs one sample through the layers as the page defines them, in double precision.
struct ModelFileReader {
  struct Problem: Error, CustomStringConvertible { let description: String }

  /// A tensor: its shape and its values, row-major.
  struct Values {
    var shape: [Int]
    var values: [Double]
  }

  /// One layer object of the header with its tensors.
  struct Layer {
    var kind: String
    var activation: String
    var leakySlope: Double
    var settings: [String: Any]
    var tensors: [Values]

    func integer(_ key: String) -> Int? { (settings[key] as? NSNumber)?.intValue }
    func flag(_ key: String, default value: Bool) -> Bool { settings[key] as? Bool ?? value }
    func word(_ key: String) -> String? { settings[key] as? String }
  }

  var header: [String: Any]
  var inputShape: [Int]
  var layers: [Layer] = []
  var mean: [Double]?
  var deviation: [Double]?

  init(_ data: Data) throws {
    let bytes = [UInt8](data)
    guard bytes.count >= 24, Array(bytes[0..<8]) == Array("NNVMODEL".utf8) else {
      throw Problem(description: "no signature")
    }
    guard Self.integer(bytes, at: 8, size: 4) == 1 else { throw Problem(description: "version") }
    let length = Int(Self.integer(bytes, at: 12, size: 4))
    guard 16 + length + 8 <= bytes.count else { throw Problem(description: "truncated") }
    guard Self.integer(bytes, at: bytes.count - 8, size: 8) == Self.fnv1a(bytes.dropLast(8))
    else { throw Problem(description: "checksum") }
    let json = try JSONSerialization.jsonObject(with: Data(bytes[16..<(16 + length)]))
    guard let header = json as? [String: Any], let shape = header["inputShape"] as? [Int],
      let records = header["layers"] as? [[String: Any]]
    else { throw Problem(description: "header") }
    self.header = header
    inputShape = shape
    var offset = 16 + length
    for record in records {
      var tensors: [Values] = []
      for shape in record["parameterShapes"] as? [[Int]] ?? [] {
        let count = shape.reduce(1, *)
        let values = (0..<count).map { k in
          let bits = UInt32(Self.integer(bytes, at: offset + 4 * k, size: 4))
          return Double(Float(bitPattern: bits))
        }
        offset += 4 * count
        tensors.append(Values(shape: shape, values: values))
      }
      let kind = record["kind"] as? String ?? ""
      let activation = record["activation"] as? String ?? ""
      let slope = (record["leakySlope"] as? NSNumber)?.doubleValue ?? 0.01
      layers.append(
        Layer(
          kind: kind, activation: activation, leakySlope: slope, settings: record,
          tensors: tensors))
    }
    guard offset + 8 == bytes.count else { throw Problem(description: "length") }
    if let standardizer = header["standardizer"] as? [String: Any] {
      mean = (standardizer["mean"] as? [NSNumber])?.map(\.doubleValue)
      deviation = (standardizer["deviation"] as? [NSNumber])?.map(\.doubleValue)
    }
  }

  /// The little-endian unsigned integer of `size` bytes at `offset`.
  static func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
    (0..<size).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
  }

  /// FNV-1a, 64 bits.
  static func fnv1a<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
    bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
  }

  /// The model's output for one sample (flattened row-major), flattened.
  func predict(_ sample: [Double]) throws -> [Double] {
    try outputs(sample, beforeFinalActivation: false)
  }

  /// The scores saliency explains: the last layer's output before its activation.
  func scores(_ sample: [Double]) throws -> [Double] {
    try outputs(sample, beforeFinalActivation: true)
  }

  func outputs(_ sample: [Double], beforeFinalActivation: Bool) throws -> [Double] {
    var x = Values(shape: inputShape, values: sample)
    if let mean, let deviation {
      x.values = x.values.indices.map { (x.values[$0] - mean[$0]) * (1 / deviation[$0]) }
    }
    for (i, layer) in layers.enumerated() {
      x = try forward(layer, x)
      if !(beforeFinalActivation && i == layers.count - 1) { x.values = Self.activate(layer, x) }
    }
    return x.values
  }

  /// What a layer computes before its activation.
  func forward(_ layer: Layer, _ x: Values) throws -> Values {
    switch layer.kind {
    case "dense": return Self.dense(layer.tensors[0], layer.tensors[1], x)
    case "conv": return try Self.conv(layer, x)
    case "maxpool", "avgpool": return try Self.pool(layer, x)
    case "rnn", "lstm", "gru": return try Self.recurrent(layer, x)
    case "flatten": return Values(shape: [x.values.count], values: x.values)
    case "dropout", "activation": return x
    default: throw Problem(description: "unknown kind \(layer.kind)")
    }
  }

  /// `x · weight + bias` for every row of `x` (one row, or one per step).
  static func dense(_ weight: Values, _ bias: Values, _ x: Values) -> Values {
    let (inputs, units) = (weight.shape[0], weight.shape[1])
    let rows = x.values.count / inputs
    var out = [Double](repeating: 0, count: rows * units)
    for r in 0..<rows {
      for u in 0..<units {
        var sum = bias.values[u]
        for i in 0..<inputs { sum += x.values[r * inputs + i] * weight.values[i * units + u] }
        out[r * units + u] = sum
      }
    }
    return Values(shape: x.shape.dropLast() + [units], values: out)
  }

  /// The output size along an axis and the padding before its first element.
  static func window(_ size: Int, kernel: Int, stride: Int, same: Bool) -> (Int, Int) {
    guard same else { return ((size - kernel) / stride + 1, 0) }
    let count = (size + stride - 1) / stride
    let total = max((count - 1) * stride + kernel - size, 0)
    return (count, total / 2)
  }

  static func conv(_ layer: Layer, _ x: Values) throws -> Values {
    let (weight, bias) = (layer.tensors[0], layer.tensors[1])
    let (filters, channels, k) = (weight.shape[0], weight.shape[1], weight.shape[2])
    let (h, w) = (x.shape[1], x.shape[2])
    guard let size = layer.integer("size"), size == k else { throw Problem(description: "size") }
    let stride = layer.integer("stride") ?? 1
    let same = layer.word("padding") == "same"
    let (rows, top) = window(h, kernel: k, stride: stride, same: same)
    let (columns, left) = window(w, kernel: k, stride: stride, same: same)
    var out: [Double] = []
    for f in 0..<filters {
      for r in 0..<rows {
        for c in 0..<columns {
          var sum = bias.values[f]
          for ch in 0..<channels {
            for i in 0..<k {
              for j in 0..<k {
                let (y, z) = (r * stride - top + i, c * stride - left + j)
                guard y >= 0, y < h, z >= 0, z < w else { continue }
                let kernel = weight.values[((f * channels + ch) * k + i) * k + j]
                sum += kernel * x.values[(ch * h + y) * w + z]
              }
            }
          }
          out.append(sum)
        }
      }
    }
    return Values(shape: [filters, rows, columns], values: out)
  }

  static func pool(_ layer: Layer, _ x: Values) throws -> Values {
    guard let k = layer.integer("size") else { throw Problem(description: "pool size") }
    let stride = layer.integer("stride") ?? k
    let (channels, h, w) = (x.shape[0], x.shape[1], x.shape[2])
    let (rows, columns) = ((h - k) / stride + 1, (w - k) / stride + 1)
    var out: [Double] = []
    for ch in 0..<channels {
      for r in 0..<rows {
        for c in 0..<columns {
          var window: [Double] = []
          for i in 0..<k {
            for j in 0..<k {
              window.append(x.values[(ch * h + r * stride + i) * w + c * stride + j])
            }
          }
          let value =
            layer.kind == "maxpool"
            ? window.max() ?? 0 : window.reduce(0, +) / Double(window.count)
          out.append(value)
        }
      }
    }
    return Values(shape: [channels, rows, columns], values: out)
  }

  /// The layer's activation applied to its output.
  static func activate(_ layer: Layer, _ x: Values) -> [Double] {
    switch layer.activation {
    case "relu": return x.values.map { max($0, 0) }
    case "leaky_relu": return x.values.map { $0 > 0 ? $0 : layer.leakySlope * $0 }
    case "sigmoid": return x.values.map(sigmoid)
    case "tanh": return x.values.map { Foundation.tanh($0) }
    case "gelu": return x.values.map { $0 * 0.5 * (1 + erf($0 / 2.0.squareRoot())) }
    case "softmax":
      let width = x.shape.last ?? 1
      return stride(from: 0, to: x.values.count, by: width).flatMap { start in
        let row = x.values[start..<(start + width)]
        let top = row.max() ?? 0
        let e = row.map { exp($0 - top) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
      }
    default: return x.values
    }
  }

  static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
