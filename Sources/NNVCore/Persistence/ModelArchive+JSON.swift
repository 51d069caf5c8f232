import Foundation

/// The JSON header of a model file: how it is written and read back, and what a failure says.
///
/// JSON has no numbers for NaN and the infinities, yet a model trained on data with an infinite
/// value can hold them (a standardizer's mean, a loss in the history). They are written as the
/// strings `"nan"`, `"inf"` and `"-inf"` and read back as the numbers, so every model can be
/// saved. Older files never hold such strings, so they read as before.
extension ModelArchive {
  static let positiveInfinity = "inf"
  static let negativeInfinity = "-inf"
  static let notANumber = "nan"

  static var headerEncoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: positiveInfinity, negativeInfinity: negativeInfinity, nan: notANumber)
    return encoder
  }

  static var headerDecoder: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: positiveInfinity, negativeInfinity: negativeInfinity, nan: notANumber)
    return decoder
  }

  /// The header's JSON bytes; a failure is a `PersistenceError` in plain words.
  static func encodeHeader(_ header: Header, name: String) throws -> Data {
    let json: Data
    do {
      json = try headerEncoder.encode(header)
    } catch {
      throw PersistenceError.cannotWrite(
        path: name, reason: "the model's description cannot be written (\(describe(error)))")
    }
    guard json.count <= Int(UInt32.max) else {
      throw PersistenceError.cannotWrite(
        path: name,
        reason: "the model's description is \(FileProblem.bytes(json.count)), more than a "
          + "model file can hold (4 GiB)")
    }
    return json
  }

  /// An encoding or decoding error in plain words: what is wrong, and at which field.
  static func describe(_ error: any Error) -> String {
    func field(_ path: [any CodingKey]) -> String {
      let names = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
      return names.isEmpty ? "the header" : "'" + names.joined(separator: ".") + "'"
    }
    switch error {
    case EncodingError.invalidValue(let value, let context):
      return "the value \(value) in \(field(context.codingPath)) cannot be stored"
    case DecodingError.keyNotFound(let key, let context):
      return "\(field(context.codingPath + [key])) is missing"
    case DecodingError.valueNotFound(_, let context):
      return "\(field(context.codingPath)) is empty"
    case DecodingError.typeMismatch(_, let context):
      return "\(field(context.codingPath)) has the wrong type"
    case DecodingError.dataCorrupted(let context):
      return context.codingPath.isEmpty
        ? "it is not valid JSON" : "\(field(context.codingPath)) holds an unusable value"
    default:
      return "\(error)"
    }
  }
}
