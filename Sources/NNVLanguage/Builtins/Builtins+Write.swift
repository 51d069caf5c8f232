import Foundation
import NNVCore
import NNVPlot

/// Getting numbers out: `write VALUE to "name.csv"` (or `.json`) writes any value a script
/// computes (tensors, lists, records, data sets with their targets, a model's history) with
/// every number in full precision, atomically like every file nnv writes (`AtomicFile`).
/// `ValueExport` decides how each kind of value is laid out; the file is written a block at a
/// time, so even the largest tensor is never held as text in memory.
extension Builtins {
  static let writing: [Builtin] = [write]

  /// The kinds of file `write` writes, named by their extensions.
  enum ExportFile: String, CaseIterable {
    case csv
    case json
  }

  static let write = Builtin(
    "write", .command,
    summary:
      "Writes a value (tensor, list, record, data set with its targets, a model's history) to "
      + "a CSV or JSON file, every number in full precision.",
    parameters: [
      Parameter("value", .any, positional: true, default: nil, "what to write"),
      Parameter(
        "to", .string, default: nil,
        "the file: .csv for a table, .json for any value (NaN and infinities as the strings "
          + "\"NaN\", \"Infinity\", \"-Infinity\")",
        fileTypes: ExportFile.allCases.map(\.rawValue)),
    ],
    example: """
      let data = iris()
      model net { input 4; dense 8 tanh; dense 3 softmax }
      train net on data epochs 5 lr 0.05
      write data to "iris.csv"
      write net to "history.csv"
      write attribution(net, on: data, method: "ig", steps: 10) to "ig.json"
      write evaluate(net, on: data) to "scores.csv"
      write [[1, 2], [3, 4]] to "rows.csv"
      """,
    body: .function(runWrite))

  static func runWrite(_ call: BuiltinCall) throws -> Value {
    guard let name = call.string("to"), let value = call.values["value"] else { return .none }
    let type = name.split(separator: ".").last.map { $0.lowercased() }
    let file = type.flatMap(ExportFile.init(rawValue:)) ?? .json
    let size: Int
    do {
      size = try AtomicFile.write(to: call.path("to")) { stream in
        switch file {
        case .csv: try ValueExport.writeCSV(value, to: &stream)
        case .json: try ValueExport.writeJSON(value, to: &stream)
        }
      }
    } catch let problem as ValueExport.Problem {
      throw call.fail(Diagnostic.Message(problem.message, hint: problem.hint), at: "value")
    } catch let error as PersistenceError {
      throw call.fail(.cannotWriteView(name, error.reason), at: "to")
    }
    if call.asStatement {
      call.interpreter.output.write("wrote \(name) (\(NumberText.bytes(size)))\n")
    }
    return .string(name)
  }
}
