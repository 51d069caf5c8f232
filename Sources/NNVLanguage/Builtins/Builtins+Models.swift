import NNVCore
import NNVPlot

/// Looking at, using, saving and loading models.
extension Builtins {
  static let models: [Builtin] = [summary, save, predict, load]

  static let summary = Builtin(
    "summary", .command,
    summary:
      "Prints a model's layers, output shapes, parameters and memory, flagging zero or NaN weights.",
    parameters: [Parameter("model", .model, positional: true, default: nil, "the model")]
      + viewParameters,
    example: """
      model net { input 2; dense 8 tanh; dense 1 sigmoid }
      summary net
      summary net to "summary.svg"
      """,
    body: .function { call in
      guard let model = call.model("model")?.model else { return .none }
      let table = ModelViews.summary(model, options: try options(call))
      return try show(call, table)
    })

  static let save = Builtin(
    "save", .command,
    summary: "Saves a model (architecture, weights, history) to an .nnvm file.",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "the model"),
      Parameter(
        "to", .string, default: nil,
        "the file path; an existing regular file is replaced atomically, keeping its mode"),
    ],
    example: "model net { input 2; dense 1 sigmoid }\nsave net to \"net.nnvm\"",
    body: .function { call in
      guard let reference = call.model("model"), let path = call.string("to") else {
        return .none
      }
      let model = reference.model
      do {
        try ModelArchive.save(model, to: call.path("to"))
      } catch PersistenceError.cannotWrite(_, let reason) {
        throw call.fail(.cannotSave(model.name, path, reason), at: "to")
      }
      reference.markSaved()
      if call.asStatement { call.interpreter.output.write("saved \(model.name) to \(path)\n") }
      return .none
    })

  static let load = Builtin(
    "load", .function,
    summary: "Loads a model saved with `save`, or an ONNX model (a path ending in .onnx).",
    parameters: [
      Parameter(
        "path", .string, positional: true, default: nil,
        "the .nnvm file, or an .onnx file of the layers nnv has")
    ],
    example: """
      model net { input 2; dense 1 sigmoid }
      save net to "net.nnvm"
      let again = load("net.nnvm")
      print again
      """,
    body: .function { call in
      let model: Sequential
      let path = try call.readablePath("path")
      if path.lowercased().hasSuffix(".onnx") {
        model = try importONNX(call, path: path)
      } else {
        do {
          model = try ModelArchive.load(from: path)
        } catch PersistenceError.cannotRead(_, let reason) {
          throw call.fail(.cannotLoad(call.string("path") ?? "", reason), at: "path")
        }
      }
      let reference = ModelReference(model)
      reference.markSaved()
      return .model(reference)
    })

  static let predict = Builtin(
    "predict", .function,
    summary:
      "A model's output for one sample (a number or list) or many (a tensor); for one sigmoid "
      + "unit, the probability of the second class (`net.classes[1]`, class 1).",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "the model"),
      Parameter(
        "input", .any, positional: true, default: nil,
        "one sample as a list, several as a list of lists or a tensor, or a data set"),
    ],
    example: """
      model net { input 2; dense 1 sigmoid }
      let p = predict(net, [0.5, -0.5])
      print p > 0 and p < 1
      """,
    body: .function { call in
      guard let model = call.model("model")?.model, let input = call.values["input"] else {
        return .none
      }
      var x: Tensor
      switch input {
      case .dataset(let data): x = (data.reading(as: model.inputShape) ?? data).features
      case .tensor(let tensor): x = tensor
      default:
        guard let tensor = tensor(from: input) else {
          throw call.fail(.notASample(input), at: "input")
        }
        // The same words as the checker's for samples written as numbers.
        if model.inputShape.count == 1, let width = tensor.shape.last,
          width != model.inputShape[0]
        {
          throw call.fail(
            .predictFeatureCount(
              call.modelText, features: model.inputShape[0], got: width,
              rows: tensor.shape.count > 1),
            at: "input")
        }
        x = tensor
      }
      x = samples(x, shapedFor: model.inputShape)
      let single = x.shape == model.inputShape
      let output = try model.predict(x)
      guard single else { return .tensor(output) }
      let values = output.scalars.map { Value.number(NumberFormatting.double($0)) }
      // A prediction at every step of a sequence ([steps, units]) is a list per step.
      if model.outputShape.count == 2, let width = model.outputShape.last, width > 0 {
        return .list(
          stride(from: 0, to: values.count, by: width).map {
            .list(Array(values[$0..<Swift.min($0 + width, values.count)]))
          })
      }
      return values.count == 1 ? values[0] : Value.list(values)
    })

  /// Samples written flat read in the model's shape when the numbers agree, as data sets are
  /// (`Dataset.reading(as:)`): 64 numbers, or rows of 64, for a model of input [1, 8, 8].
  static func samples(_ x: Tensor, shapedFor input: [Int]) -> Tensor {
    guard x.shape != input, input.count > 1, let size = Shape.checkedProduct(input) else {
      return x
    }
    if x.count == size, let one = try? x.reshaped(input) { return one }
    if x.rank == 2, x.rowSize == size, let rows = try? x.reshaped([x.rows] + input) {
      return rows
    }
    return x
  }

  /// A tensor from a number, a list of numbers, or a list of equally long lists of numbers
  /// (ranges count as lists of numbers, up to `Value.maximumSize` of them).
  static func tensor(from value: Value) -> Tensor? {
    func numbers(_ value: Value) -> [Float]? {
      guard let elements = value.elements, elements.count <= Value.maximumSize else { return nil }
      var floats: [Float] = []
      floats.reserveCapacity(elements.count)
      for element in elements {
        guard case .number(let x) = element else { return nil }
        floats.append(Float(x))
      }
      return floats
    }
    switch value {
    case .number(let x): return Tensor([Float(x)])
    case .range: return numbers(value).map { Tensor($0) }
    case .list(let elements):
      if let flat = numbers(value) { return Tensor(flat) }
      var rows: [[Float]] = []
      for element in elements {
        guard let row = numbers(element) else { return nil }
        rows.append(row)
      }
      return try? Tensor(rows: rows)
    default: return nil
    }
  }
}

extension Diagnostic.Message {
  static func cannotSave(_ model: String, _ path: String, _ reason: String) -> Self {
    Self(
      "Cannot save \(model) to '\(path)': \(reason).",
      hint: "nnv replaces regular files only, in a folder that exists and is writable")
  }
  static func cannotLoad(_ path: String, _ reason: String) -> Self {
    Self("Cannot read '\(path)': \(reason).", hint: "load reads a model file written by `save`")
  }
  static func notASample(_ value: Value) -> Self {
    Self(
      "Cannot use \(value.kindName) as model input.",
      hint: "give one sample as a list of numbers, like [0.5, -0.5], or a data set")
  }
}
