import NNVCore
import NNVPlot

/// How each kind of value reads when printed.
extension Value: CustomStringConvertible {
  /// The text `print` shows: strings as they are, everything else as in `debugText`.
  public var description: String {
    if case .string(let text) = self { return text }
    return debugText
  }

  /// The text inside lists and records and in the REPL: strings quoted.
  public var debugText: String {
    var out = ""
    write(to: &out)
    return out
  }

  /// Appends `debugText` to `out`. Lists nest at most `maximumDepth` deep, so the recursion is
  /// bounded; text past `textLimit` is elided, since a list shows 20 elements at each level
  /// and one nested a few levels deep could otherwise print 20 to the power of its depth.
  func write(to out: inout String) {
    switch self {
    case .list(let list):
      out += "["
      for (index, value) in list.prefix(Value.listLimit).enumerated() {
        if index > 0 { out += ", " }
        guard out.utf8.count < Value.textLimit else {
          out += "…"
          break
        }
        value.write(to: &out)
      }
      if list.count > Value.listLimit { out += ", … (\(list.count) in all)" }
      out += "]"
    case .record(let record):
      out += "{"
      for (index, field) in record.fields.enumerated() {
        if index > 0 { out += ", " }
        out += field.name + ": "
        field.value.write(to: &out)
      }
      out += "}"
    default:
      out += leafText
    }
  }

  /// The text of a value that holds no other values.
  private var leafText: String {
    switch self {
    case .number(let value): return NumberFormatting.format(value)
    case .string(let text): return Value.quoted(text)
    case .boolean(let value): return value ? "true" : "false"
    case .none: return "none"
    case .range(let lower, let upper, let inclusive):
      return "\(lower)\(inclusive ? "..." : "..<")\(upper)"
    case .dataset(let data): return Value.describe(data)
    case .model(let reference): return Value.describe(reference.model)
    case .tensor(let tensor): return Value.describe(tensor)
    case .function(let function):
      let parameters = function.declaration.parameters.map(\.text).joined(separator: ", ")
      return "fn \(function.declaration.name.text)(\(parameters))"
    case .builtin(let builtin): return "builtin \(builtin.name)"
    case .list, .record: return debugText
    }
  }

  /// How many list elements and tensor values per dimension are shown.
  static let listLimit = 20
  static let tensorLimit = 6
  /// How long the text of a list or record grows, in UTF-8 bytes, before the rest is elided.
  static let textLimit = 1 << 20

  static func quoted(_ text: String) -> String {
    var out = "\""
    for character in text {
      switch character {
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      default:
        // Other control characters (a terminal acts on them) are shown as `\u{1B}`.
        for scalar in character.unicodeScalars {
          if TerminalText.isControl(scalar) {
            out += TerminalText.escape(scalar)
          } else {
            out.unicodeScalars.append(scalar)
          }
        }
      }
    }
    return out + "\""
  }

  /// `data set xor: 400 samples of [2], 2 classes (0, 1)`; a sequence set with a target at
  /// every step says so (`2 classes (0, 1) at every step`), and a text shows its vocabulary
  /// (`28 characters at every step: "\n !,.abc…"`).
  static func describe(_ data: Dataset) -> String {
    let shape = Tensor.describe(data.sampleShape)
    var text = "data set \(data.name): \(data.count) samples of \(shape)"
    let steps = data.hasStepTargets ? " at every step" : ""
    if let vocabulary = data.vocabulary {
      text += ", \(vocabulary.count) characters\(steps): " + describe(vocabulary: vocabulary)
    } else if data.isClassification {
      let names = data.classNames.prefix(10).joined(separator: ", ")
      let more = data.classNames.count > 10 ? ", …" : ""
      text += ", \(data.classNames.count) classes (\(names)\(more))\(steps)"
    } else {
      let targets = data.hasStepTargets ? data.valuesPerTarget : data.values?.rowSize ?? 1
      text += ", \(targets) target\(targets == 1 ? "" : "s")\(steps)"
    }
    return text
  }

  /// The characters of a vocabulary as one quoted string, escaped as a string literal is
  /// written (`"\n !,.abc"`), at most `vocabularyLimit` of them and then `…`.
  static func describe(vocabulary: [String]) -> String {
    let characters = vocabulary.prefix(vocabularyLimit).map { name in
      CharacterNames.character(named: name).map { String(Character($0)) } ?? name
    }
    let more = vocabulary.count > vocabularyLimit ? "…" : ""
    return quoted(characters.joined()) + more
  }

  /// The most characters of a vocabulary a data set's description shows.
  static let vocabularyLimit = 80

  /// `model net: input [2] → dense 8 tanh → dense 1 sigmoid (33 parameters)`.
  static func describe(_ model: Sequential) -> String {
    let layers = model.layers.map(describe(layer:))
    let chain = (["input \(Tensor.describe(model.inputShape))"] + layers).joined(separator: " → ")
    let count = model.parameterCount
    return "model \(model.name): \(chain) (\(count) parameter\(count == 1 ? "" : "s"))"
  }

  /// A layer as it would be written in a model block: `dense 8 tanh`, `dropout 0.5`.
  static func describe(layer: any Layer) -> String {
    layer.written { NumberFormatting.format(NumberFormatting.double($0)) } ?? layer.kind
  }

  /// `tensor [2, 2] [[1, 2], [3, 4]]`, at most `tensorLimit` values along each axis.
  static func describe(_ tensor: Tensor) -> String {
    "tensor \(Tensor.describe(tensor.shape)) " + nested(tensor, axis: 0, offset: 0)
  }

  private static func nested(_ tensor: Tensor, axis: Int, offset: Int) -> String {
    guard axis < tensor.rank else {
      return offset < tensor.count
        ? NumberFormatting.format(NumberFormatting.double(tensor.scalars[offset])) : "?"
    }
    let size = tensor.shape[axis]
    let stride = tensor.shape.dropFirst(axis + 1).reduce(1, *)
    var indices = Array(0..<size)
    var elided = false
    if size > tensorLimit {
      indices = Array(0..<(tensorLimit / 2)) + Array((size - tensorLimit / 2)..<size)
      elided = true
    }
    var parts = indices.map { nested(tensor, axis: axis + 1, offset: offset + $0 * stride) }
    if elided { parts.insert("…", at: tensorLimit / 2) }
    return "[" + parts.joined(separator: ", ") + "]"
  }
}
