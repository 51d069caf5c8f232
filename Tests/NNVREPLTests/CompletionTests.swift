import NNVREPL
import Testing

/// Tab completion as a table: each row is a line with the cursor at `|` (or at the end), the
/// candidates expected, and the column the replacement starts at.
@Suite struct CompletionTests {
  /// A session with models `net` and `net2`, data sets `data` and `digitsSet`, a number `rate`, a
  /// record `parts`, a function `square`, and a small fake file system.
  static let completer = Completer(
    environment: CompletionEnvironment(
      names: [
        "net": .model, "net2": .model, "data": .dataset, "digitsSet": .dataset, "rate": .number,
        "parts": .record(["train", "test"]), "square": .function, "label": .other,
      ],
      members: ["parts.train": .dataset, "parts.test": .dataset],
      listDirectory: { path in
        switch path {
        case ".":
          return [
            .init(name: "xor.nnv", isDirectory: false), .init(name: "xor.nnvm", isDirectory: false),
            .init(name: "Scripts", isDirectory: true), .init(name: ".hidden", isDirectory: false),
          ]
        case "Scripts/":
          return [
            .init(name: "examples", isDirectory: true),
            .init(name: "format.sh", isDirectory: false),
          ]
        case "Scripts/examples/":
          return [
            .init(name: "iris.nnv", isDirectory: false), .init(name: "xor.nnv", isDirectory: false),
          ]
        default: return nil
        }
      }))

  struct Row: CustomStringConvertible, Sendable {
    var line: String
    var preceding = ""
    var candidates: [String]
    var from: Int
    var suffix: String? = nil
    var description: String { "\(line.debugDescription) after \(preceding.debugDescription)" }
  }

