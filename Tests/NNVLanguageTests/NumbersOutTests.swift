import Foundation
import NNVCore
import NNVLanguage
import Testing

/// Getting numbers out: `attribution` and `gaps` return exactly what the core's `Attributor`
/// computes, the views' functions return their numbers, `write` writes every value in full
/// precision, and `print full` shows all of a tensor.
@Suite struct NumbersOutTests {
  /// Runs `script` and returns the interpreter, to read the values it bound.
  func run(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) -> Interpreter {
    let interpreter = Interpreter(
      output: CollectingOutput(), directory: ScriptRunner.temporaryDirectory)
    let result = interpreter.run(SourceFile(name: "numbers.nnv", text: script))
    #expect(
      result.status == .success, "\(DiagnosticRenderer(color: false).render(result.diagnostics))",
      sourceLocation: sourceLocation)
    return interpreter
  }

  func tensor(_ name: String, in interpreter: Interpreter) throws -> Tensor {
    guard case .tensor(let tensor)? = interpreter.value(named: name) else {
      throw Failure("\(name) is not a tensor")
    }
    return tensor
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  func bits(_ tensor: Tensor) -> [UInt32] { tensor.scalars.map(\.bitPattern) }

  @Test func attributionIsTheAttributorsOutputExactly() throws {
    let interpreter = run(
      """
      let flowers = iris()
      model net { input 4; dense 6 tanh; dense 3 softmax }
      train net on flowers epochs 3 lr 0.05
      let ig = attribution(net, on: flowers, method: "ig", steps: 12)
      let g = gaps(net, on: flowers, steps: 12)
      let one = attribution(net, on: flowers, index: 7, target: "virginica", method: "smoothgrad", samples: 5, seed: 3)
      """)
    guard case .model(let reference)? = interpreter.value(named: "net"),
      case .dataset(let data)? = interpreter.value(named: "flowers"),
      case .list(let gaps)? = interpreter.value(named: "g")
    else { throw Failure("missing values") }
    let model = reference.model
    let expected = try Attributor.attribute(
      model, inputs: data.features, method: .integratedGradients(steps: 12, baseline: .zeros))
    let ig = try tensor("ig", in: interpreter)
    #expect(ig.shape == [150, 4])
    #expect(bits(ig) == bits(expected.values))
    let expectedGaps = try #require(expected.completenessGaps)
    #expect(gaps.count == 150)
    for (value, gap) in zip(gaps, expectedGaps) {
      guard case .number(let x) = value else { throw Failure("a gap is not a number") }
      #expect(Float(x).bitPattern == gap.bitPattern)
    }
    let one = try tensor("one", in: interpreter)
    let single = try Attributor.attribute(
      model, inputs: try data.features.gatheringRows([7]),
      method: .smoothGrad(samples: 5, noise: 0.15, variant: .mean), targets: [2], seed: 3)
    #expect(one.shape == [1, 4] && bits(one) == bits(single.values))
  }

  @Test func aSequenceModelIsAttributedAtItsStep() throws {
    let interpreter = run(
      """
      let bits = parity(n: 10, length: 6, seed: 1)
      model reader { input [6, 1]; gru 4 sequences true; dense 2 softmax }
      let maps = attribution(reader, on: bits, step: 2, method: "input")
      """)
    guard case .model(let reference)? = interpreter.value(named: "reader"),
      case .dataset(let data)? = interpreter.value(named: "bits")
    else { throw Failure("missing values") }
    let maps = try tensor("maps", in: interpreter)
    let expected = try Attributor.attribute(
      reference.model, inputs: data.features, method: .gradientTimesInput, step: 2)
    #expect(maps.shape == [10, 6, 1] && bits(maps) == bits(expected.values))
    // The output at step 2 never saw steps 3 to 5.
    #expect(maps.scalars.enumerated().allSatisfy { $0.offset % 6 < 3 || $0.element == 0 })
  }

  @Test func theViewsFunctionsReturnTheirNumbers() throws {
    let interpreter = run(
      """
      let data = xor(n: 20)
      model net { input 2; dense 5 relu; dense 1 sigmoid }
      let a = activations(net, on: data, samples: 7)
      model cnn { input [1, 8, 8]; conv 3 size 3 relu; maxpool 2; flatten; dense 2 softmax }
      let images = bars(n: 6)
      let maps = features(cnn, on: images, index: 4, layer: 2)
      let d = parity(n: 8, length: 12, seed: 1)
      model m { input [12, 1]; lstm 5 sequences true; dense 2 softmax }
      let states = hidden(m, on: d, index: 3)
      let unit = hidden(m, on: d, index: 3, unit: 2)
      """)
    guard case .record(let a)? = interpreter.value(named: "a"),
      case .model(let net)? = interpreter.value(named: "net"),
      case .dataset(let data)? = interpreter.value(named: "data"),
      case .tensor(let hidden)? = a["dense_1"]
    else { throw Failure("missing values") }
    #expect(a.fields.map(\.name) == net.model.layers.map(\.name))
    let outputs = try net.model.layerOutputs(try data.features.rows(0..<7))
    #expect(hidden.shape == [7, 5] && bits(hidden) == bits(outputs[0]))
    #expect(try tensor("maps", in: interpreter).shape == [3, 3, 3])
    let states = try tensor("states", in: interpreter)
    let unit = try tensor("unit", in: interpreter)
    #expect(states.shape == [12, 5] && unit.shape == [12])
    #expect((0..<12).allSatisfy { unit.scalars[$0] == states.scalars[$0 * 5 + 1] })
  }

  @Test func weightsAsAFunctionReturnTheLayersTensors() throws {
    let interpreter = run(
      """
      model net { input 3; dense 5 relu; dense 2 softmax }
      let second = weights(net, layer: 2)
      model cnn { input [1, 8, 8]; conv 4 size 3 relu; flatten; dense 2 softmax }
      let kernels = weights(cnn, layer: 1)
      """)
    guard case .model(let net)? = interpreter.value(named: "net"),
      case .record(let second)? = interpreter.value(named: "second"),
      case .tensor(let weight)? = second["weight"], case .tensor(let bias)? = second["bias"],
      case .record(let kernels)? = interpreter.value(named: "kernels"),
      case .tensor(let kernel)? = kernels["weight"]
    else { throw Failure("missing values") }
    let layer = net.model.layers[1]
    #expect(weight.shape == [5, 2] && bits(weight) == bits(layer.parameters[0]))
    #expect(bias.shape == [2] && bits(bias) == bits(layer.parameters[1]))
    #expect(kernel.shape == [4, 1, 3, 3])
  }

  @Test func writtenNumbersReadBackBitForBit() throws {
    let interpreter = run(
      """
      let flowers = iris()
      model net { input 4; dense 6 tanh; dense 3 softmax }
      train net on flowers epochs 2 lr 0.05
      let maps = attribution(net, on: flowers, method: "input")
      write maps to "numbers-maps.csv"
      write maps to "numbers-maps.json"
      write flowers to "numbers-iris.csv"
      write net to "numbers-history.csv"
      write evaluate(net, on: flowers) to "numbers-record.csv"
      write net.history to "numbers-records.csv"
      write ["a, b", "c", true, -0.0] to "numbers-column.csv"
      write [1, [2, none], "v", flowers[0]] to "numbers-nested.json"
      """)
    let maps = try tensor("maps", in: interpreter)
    let directory = ScriptRunner.temporaryDirectory + "/"
    func read(_ name: String) throws -> String {
      try String(contentsOfFile: directory + name, encoding: .utf8)
    }
    let rows = try read("numbers-maps.csv").split(separator: "\n")
    #expect(rows.count == 151 && rows[0] == "x0,x1,x2,x3")
    let parsed = rows.dropFirst().flatMap { $0.split(separator: ",").compactMap { Float($0) } }
    #expect(parsed.map(\.bitPattern) == bits(maps))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(try read("numbers-maps.json").utf8))
        as? [String: Any])
    #expect(json["shape"] as? [Int] == [150, 4])
    let iris = try read("numbers-iris.csv").split(separator: "\n")
    #expect(iris.count == 151 && iris[0].hasSuffix(",class,class_name"))
    #expect(iris[1].hasSuffix(",0,setosa"))
    #expect(try read("numbers-history.csv").split(separator: "\n").count == 3)
    let record = try read("numbers-record.csv").split(separator: "\n")
    #expect(record.count == 2 && record[0] == "loss,accuracy")
    let epochs = try read("numbers-records.csv").split(separator: "\n")
    #expect(epochs.count == 3 && epochs[0] == "epoch,loss,accuracy" && epochs[2].hasPrefix("2,"))
    #expect(try read("numbers-column.csv") == "value\n\"a, b\"\nc\ntrue\n-0.0\n")
    #expect(
      try read("numbers-nested.json") == "[1,[2,null],\"v\",{\"x\":[5.1,3.5,1.4,0.2],\"y\":0}]")
  }

  @Test func whatCannotBeWrittenIsADiagnosticWithAHint() throws {
    let cases: [(String, String)] = [
      ("write [1] to \"out.txt\"", ".csv or .json"),
      ("write [[1], [1, 2]] to \"ragged.csv\"", ".json file"),
      ("write iris()[0] to \"mixed.csv\"", ".json file"),
      ("write range(2e6) to \"long.csv\"", "shorter range"),
      ("fn f(x) { return x }\nwrite f to \"f.json\"", "what it returns"),
      ("write 1 to \"numbers-folder.csv\"", "regular files"),
    ]
    try FileManager.default.createDirectory(
      atPath: ScriptRunner.temporaryDirectory + "/numbers-folder.csv",
      withIntermediateDirectories: true)
    for (script, hint) in cases {
      let (result, _) = ScriptRunner.runText(script)
      #expect(result.status != .success, "\(script)")
      let rendered = DiagnosticRenderer(color: false).render(result.diagnostics)
      #expect(rendered.contains(hint), "\(script): \(rendered)")
    }
  }

  @Test func printFullShowsEveryRowAndPrintStaysShort() {
    let output = ScriptRunner.expectSuccess(
      """
      let x = iris().features
      print x
      print full x
      let full = 3
      print full
      print full + 1, full
      """)
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0].hasPrefix("tensor [150, 4] [[") && lines[0].contains("…"))
    #expect(lines[1] == "tensor [150, 4]")
    #expect(lines[2] == "[[5.1, 3.5, 1.4, 0.2],")
    #expect(lines[3] == " [4.9, 3, 1.4, 0.2],")
    #expect(lines[151] == " [5.9, 3, 5.1, 1.8]]")
    #expect(lines[152] == "3" && lines[153] == "4 3")
  }

  @Test func fullIsANameWhereItCannotBeTheWord() {
    let output = ScriptRunner.expectSuccess(
      """
      fn full(x) { return [x, x] }
      print full(3)
      print full (3)
      print full "text"
      """)
    #expect(output == "[3, 3]\n3\ntext\n")
    let subscripted = ScriptRunner.expectSuccess("let full = [7, 8]\nprint full[1]\nprint full, 1")
    #expect(subscripted == "8\n[7, 8] 1\n")
  }

  @Test func aLongListWrapsAtTheLineWidth() {
    let output = ScriptRunner.expectSuccess("print full range(300)")
    let lines = output.split(separator: "\n")
    #expect(lines.count > 5 && lines.allSatisfy { $0.count <= 104 })
    #expect(lines.first?.hasPrefix("[0, 1, 2") == true && lines.last?.hasSuffix("299]") == true)
  }

  /// Stops the script when the first block of text arrives.
  final class StoppingSink: OutputSink {
    let flag: CancellationFlag
    var text = ""
    init(_ flag: CancellationFlag) { self.flag = flag }
    func write(_ text: String) {
      self.text += text
      if text.utf8.count > 1000 { flag.cancel() }
    }
    func progress(_ event: ProgressEvent) {}
    var liveScreen: (any LiveScreen)? { nil }
  }

  @Test func aLargePrintFullComesInBlocksAndStopsWhenInterrupted() {
    let flag = CancellationFlag()
    let sink = StoppingSink(flag)
    let interpreter = Interpreter(output: sink, cancellation: flag)
    let result = interpreter.run(
      SourceFile(name: "t", text: "let d = digits()\nprint full d.features\nprint 1"))
    #expect(result.status == .interrupted)
    // One block of lines was printed, not the whole tensor of 1,797 rows, and not `1`.
    let lines = sink.text.split(separator: "\n")
    #expect(lines.count > 10 && lines.count < 1797 && sink.text.hasSuffix("\n"))
  }
}
