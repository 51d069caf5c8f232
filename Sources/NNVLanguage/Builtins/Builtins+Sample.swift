import NNVCore
import NNVPlot

/// `sample`: text written by a character model, one character at a time. The generation is
/// NNVCore's `CharacterSampler`; this declaration reads the options and says what went wrong
/// at the argument that caused it.
extension Builtins {
  static let generation: [Builtin] = [sample]

  static let sample = Builtin(
    "sample", .command,
    summary:
      "Generates text from a character model: from a prime, each next character drawn from "
      + "the model's softmax at a temperature.",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "the character model"),
      Parameter(
        "from", .dataset, default: nil,
        "the text data the model was trained on (its characters; the first is the prime)"),
      Parameter(
        "length", .integer, default: "200", "characters to generate after the prime",
        limit: ResourceLimits.generatedCharacters, bounds: .atLeast(0)),
      Parameter(
        "temperature", .number, default: "1",
        "divides the scores before the softmax: 0 always takes the most likely character, "
          + "below 1 is safer, above 1 wilder",
        bounds: Bounds(
          lower: 0, upper: CharacterSampler.maximumTemperature,
          hint: "0.5 to 1 reads best; 0 takes the most likely character")),
      Parameter("seed", .integer, default: "the session seed", "seeds the draws"),
      Parameter(
        "prime", .string, default: "the first character of the text",
        "the text to start from, in the text's characters"),
    ],
    example: """
      let rhyme = text("the cat sat on the mat. the cat ate the rat. ", window: 8, step: 1)
      model writer { input [8, 12]; lstm 16 sequences true; dense 12 softmax }
      train writer on rhyme epochs 30 lr 0.02
      sample writer from rhyme length 40 temperature 0.5 seed 1
      sample writer from rhyme length 20 temperature 0 prime "the "
      let line = sample(writer, from: rhyme, length: 10, seed: 2)
      print len(line)
      """,
    body: .function(runSample))

  static func runSample(_ call: BuiltinCall) throws -> Value {
    guard let model = call.model("model")?.model, case .dataset(let data)? = call.values["from"]
    else { return .none }
    guard let vocabulary = data.vocabulary, data.count > 0 else {
      throw call.fail(.notText(data.name), at: "from")
    }
    if case .notCharacterModel(let message, let hint)? = CharacterSampler.problem(
      model, vocabulary: vocabulary)
    {
      throw call.fail(Diagnostic.Message(sentence(message), hint: hint), at: "model")
    }
    let options = CharacterSampler.Options(
      length: try call.count("length", default: 200, minimum: 0),
      temperature: call.number("temperature") ?? 1, seed: try call.seed(),
      prime: call.string("prime"))
    let text: String
    do {
      text = try CharacterSampler.sample(model, from: data, options: options)
    } catch CharacterSampler.Problem.unknownCharacters(let names) {
      throw call.fail(.unknownPrimeCharacters(names, data: data.name), at: "prime")
    } catch let problem as CharacterSampler.Problem {
      let place = call.has("prime") ? "prime" : "model"
      throw call.fail(Diagnostic.Message(sentence(problem.description)), at: place)
    }
    // A text may hold control characters: shown escaped, line breaks and tabs kept.
    if call.asStatement { call.interpreter.output.write(TerminalText.escaped(text) + "\n") }
    return .string(text)
  }

  /// A message from the core as a sentence, with a full stop (it starts with a model's name,
  /// as written, or a capital).
  static func sentence(_ text: String) -> String {
    text.hasSuffix(".") ? text : text + "."
  }
}

extension Diagnostic.Message {
  static func notText(_ name: String) -> Self {
    Self(
      "\(name) is not characters of a text, so there is nothing to write with.",
      hint: "sample from the `text(...)` data the model was trained on")
  }
  static func unknownPrimeCharacters(_ names: [String], data: String) -> Self {
    Self(
      "The prime has characters that \(data) does not: " + names.joined(separator: " ") + ".",
      hint: "a model writes only the characters of its text; `\(data).classes` lists them")
  }
}
