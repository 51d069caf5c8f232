import Foundation
import NNVCore
import NNVLanguage
import NNVREPL
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One hostile entry typed into the REPL: its lines (Ctrl-C and Ctrl-D included), and a piece
/// of what the session must answer.
struct HostileLine: CustomStringConvertible {
  let lines: [LineReadResult]
  let answer: String

  /// One typed line.
  init(_ line: String, answer: String) {
    self.init([.line(line)], answer: answer)
  }

  /// Several reads: lines, `.interrupted` (Ctrl-C) or `.endOfInput` (Ctrl-D). An empty
  /// `answer` asks only that the session survives.
  init(_ lines: [LineReadResult], answer: String) {
    self.lines = lines
    self.answer = answer
  }

  var description: String { "\(lines)" }
}

/// A REPL session that a teacher types into must never die and never lose its model: one
/// session is fed hostile lines one after another, and after each one it must still be
/// running, its model `net` unchanged and still predicting.
///
/// To add a case, append a `HostileLine` to `lines` (or to a list of your area's, added to
/// `all`). The files it may name are made by `makeFiles`: add yours there.
@Suite struct HostileSessionTests {
  /// Saving over what is not a regular file, unreadable or malformed files, Ctrl-D.
  static let files: [HostileLine] = [
    HostileLine("save net to \"fifo\"", answer: "it is a FIFO (named pipe), not a regular file"),
    HostileLine("save net to \"folder\"", answer: "it is a directory"),
    HostileLine("save net to \"dangling\"", answer: "which does not exist"),
    HostileLine("save net to \"to-fifo\"", answer: "not to a regular file"),
    HostileLine("save net to \"read-only.nnvm\"", answer: "it is read-only"),
    HostileLine("save net to \"missing/net.nnvm\"", answer: "does not exist"),
    HostileLine("plot activation relu to \"folder.svg\"", answer: "it is a directory"),
    HostileLine("diagram net to \"fifo.txt\"", answer: "it is a FIFO"),
    HostileLine("diagram net to \"folder\"", answer: "needs a file name ending in .svg or .txt"),
    HostileLine(":save fifo", answer: "it is a FIFO"),
    HostileLine(":save folder", answer: "it is a directory"),
    HostileLine(":load fifo", answer: "it is a FIFO"),
    HostileLine(":load folder", answer: "it is a directory"),
    HostileLine(":load binary.csv", answer: "not UTF-8"),
    HostileLine("let m = load(\"fifo\")", answer: "it is a FIFO"),
    HostileLine("let m = load(\"folder\")", answer: "it is a directory"),
    HostileLine("let m = load(\"corrupt.nnvm\")", answer: "checksum does not match"),
    HostileLine("let m = load(\"truncated.nnvm\")", answer: "truncated"),
    HostileLine("let m = load(\"text.nnvm\")", answer: "nnv model signature"),
    HostileLine("let m = load(\"/dev/zero\")", answer: "character device"),
    HostileLine("let d = csv(\"fifo\")", answer: "it is a FIFO"),
    HostileLine("let d = csv(\"unclosed.csv\")", answer: "never closed"),
    HostileLine("let d = csv(\"repeated.csv\")", answer: "appears twice"),
    HostileLine("let d = csv(\"no-target.csv\")", answer: "is empty here"),
    HostileLine("let d = csv(\"binary.csv\")", answer: "not UTF-8"),
    HostileLine("let d = csv(\"infinite.csv\")", answer: "'1e999' in column 'a'"),
    HostileLine("print csv(\"old-mac.csv\")", answer: "2 samples"),
    HostileLine("print csv(\"quoted.csv\")", answer: "2 samples of [2], 2 classes"),
    HostileLine([.line("model half {"), .endOfInput, .line("n")], answer: "Unsaved changes: net"),
    HostileLine([.line("model half {"), .interrupted], answer: ""),
  ]

  /// Every list of hostile lines.
  static let all: [HostileLine] = files

  /// The session's model, before the hostile lines.
  static let setup = [
    "let data = xor(n: 64, seed: 1)", "model net { input 2; dense 4 tanh; dense 1 sigmoid }",
    "train net on data epochs 2 lr 0.1",
  ]

