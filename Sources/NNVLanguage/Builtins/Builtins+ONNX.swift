import NNVCore
import NNVONNX

/// Exchanging models with other frameworks through ONNX files.
extension Builtins {
  static let onnx: [Builtin] = [export]

  static let export = Builtin(
    "export", .command,
    summary:
      "Writes a model as a standard ONNX file (opset 17) for ONNX Runtime and other frameworks; "
      + "`load` reads one back.",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "the model"),
      Parameter(
        "to", .string, default: nil,
        "the .onnx file path; an existing regular file is replaced atomically"),
    ],
    example: """
      model net { input 2; dense 8 relu; dense 1 sigmoid }
      export net to "net.onnx"
      let again = load("net.onnx")
      print predict(again, [0.5, 0.5]) == predict(net, [0.5, 0.5])
      """,
    body: .function { call in
      guard let reference = call.model("model"), let path = call.string("to") else {
        return .none
      }
      let model = reference.model
      do {
        try ONNXExport.save(model, to: call.path("to"), producerVersion: NNVVersion.current)
      } catch PersistenceError.cannotWrite(_, let reason) {
        throw call.fail(.cannotSave(model.name, path, reason), at: "to")
      } catch let error as ONNXError {
        throw call.fail(.cannotExport(model.name, error.description), at: "model")
      }
      if call.asStatement {
        call.interpreter.output.write("exported \(model.name) to \(path)\n")
      }
      return .none
    })

  /// The model in the ONNX file at `path` (a path `load` has resolved), for `load`.
  static func importONNX(_ call: BuiltinCall, path: String) throws -> Sequential {
    do {
      return try ONNXImport.load(from: path)
    } catch PersistenceError.cannotRead(_, let reason) {
      throw call.fail(.cannotLoad(call.string("path") ?? "", reason), at: "path")
    } catch let error as ONNXError {
      throw call.fail(.cannotImport(call.string("path") ?? "", error.description), at: "path")
    }
  }
}

extension Diagnostic.Message {
  static func cannotExport(_ model: String, _ reason: String) -> Self {
    Self(
      "Cannot export \(model): \(reason).",
      hint: "ONNX export knows dense, activation, dropout, flatten, conv, pooling and "
        + "recurrent layers")
  }
  static func cannotImport(_ path: String, _ reason: String) -> Self {
    Self(
      "Cannot import '\(path)': \(reason).",
      hint: "load reads ONNX models made of the layers nnv has (see `help export`)")
  }
}
