import Foundation
import NNVCore

/// Reads a script from a file or standard input: at most `maximumLength` bytes, and UTF-8.
///
/// Nothing past the limit is read, so `nnv - < /dev/zero` stops at once; text that is not
/// UTF-8 is reported as a diagnostic at its first bad byte, like any other mistake in a script.
public enum ScriptReader {
  /// The largest script nnv reads: 4 MiB, a hundred thousand lines, far more than anyone
  /// writes. Parsing a script takes memory in proportion (a 4 MiB list literal about 300 MB),
  /// so the limit also bounds that.
  public static let maximumLength = 4 << 20

  /// Why a script could not be read.
  public enum Failure: Error, Equatable {
    /// The file does not exist or cannot be opened or read; the reason.
    case unreadable(String)
    /// It holds more than `maximumLength` bytes.
    case tooLarge
    /// It is not UTF-8: the diagnostic points at the first bad byte.
    case notUTF8(Diagnostic)

    /// The problem in one sentence; `script` names it: `'xor.nnv'`, `the script on standard
    /// input`.
    public func message(script: String) -> String {
      switch self {
      case .unreadable(let reason): "Cannot read \(script): \(reason)."
      case .tooLarge:
        "\(script.capitalizedFirst) is larger than \(ScriptReader.maximumLength >> 20) MiB, the "
          + "most nnv reads as a script."
      case .notUTF8(let diagnostic): diagnostic.text
      }
    }
  }

  /// The script in the file at `path`, shown as `name` in diagnostics. Only a regular file is
  /// read (a FIFO or a device is refused at once), and only up to `maximumLength`.
  public static func read(path: String, name: String) -> Result<SourceFile, Failure> {
    let data: Data
    do {
      data = try FileReader.read(path, limit: maximumLength, what: "a script")
    } catch {
      return .failure(.unreadable("\(error)"))
    }
    return source(from: Array(data), name: name).mapError { .notUTF8($0) }
  }

  /// The script read from `handle` to its end, shown as `name` in diagnostics.
  public static func read(from handle: FileHandle, name: String) -> Result<SourceFile, Failure> {
    var data = Data()
    do {
      // One byte past the limit tells a script of exactly the limit from a larger one.
      while data.count <= maximumLength {
        let wanted = Swift.min(1 << 20, maximumLength + 1 - data.count)
        guard let chunk = try handle.read(upToCount: wanted), !chunk.isEmpty else { break }
        data.append(chunk)
      }
    } catch {
      return .failure(.unreadable((error as NSError).localizedDescription))
    }
    guard data.count <= maximumLength else { return .failure(.tooLarge) }
    return source(from: Array(data), name: name).mapError { .notUTF8($0) }
  }

  /// The script in `bytes`, or a diagnostic at the first byte that is not UTF-8.
  public static func source(from bytes: [UInt8], name: String) -> Result<SourceFile, Diagnostic> {
    if let text = String(validating: bytes, as: UTF8.self) {
      return .success(SourceFile(name: name, text: text))
    }
    // Up to the first bad byte the text is valid, so offsets into the repaired text (where
    // each bad sequence became U+FFFD) point at the same place up to there.
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    parsing: while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .error, .emptyInput: break parsing
      }
    }
    // The bad sequence is one U+FFFD in the repaired text: 3 bytes.
    let replacementLength = 3
    let repaired = SourceFile(name: name, text: String(decoding: bytes, as: UTF8.self))
    let byte = offset < bytes.count ? bytes[offset] : 0
    return .failure(
      Diagnostic(
        .notUTF8(byte), at: SourceRange(start: offset, end: offset + replacementLength),
        in: repaired))
  }
}

extension Diagnostic.Message {
  static func notUTF8(_ byte: UInt8) -> Self {
    let hex = (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    return Self(
      "The script is not UTF-8 text: byte 0x\(hex) here is no character.",
      hint: "save the file as UTF-8")
  }
}