  @Test func theSessionSurvivesEveryHostileLineWithItsModel() throws {
    let directory = try Self.makeFiles()
    let output = TranscriptOutput()
    let steps = [Self.setup.map(LineReadResult.line)] + Self.all.map(\.lines)
    let reader = ProbingLineReader(steps: steps)
    let session = Session(reader: reader, output: output, directory: directory)
    var original: ModelReference?
    var fingerprint: UInt64 = 0
    var seen = 0
    reader.probe = { step in
      // Step 0 comes before the setup, step 1 after it; at step n ≥ 2 the hostile line n − 2
      // has just been answered.
      guard step >= 1 else { return }
      let answer = String(decoding: output.text.utf8.dropFirst(seen), as: UTF8.self)
      seen = output.text.utf8.count
      let line = step >= 2 ? "\(Self.all[step - 2])" : "the setup"
      guard case .model(let reference) = session.interpreter.value(named: "net") else {
        Issue.record("net is gone after \(line)")
        return
      }
      guard step >= 2, let model = original else {
        original = reference
        fingerprint = reference.fingerprint
        return
      }
      #expect(reference === model && reference.fingerprint == fingerprint, "\(line)")
      let expected = Self.all[step - 2].answer
      #expect(expected.isEmpty || answer.contains(expected), "\(line) answered: \(answer)")
      let result = session.interpreter.run(
        SourceFile(name: "probe", text: "predict(net, [0.5, -0.5])"))
      guard case .number(let p) = result.value else {
        Issue.record("net no longer predicts after \(line): \(result.diagnostics.map(\.text))")
        return
      }
      #expect(p > 0 && p < 1, "\(line)")
    }
    session.run()
    // Every step was read: the session stayed alive to the end.
    #expect(reader.probed == steps.count + 1)
    #expect(FileManager.default.fileExists(atPath: directory + "/to-fifo"))
  }

  /// The files the hostile lines name, in a fresh directory.
  static func makeFiles() throws -> String {
    let directory = SessionTests.makeDirectory()
    func write(_ name: String, _ bytes: [UInt8]) throws {
      try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name))
    }
    func write(_ name: String, _ text: String) throws { try write(name, Array(text.utf8)) }
    #expect(mkfifo(directory + "/fifo", 0o644) == 0)
    #expect(mkfifo(directory + "/fifo.txt", 0o644) == 0)
    for folder in ["folder", "folder.svg"] {
      try FileManager.default.createDirectory(
        atPath: directory + "/" + folder, withIntermediateDirectories: false)
    }
    try FileManager.default.createSymbolicLink(
      atPath: directory + "/dangling", withDestinationPath: "gone")
    try FileManager.default.createSymbolicLink(
      atPath: directory + "/to-fifo", withDestinationPath: "fifo")
    try write("read-only.nnvm", "old")
    #expect(chmod(directory + "/read-only.nnvm", 0o444) == 0)
    try write("unclosed.csv", "a,b\n1,\"2\n")
    try write("repeated.csv", "a,a,label\n1,2,x\n")
    try write("no-target.csv", "a,b,label\n1,2,x\n3,4,\n")
    try write("binary.csv", [0x61, 0x2C, 0x62, 0x0A, 0xFF, 0xFE, 0x2C, 0x00, 0x0A])
    try write("infinite.csv", "a,b\n1,2\n1e999,3\n")
    try write("old-mac.csv", "a,b,label\r1,2,x\r3,4,y\r")
    try write("quoted.csv", "a,b,label\n1,2,\"a, b\"\n3,4,\"two\nlines\"\n")
    var model = try Sequential(name: "saved", inputShape: [2])
    try model.append(Dense(inputSize: 2, outputSize: 1, activation: .sigmoid, seed: 1))
    let bytes = [UInt8](try ModelArchive.encode(model))
    var corrupt = bytes
    corrupt[corrupt.count / 2] ^= 0x10
    try write("corrupt.nnvm", corrupt)
    try write("truncated.nnvm", Array(bytes.prefix(bytes.count / 2)))
    try write("text.nnvm", "this is not a model, though its name says so\n")
    return directory
  }
}

/// Replays steps of reads and calls `probe` before each step and at the end, so a test can
/// look at the session between hostile lines.
final class ProbingLineReader: LineReader {
  private var steps: [[LineReadResult]]
  private var current: [LineReadResult] = []
  private var step = 0
  var probe: (Int) -> Void = { _ in }
  /// How many times `probe` ran.
  private(set) var probed = 0
  var completer: ((CompletionRequest) -> CompletionResult)?
  let isInteractive = true

  private let total: Int

  init(steps: [[LineReadResult]]) {
    self.steps = steps
    self.total = steps.count
  }

  func readLine(prompt: String) -> LineReadResult {
    // A question (leaving, or a continuation prompt) belongs to the step that raised it.
    while current.isEmpty {
      guard step <= total else { return .endOfInput }
      probe(step)
      probed += 1
      step += 1
      guard !steps.isEmpty else { return .endOfInput }
      current = steps.removeFirst()
    }
    return current.removeFirst()
  }

  func addHistory(_ line: String) {}
}
