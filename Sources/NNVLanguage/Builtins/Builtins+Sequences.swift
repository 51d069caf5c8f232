import Foundation
import NNVCore

/// Sequence data sets: characters of a text, and the generated `brackets`, `parity` and
/// `waves`. Their samples are [steps, features]; most have a target at every step.
extension Builtins {
  static let sequences: [Builtin] = [text, brackets, parity, waves]

  /// `n`, `length` (steps of a sequence) and `seed`, the parameters every sequence generator
  /// takes.
  static func sequenceParameters(n: Int, length: Int) -> [Parameter] {
    var parameters = sizeParameters(n: n, noise: "0").filter { $0.name != "noise" }
    parameters.insert(
      Parameter(
        "length", .integer, default: "\(length)", "steps in each sequence",
        bounds: .atLeast(1)),
      at: 1)
    return parameters
  }

  static let text = Builtin(
    "text", .function,
    summary:
      "Characters of a text for next-character prediction: windows one-hot over its "
      + "vocabulary [window, V], the next character at every step.",
    parameters: [
      Parameter(
        "source", .string, positional: true,
        default: "the bundled text, the first two chapters of Alice's Adventures in Wonderland",
        "the text itself, as a string"),
      Parameter(
        "file", .string, default: "none",
        "a UTF-8 text file to read instead of a string (at most 16 MiB)"),
      Parameter(
        "window", .integer, default: "\(TextDatasets.defaultWindow)",
        "characters in each sample", bounds: .atLeast(1)),
      Parameter(
        "step", .integer, default: "the window",
        "characters from the start of one sample to the next", bounds: .atLeast(1)),
    ],
    example: """
      let rhyme = text("the cat sat on the mat. the cat ate the rat. ", window: 8)
      print rhyme
      print rhyme.classes
      let book = text(window: 64)
      print len(book), shape(book)
      """,
    body: .function(runText))

  static func runText(_ call: BuiltinCall) throws -> Value {
    let window = try call.count("window", default: TextDatasets.defaultWindow)
    let step = try call.count("step", default: window)
    if call.has("file") {
      if call.has("source") { throw call.fail(.textTwice, at: "file") }
      let path = try call.readablePath("file")
      let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      let contents = try TextDatasets.read(path: path)
      return .dataset(try TextDatasets.text(contents, name: name, window: window, step: step))
    }
    guard let source = call.string("source") else {
      let corpus = try TextDatasets.corpus()
      return .dataset(
        try TextDatasets.text(
          corpus, name: TextDatasets.corpusName, window: window, step: step))
    }
    // A short string that names a file was meant as one.
    if source.count <= window, source.hasSuffix(".txt"), !source.contains("\n") {
      throw call.fail(.textLooksLikeAPath(source, window: window), at: "source")
    }
    return .dataset(try TextDatasets.text(source, window: window, step: step))
  }

  static let brackets = Builtin(
    "brackets", .function,
    summary:
      "Sequences of ( ) and . one-hot [length, 3], nested at most `depth` deep: the depth at "
      + "every step, or whether each sequence is balanced.",
    parameters: {
      var parameters = sequenceParameters(n: 200, length: 20)
      parameters.insert(
        contentsOf: [
          Parameter(
            "depth", .integer, default: "4", "how deep brackets nest at most",
            bounds: Bounds(
              lower: Double(SequenceDatasets.depths.lowerBound),
              upper: Double(SequenceDatasets.depths.upperBound))),
          Parameter(
            "target", .choice(SequenceDatasets.BracketTarget.allCases.map(\.rawValue)),
            default: "depth",
            "depth: the depth after every symbol, classes 0 to `depth`; balanced: one class "
              + "per sequence, half of them balanced"),
        ], at: 2)
      return parameters
    }(),
    example: """
      let nested = brackets(n: 100, length: 12, depth: 3, seed: 1)
      print nested
      print nested[0].y
      print brackets(n: 100, target: balanced, seed: 2)
      """,
    body: .function { call in
      let target =
        call.string("target").flatMap(SequenceDatasets.BracketTarget.init(rawValue:)) ?? .depth
      return .dataset(
        try SequenceDatasets.brackets(
          n: try call.count("n", default: 200), length: try call.count("length", default: 20),
          depth: try call.count("depth", default: 4), target: target, seed: try call.dataSeed()
        ))
    })

  static let parity = Builtin(
    "parity", .function,
    summary:
      "Random bits [length, 1] with their running parity (the XOR of the bits so far) at "
      + "every step.",
    parameters: sequenceParameters(n: 200, length: 16),
    example: """
      let bits = parity(n: 100, length: 8, seed: 1)
      print bits
      print bits[0].x
      print bits[0].y
      """,
    body: .function { call in
      .dataset(
        try SequenceDatasets.parity(
          n: try call.count("n", default: 200), length: try call.count("length", default: 16),
          seed: try call.dataSeed()))
    })

  static let waves = Builtin(
    "waves", .function,
    summary:
      "Regression over time: noisy sine waves [length, 1], each with its own period and "
      + "phase, and the next value at every step.",
    parameters: {
      var parameters = sequenceParameters(n: 200, length: 32)
      parameters.insert(
        Parameter(
          "noise", .number, default: "0.05", "standard deviation of added noise",
          bounds: .atLeast(0)),
        at: 2)
      return parameters
    }(),
    example: """
      let signal = waves(n: 100, length: 16, noise: 0.1, seed: 1)
      print signal
      print round(signal[0].y[0], 3) == round(signal[0].x[1], 3)
      """,
    body: .function { call in
      .dataset(
        try SequenceDatasets.waves(
          n: try call.count("n", default: 200), length: try call.count("length", default: 32),
          noise: Float(call.number("noise") ?? 0.05), seed: try call.dataSeed()))
    })
}

extension Diagnostic.Message {
  static let textTwice = Self(
    "`text` reads a string or a file, not both.",
    hint: "write `text(\"...\")` for a string, or `text(file: \"book.txt\")` for a file")
  static func textLooksLikeAPath(_ source: String, window: Int) -> Self {
    Self(
      "`text` makes samples of the string itself, and \(Value.quoted(source)) is shorter than "
        + "a window of \(window) characters and the one after it.",
      hint: "to read the file, write `text(file: \(Value.quoted(source)))`")
  }
}
