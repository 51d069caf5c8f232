import Foundation
import NNVCore
import NNVLanguage
import Testing

/// Every lesson in Scripts/lessons runs straight through when nothing is a terminal (its
/// `pause`s do nothing), and the story its notes tell is true of the models it leaves: the
/// claims are checked here, so a change to the core that makes one false fails a test.
@Suite struct LessonScriptTests {
  static let lessons = ["01-one-neuron.nnv", "02-hidden-layer-xor.nnv", "03-overfitting.nnv"]

  static var directory: URL {
    ScriptRunner.repositoryRoot.appendingPathComponent("Scripts/lessons")
  }

  struct Lesson {
    var interpreter: Interpreter
    var output: String
    var directory: String

    func model(_ name: String) throws -> Sequential {
      guard case .model(let reference)? = interpreter.value(named: name) else {
        throw Missing(name: name)
      }
      return reference.model
    }

    /// A field of a record the lesson bound (`after.loss`).
    func number(_ name: String, _ field: String) throws -> Double {
      guard case .record(let record)? = interpreter.value(named: name),
        case .number(let value)? = record[field]
      else { throw Missing(name: "\(name).\(field)") }
      return value
    }

    /// Each epoch's validation loss of `name`.
    func validationLosses(_ name: String) throws -> [Double] {
      try model(name).history.epochs.compactMap { $0.validationLoss.map(Double.init) }
    }
  }

  struct Missing: Error, CustomStringConvertible {
    var name: String
    var description: String { "the lesson left no \(name)" }
  }

  /// Runs a lesson as `nnv` runs a file whose output is not a terminal, in a directory of its
  /// own for the pictures it writes.
  static func run(_ file: String) throws -> Lesson {
    let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    let folder = ScriptRunner.temporaryDirectory + "/lesson-" + file
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let output = CollectingOutput()
    let interpreter = Interpreter(output: output, directory: folder)
    let result = interpreter.run(SourceFile(name: file, text: text))
    #expect(
      result.status == .success, "\(DiagnosticRenderer(color: false).render(result.diagnostics))")
    return Lesson(interpreter: interpreter, output: output.text, directory: folder)
  }

  @Test func everyLessonIsRunHere() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
      .filter { $0.hasSuffix(".nnv") }.sorted()
    #expect(files == Self.lessons)
  }

  @Test(arguments: lessons)
  func lessonWritesItsPictureAndNotes(_ file: String) throws {
    let lesson = try Self.run(file)
    let pictures = try FileManager.default.contentsOfDirectory(atPath: lesson.directory)
      .filter { $0.hasSuffix(".svg") }
    #expect(pictures.count == 1, "\(pictures)")
    #expect(lesson.output.contains("Lesson \(file.prefix(2).drop { $0 == "0" }):"))
    // Notes are wrapped to the display's 80 columns, like every view.
    let wide = lesson.output.split(separator: "\n").filter { $0.count > 80 }
    #expect(wide.isEmpty, "\(wide)")
  }

  /// Lesson 1: a neuron has 3 parameters; training lowers the loss and separates the clouds;
  /// the formulas it shows are σ's.
  @Test func oneNeuron() throws {
    let lesson = try Self.run("01-one-neuron.nnv")
    #expect(try lesson.model("neuron").parameterCount == 3)
    let before = try lesson.number("before", "loss")
    let after = try lesson.number("after", "loss")
    #expect(after < before / 2, "loss \(before) → \(after)")
    #expect(try lesson.number("after", "accuracy") > 0.95)
    #expect(lesson.output.contains("σ′(x) = σ(x)·(1 − σ(x))"))
    #expect(lesson.output.contains("t = 0: L = −log(1 − p)"))
  }

  /// Lesson 2: one neuron stays near log 2 and below 80% on XOR; four hidden units solve it.
  @Test func hiddenLayerSolvesXOR() throws {
    let lesson = try Self.run("02-hidden-layer-xor.nnv")
    let alone = try lesson.number("alone", "loss")
    #expect(abs(alone - log(2)) < 0.05, "one neuron's loss \(alone)")
    #expect(try lesson.number("alone", "accuracy") < 0.8)
    #expect(try lesson.number("layered", "accuracy") > 0.99)
    #expect(try lesson.model("bent").layers.count == 2)
  }

  /// Lesson 3: the big network's training loss falls while its validation loss rises; L2
  /// keeps the validation loss flat and lowest; dropout ends lower than no cure at all.
  @Test func overfittingAndItsCures() throws {
    let lesson = try Self.run("03-overfitting.nnv")
    let big = try lesson.model("big")
    #expect(big.parameterCount == 4482)
    let training = big.history.epochs.map(\.loss)
    #expect((training.last ?? 1) < 0.15, "big's final training loss \(training.last ?? .nan)")
    let plain = try lesson.validationLosses("big")
    let lowest = try #require(plain.min())
    let plainLast = try #require(plain.last)
    #expect(plainLast > 2 * lowest, "big's validation loss \(lowest) → \(plainLast)")
    #expect(plain.firstIndex(of: lowest).map { $0 < plain.count / 4 } == true)

    let decay = try lesson.validationLosses("decay")
    let decayLast = try #require(decay.last)
    let decayLowest = try #require(decay.min())
    #expect(decayLast - decayLowest < 0.1, "with L2 \(decayLowest) → \(decayLast)")
    let dropped = try #require(try lesson.validationLosses("dropped").last)
    #expect(decayLast < dropped && dropped < plainLast, "\(decayLast), \(dropped), \(plainLast)")
    // The printed comparison says the same, with the accuracy on the fresh points.
    #expect(try lesson.number("with_l2", "loss") < lesson.number("plain", "loss"))
    #expect(try lesson.number("with_l2", "accuracy") > lesson.number("plain", "accuracy"))
  }
}