  static let rows: [Row] = [
    // Statement starts: keywords, commands, functions, names.
    Row(line: "tra", candidates: ["train", "trajectory"], from: 0),
    Row(line: "ev", candidates: ["evaluate"], from: 0),
    Row(line: "mo", candidates: ["model", "moons"], from: 0),
    Row(line: "ne", candidates: ["net", "net2"], from: 0),
    Row(line: "  sq", candidates: ["sqrt", "square"], from: 2),
    Row(line: "le", candidates: ["len", "let"], from: 0),
    Row(line: "zzz", candidates: [], from: 0),
    // Command subjects and clause values.
    Row(line: "train n", candidates: ["net", "net2"], from: 6),
    Row(line: "train net on d", candidates: ["data", "digitsSet"], from: 13),
    Row(
      line: "train net on ", candidates: ["data", "digitsSet", "parts.test", "parts.train"],
      from: 13),
    Row(line: "train net on p", candidates: ["parts.test", "parts.train"], from: 13),
    Row(line: "train net on data ep", candidates: ["epochs"], from: 18),
    Row(
      line: "train net on data epochs 5 ",
      candidates: [
        "batch", "clip", "every", "l1", "l2", "live", "loss", "lr", "optimizer", "seed",
        "standardize",
        "validate",
      ], from: 27),
    Row(
      line: "train net on data optimizer ",
      candidates: [
        "adagrad", "adam", "momentum", "nesterov", "rmsprop", "sgd",
      ], from: 28),
    Row(line: "train net on data optimizer a", candidates: ["adagrad", "adam"], from: 28),
    Row(line: "train net on data loss ", candidates: ["bce", "cce", "mse"], from: 23),
    Row(line: "train net on data lr r", candidates: ["rate"], from: 21),
    Row(line: "train net on data standardize t", candidates: ["true"], from: 30),
    Row(line: "train net on data validate di", candidates: ["digitsSet"], from: 27),
    Row(line: "evaluate net o", candidates: ["on"], from: 13),
    Row(line: "summary n", candidates: ["net", "net2"], from: 8),
    Row(line: "save net t", candidates: ["to"], from: 9),
    // Model blocks: layer kinds, then the activation after `dense N`.
    Row(
      line: "model m { input 2; dense 8 ",
      candidates: [
        "gelu", "leaky_relu", "linear", "relu", "sigmoid", "softmax", "tanh",
      ], from: 27),
    Row(line: "model m { input 2; dense 8 ta", candidates: ["tanh"], from: 27),
    Row(
      line: "dense 8 s", preceding: "model m {\ninput 2", candidates: ["sigmoid", "softmax"],
      from: 8),
    Row(line: "  dr", preceding: "model m {", candidates: ["dropout"], from: 2),
    Row(line: "model m2 f", candidates: ["from"], from: 9),
    Row(line: "model m2 from n", candidates: ["net", "net2"], from: 14),
    // Expressions, calls, members.
    Row(line: "let x = sq", candidates: ["sqrt", "square"], from: 8),
    Row(line: "let x", candidates: [], from: 4),
    Row(line: "print pa", candidates: ["parity", "parts"], from: 6),
    Row(line: "print parts.t", candidates: ["test", "train"], from: 12),
    Row(line: "let s = xor(n: 10, no", candidates: ["noise:", "none", "not"], from: 19),
    Row(line: "for i in ra", candidates: ["range", "rate"], from: 9),
    Row(line: "let y = 12", candidates: [], from: 8),
    // Cursor in the middle of the line: only the text before it counts.
    Row(line: "train n| on data", candidates: ["net", "net2"], from: 6),
    // Meta-commands and their arguments.
    Row(
      line: ":",
      candidates: [
        ":help", ":history", ":load", ":quit", ":reset", ":save", ":set", ":time", ":vars",
      ], from: 0),
    Row(line: ":h", candidates: [":help", ":history"], from: 0),
    Row(line: ":help tr", candidates: ["train", "trajectory"], from: 6),
    Row(line: ":help re", candidates: ["relu", "report"], from: 6),
    Row(line: ":set ", candidates: ["color", "live", "seed", "timing", "width"], from: 5),
    Row(line: ":set live o", candidates: ["off", "on"], from: 10),
    Row(
      line: "train net on data live ",
      candidates: [
        "batch", "clip", "epochs", "every", "l1", "l2", "loss", "lr", "optimizer", "seed",
        "standardize", "validate",
      ], from: 23),
    Row(line: ":set color o", candidates: ["off", "on"], from: 11),
    Row(line: ":load x", candidates: ["xor.nnv", "xor.nnvm"], from: 6, suffix: ""),
    Row(line: ":load Scripts/ex", candidates: ["examples/"], from: 14, suffix: ""),
    // File paths inside strings.
    Row(line: "let m = load(\"xor.nnvm", candidates: ["xor.nnvm"], from: 14, suffix: "\""),
    Row(line: "let m = load(\"", candidates: ["Scripts/", "xor.nnv", "xor.nnvm"], from: 14),
    Row(line: "let m = load(\".", candidates: [".hidden"], from: 14, suffix: "\""),
    Row(line: "save net to \"Scripts/examples/i", candidates: ["iris.nnv"], from: 30, suffix: "\""),
    Row(line: "save net to \"Scr", candidates: ["Scripts/"], from: 13, suffix: ""),
    Row(line: "save net to \"Scr|\"", candidates: ["Scripts/"], from: 13, suffix: ""),
    Row(line: "print \"x|\" + na", candidates: ["xor.nnv", "xor.nnvm"], from: 7, suffix: ""),
    Row(line: "let z = \"nowhere/x", candidates: [], from: 17),
    // Comments: nothing inside them is a string.
    Row(line: "# \"Scr", candidates: [], from: 3),
  ]

  @Test(arguments: rows) func completes(_ row: Row) {
    var line = row.line
    var cursor: Int?
    if let bar = line.unicodeScalars.firstIndex(of: "|") {
      cursor = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: bar)
      line.unicodeScalars.remove(at: bar)
    }
    let result = Self.completer.complete(
      CompletionRequest(line: line, cursor: cursor, preceding: row.preceding))
    #expect(result.candidates == row.candidates)
    #expect(result.replacingFrom == row.from)
    if let suffix = row.suffix { #expect(result.suffix == suffix) }
  }

  @Test func tableIsLargeEnough() {
    #expect(Self.rows.count >= 30)
  }
}

/// Completion never fails on odd input: any line, any cursor, gives a range ending at or before
/// the cursor.
@Suite struct CompletionRobustnessTests {
  @Test func oddLinesAndCursors() {
    let pieces = [
      "train", " ", "net", "\"", "(", ")", "{", "}", ":", ".", "#", "\\", "é", "🧠", "dense", "8",
      "/", "on", "..", ",", "\n", "let", "=", ":load", "[", "model",
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let count = Int.random(in: 0...8, using: &generator)
      let line = (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
      let length = line.unicodeScalars.count
      let cursor = Int.random(in: -2...(length + 2), using: &generator)
      let result = CompletionTests.completer.complete(CompletionRequest(line: line, cursor: cursor))
      #expect(result.replacingFrom >= 0)
      #expect(result.replacingFrom <= max(0, min(cursor, length)), "\(line.debugDescription)")
    }
  }
}
