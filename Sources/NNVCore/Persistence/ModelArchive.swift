import Foundation

/// The `.nnvm` model file: architecture, weights, standardization, class and feature names and
/// history (every field of the header is documented in Docs/model-file.md).
///
/// Layout (all integers little-endian), format version 1:
///
///     offset  size  content
///     0       8     magic "NNVMODEL"
///     8       4     format version (UInt32) = 1
///     12      4     header length H (UInt32)
///     16      H     header: UTF-8 JSON (`ModelArchive.Header`)
///     16+H    4·P   every parameter as Float32, layer by layer, in `parameterNames` order,
///                   each tensor row-major; P = the sum of the header's parameter shapes
///     end−8   8     FNV-1a 64-bit checksum (UInt64) of all bytes before it
///
/// The JSON header lists each layer's kind, name, activation and settings, and the shape of each
/// of its parameters, so a reader can check the weights before using them. Files are written
/// atomically. A reader rejects a wrong magic, a newer version, a size that does not match the
/// header, and a checksum mismatch, each with its own message.
public enum ModelArchive {
  /// The version this build writes and the newest it reads.
  public static let formatVersion: UInt32 = 1
  static let magic = Array("NNVMODEL".utf8)

  /// The JSON header.
  struct Header: Codable {
    var name: String
    var inputShape: [Int]
    var layers: [LayerRecord]
    var standardizer: Standardizer?
    var classNames: [String]
    /// Optional: files written before feature names travelled with models lack it.
    var featureNames: [String]?
    var history: TrainingHistory
  }

  /// The bytes of a model file.
  public static func encode(_ model: Sequential) throws -> Data {
    guard model.fits(featureNames: model.featureNames) else {
      throw PersistenceError.cannotWrite(
        path: model.name,
        reason: "its \(model.featureNames.count) feature names do not fit its input of shape "
          + Tensor.describe(model.inputShape))
    }
    let records = model.layers.map { layer -> LayerRecord in
      var record = LayerRecord(
        kind: layer.kind, name: layer.name, activation: layer.activation.name,
        settings: layer.registeredKind?.savedConfiguration(of: layer) ?? LayerConfiguration(),
        parameterShapes: layer.parameters.map(\.shape))
      if case .leakyRelu(let slope) = layer.activation { record.leakySlope = slope }
      return record
    }
    let header = Header(
      name: model.name, inputShape: model.inputShape, layers: records,
      standardizer: model.standardizer, classNames: model.classNames,
      featureNames: model.featureNames, history: model.history)
    let json = try encodeHeader(header, name: model.name)
    var bytes = Data(magic)
    append(formatVersion, to: &bytes)
    append(UInt32(json.count), to: &bytes)
    bytes.append(json)
    for layer in model.layers {
      for tensor in layer.parameters {
        for value in tensor.scalars { append(value.bitPattern, to: &bytes) }
      }
    }
    append(checksum(bytes), to: &bytes)
    return bytes
  }

  /// Saves `model` to `path` atomically (see `AtomicFile` for what is replaced and how).
  public static func save(_ model: Sequential, to path: String) throws {
    let bytes: Data
    do {
      bytes = try encode(model)
    } catch PersistenceError.cannotWrite(_, let reason) {
      throw PersistenceError.cannotWrite(path: path, reason: reason)
    }
    try AtomicFile.write(bytes, to: path)
  }

  /// The largest model file `load` reads: 1 GiB.
  public static let maximumFileSize = 1 << 30

  /// Loads the model saved at `path`: only a regular file of at most `maximumFileSize` bytes.
  public static func load(from path: String) throws -> Sequential {
    let data: Data
    do {
      data = try FileReader.read(path, limit: maximumFileSize, what: "a model file")
    } catch let problem as FileProblem {
      throw PersistenceError.cannotRead(path: path, reason: problem.reason)
    }
    return try decode(data, path: path)
  }

  /// Rebuilds a model from file bytes; `path` only names the file in errors.
  public static func decode(_ data: Data, path: String = "<model>") throws -> Sequential {
    let bytes = [UInt8](data)
    func invalid(_ reason: String) -> PersistenceError {
      .invalidFile(path: path, reason: reason)
    }
    guard bytes.count >= 24, Array(bytes[0..<8]) == magic else {
      throw invalid("it does not start with the nnv model signature")
    }
    let version: UInt32 = read(bytes, at: 8)
    guard version >= 1, version <= formatVersion else {
      throw invalid("it has format version \(version); this nnv reads up to \(formatVersion)")
    }
    let headerLength = Int(read(bytes, at: 12) as UInt32)
    guard 16 + headerLength + 8 <= bytes.count else {
      throw invalid("it is truncated (the header runs past the end of the file)")
    }
    let stored: UInt64 = read(bytes, at: bytes.count - 8)
    guard stored == checksum(bytes[0..<(bytes.count - 8)]) else {
      throw invalid("its checksum does not match: the file is corrupt or truncated")
    }
    let header: Header
    do {
      header = try headerDecoder.decode(
        Header.self, from: Data(bytes[16..<(16 + headerLength)]))
    } catch {
      throw invalid("its header cannot be read (\(describe(error)))")
    }
    // Everything the header describes is checked before anything is allocated.
    let layouts = try validate(
      header, headerLength: headerLength, fileSize: bytes.count, invalid: invalid)
    var model: Sequential
    do {
      model = try Sequential(name: header.name, inputShape: header.inputShape)
    } catch {
      throw invalid("its input shape cannot be used (\(error))")
    }
    var offset = 16 + headerLength
    for (record, shapes) in zip(header.layers, layouts) {
      let tensors = shapes.map { shape in
        let count = shape.reduce(1, *)  // checked in `validate`
        let values = (0..<count).map { Float(bitPattern: read(bytes, at: offset + 4 * $0)) }
        offset += 4 * count
        return Tensor(uncheckedShape: shape, scalars: values)
      }
      do {
        try model.append(try makeLayer(record, parameters: tensors, invalid: invalid))
      } catch let error as PersistenceError {
        throw error
      } catch {
        throw invalid("its layers do not fit together (\(error))")
      }
    }
    model.standardizer = header.standardizer
    model.classNames = header.classNames
    model.featureNames = header.featureNames ?? []
    model.history = header.history
    return model
  }

  /// The layer a record describes, with the parameters read from the file (whose shapes
  /// `validate` has checked against the record).
  static func makeLayer(
    _ record: LayerRecord, parameters: [Tensor], invalid: (String) -> PersistenceError
  ) throws -> any Layer {
    guard var activation = Activation(named: record.activation) else {
      throw invalid("layer \(record.name) has an unknown activation '\(record.activation)'")
    }
    if let slope = record.leakySlope { activation = .leakyRelu(slope: slope) }
    guard let kind = LayerRegistry.kind(named: record.kind) else {
      throw invalid("layer \(record.name) has a kind this nnv does not know: '\(record.kind)'")
    }
    let saved = SavedLayer(
      name: record.name, activation: activation, configuration: record.settings,
      parameters: parameters)
    guard let layer = try kind.restore(saved) else {
      throw invalid("\(kind.name) layer \(record.name) is incomplete")
    }
    return layer
  }

  static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
    withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
  }

  static func read<T: FixedWidthInteger>(_ bytes: [UInt8], at offset: Int) -> T {
    var value: T = 0
    for i in 0..<MemoryLayout<T>.size { value |= T(bytes[offset + i]) << (8 * i) }
    return value
  }

  /// FNV-1a, 64 bits: cheap and enough to notice truncation and bit rot (not tampering).
  static func checksum<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }
}
