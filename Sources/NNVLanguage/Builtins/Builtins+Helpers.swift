import Foundation
import NNVCore

/// Small helpers on numbers, lists and tensors.
extension Builtins {
  static let helpers: [Builtin] =
    [len, range, mean, sum, min, max, shape, round, abs, sqrt, str]

  static func one(_ name: String, _ summary: String, _ type: ParameterType = .any) -> [Parameter] {
    [Parameter(name, type, positional: true, default: nil, summary)]
  }

  /// The numbers in a list, range or tensor; a range only up to `Value.maximumSize` numbers.
  static func numbers(_ call: BuiltinCall, _ name: String = "values") throws -> [Double] {
    let value = call.values[name] ?? .none
    if case .tensor(let tensor) = value { return tensor.scalars.map(NumberFormatting.double) }
    guard let elements = value.elements else { throw call.fail(.needsNumbers(value), at: name) }
    guard elements.count <= Value.maximumSize else {
      throw call.fail(.tooManyNumbers(elements.count), at: name)
    }
    return try elements.enumerated().map { index, element in
      guard case .number(let x) = element else {
        throw call.fail(.notANumber(element, at: index), at: name)
      }
      return x
    }
  }

  static let len = Builtin(
    "len", .function, summary: "The number of elements, characters, samples or rows.",
    parameters: one("value", "a list, range, string, data set or tensor"),
    example: "print len([1, 2, 3])",
    body: .function { call in
      switch call.values["value"] ?? .none {
      case .string(let text): return .number(Double(text.count))
      case .dataset(let data): return .number(Double(data.count))
      case .tensor(let tensor): return .number(Double(tensor.rank == 0 ? 1 : tensor.rows))
      case .record(let record): return .number(Double(record.fields.count))
      case let value:
        guard let elements = value.elements else { throw call.fail(.hasNoLength(value)) }
        return .number(Double(elements.count))
      }
    })

  static let range = Builtin(
    "range", .function, summary: "Whole numbers from `start` up to `end`, excluded: 0..<end.",
    parameters: [
      Parameter("start", .integer, positional: true, default: nil, "the first number (or the end)"),
      Parameter("end", .integer, positional: true, default: "none", "the end, excluded"),
    ],
    example: "for i in range(3) { print i }",
    body: .function { call in
      let a = call.integer("start") ?? 0
      guard let b = call.integer("end") else { return .range(lower: 0, upper: a, inclusive: false) }
      return .range(lower: a, upper: b, inclusive: false)
    })

  /// A reduction over numbers; `closed` gives it for a non-empty range from its first and last
  /// numbers and their count, so no range is ever listed.
  static func reduction(
    _ name: String, _ summary: String,
    closed: @escaping @Sendable (_ first: Double, _ last: Double, _ count: Double) -> Double,
    _ body: @escaping @Sendable ([Double]) -> Double?
  ) -> Builtin {
    Builtin(
      name, .function, summary: summary,
      parameters: one("values", "a list of numbers, a range or a tensor"),
      example: "print \(name)([1, 2, 3])",
      body: .function { call in
        let result: Double?
        if case .range(let lower, let upper, let inclusive) = call.values["values"] {
          let span = Value.span(lower: lower, upper: upper, inclusive: inclusive)
          let last = Double(span.lower + span.count - 1)
          result = span.count == 0 ? body([]) : closed(Double(span.lower), last, Double(span.count))
        } else {
          result = body(try numbers(call))
        }
        guard let result else { throw call.fail(.emptyValues(name), at: "values") }
        return .number(result)
      })
  }

  static let mean = reduction(
    "mean", "The average of numbers.", closed: { first, last, _ in (first + last) / 2 }
  ) { $0.isEmpty ? nil : $0.reduce(0, +) / Double($0.count) }
  static let sum = reduction(
    "sum", "The sum of numbers.", closed: { first, last, count in count * (first + last) / 2 }
  ) { $0.reduce(0, +) }
  static let min = reduction(
    "min", "The smallest of numbers.", closed: { first, _, _ in first }
  ) { $0.min() }
  static let max = reduction(
    "max", "The largest of numbers.", closed: { _, last, _ in last }
  ) { $0.max() }

  static let shape = Builtin(
    "shape", .function,
    summary: "The shape of a tensor, of a data set's samples, or a model's input.",
    parameters: one("value", "a tensor, data set or model"),
    example: "print shape(xor(n: 10))",
    body: .function { call in
      let sizes: [Int]
      switch call.values["value"] ?? .none {
      case .tensor(let tensor): sizes = tensor.shape
      case .dataset(let data): sizes = data.sampleShape
      case .model(let reference): sizes = reference.model.inputShape
      case .list(let elements): sizes = [elements.count]
      case let value: throw call.fail(.hasNoShape(value))
      }
      return .list(sizes.map { .number(Double($0)) })
    })

  static let round = Builtin(
    "round", .function, summary: "A number rounded to `digits` decimals.",
    parameters: [
      Parameter("value", .number, positional: true, default: nil, "the number"),
      Parameter("digits", .integer, positional: true, default: "0", "decimals kept"),
    ],
    example: "print round(3.14159, 2)",
    body: .function { call in
      let x = call.number("value") ?? 0
      let scale = Foundation.pow(
        10, Double(Swift.max(0, Swift.min(call.integer("digits") ?? 0, 15))))
      return .number((x * scale).rounded() / scale)
    })

  static let abs = Builtin(
    "abs", .function, summary: "The absolute value of a number.",
    parameters: one("value", "the number", .number), example: "print abs(-2)",
    body: .function { call in .number(Swift.abs(call.number("value") ?? 0)) })

  static let sqrt = Builtin(
    "sqrt", .function, summary: "The square root of a number 0 or more.",
    parameters: one("value", "the number", .number), example: "print sqrt(16)",
    body: .function { call in
      let x = call.number("value") ?? 0
      guard x >= 0 else { throw call.fail(.negativeRoot, at: "value") }
      return .number(x.squareRoot())
    })

  static let str = Builtin(
    "str", .function, summary: "A value as text, the way `print` shows it.",
    parameters: one("value", "any value"), example: "print \"epochs: \" + str(10)",
    body: .function { call in .string((call.values["value"] ?? .none).description) })
}

extension Diagnostic.Message {
  static func needsNumbers(_ value: Value) -> Self {
    Self("Expect a list of numbers, a range or a tensor, not \(value.kindName).")
  }
  static func notANumber(_ element: Value, at index: Int) -> Self {
    Self(
      "Expect a list of numbers, but element \(index) is \(element.kindName).",
      hint: "every element must be a number")
  }
  static func tooManyNumbers(_ count: Int) -> Self {
    Self(
      "The range holds \(NumberFormatting.grouped(count)) numbers; this takes at most "
        + "\(NumberFormatting.grouped(Value.maximumSize)).",
      hint: "use a shorter range")
  }
  static func emptyValues(_ name: String) -> Self { Self("`\(name)` of no values is undefined.") }
  static func hasNoLength(_ value: Value) -> Self {
    Self("\(value.kindName.capitalizedFirst) has no length.")
  }
  static func hasNoShape(_ value: Value) -> Self {
    Self("\(value.kindName.capitalizedFirst) has no shape.")
  }
  static let negativeRoot = Self("Cannot take the square root of a negative number.")
}
