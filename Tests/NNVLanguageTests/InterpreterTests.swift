import NNVLanguage
import Testing

@Suite struct InterpreterTests {
  func lines(_ text: String) -> [String] {
    let (result, output) = ScriptRunner.run(text)
    #expect(result.status == .success, "\(result.diagnostics.map(\.text))")
    return output.lines
  }

  @Test func arithmeticAndFormatting() {
    #expect(
      lines("print 1 + 2 * 3, 7 / 2, 2 ^ 10, 7 % 3, 0.1 + 0.2, -2 ^ 2") == ["7 3.5 1024 1 0.3 -4"])
  }

  @Test func weightsOverEpochsDrawsEveryDenseLayer() {
    let output = lines(
      """
      model net { input 2; dense 3 tanh; dense 1 sigmoid }
      train net on xor(n: 40, seed: 1) epochs 4 every 4
      weights net over epochs ascii true width 60
      """)
    #expect(output.contains("dense_1 weights over epochs"))
    #expect(output.contains("dense_2 weights over epochs"))
    #expect(output.allSatisfy { $0.count <= 60 })
    #expect(output.contains { $0.contains("median") && $0.contains("min") })
  }

  @Test func functionsCloseOverTheirScope() {
    let text = """
      fn counter(start) {
        let total = start
        fn add(x) { return total + x }
        return add
      }
      let add5 = counter(5)
      print add5(1), add5(10)
      fn fib(n) { if n < 2 { return n } else { return fib(n - 1) + fib(n - 2) } }
      print fib(15)
      """
    #expect(lines(text) == ["6 15", "610"])
  }

  @Test func deepRecursionIsAnErrorNotACrash() {
    let (result, _) = ScriptRunner.run("fn f(n) { return f(n + 1) }\nprint f(0)")
    #expect(result.status == .software)
    #expect(result.diagnostics.first?.text.contains("too deeply") == true)
  }

  @Test func stateSurvivesAnErrorBetweenRuns() {
    let output = CollectingOutput()
    let interpreter = Interpreter(output: output)
    #expect(interpreter.run(SourceFile(name: "<1>", text: "let x = 41")).status == .success)
    let failed = interpreter.run(SourceFile(name: "<2>", text: "let y = 1 / 0"))
    #expect(failed.status == .software)
    let result = interpreter.run(SourceFile(name: "<3>", text: "x + 1"))
    #expect(result.value?.description == "42")
  }

  @Test func runtimeErrorInsideAFunctionPointsIntoItsOwnSource() {
    let interpreter = Interpreter(output: CollectingOutput())
    _ = interpreter.run(SourceFile(name: "<1>", text: "fn bad(x) { return x / 0 }"))
    let result = interpreter.run(SourceFile(name: "<2>", text: "bad(1)"))
    #expect(result.diagnostics.first?.source.name == "<1>")
  }

  @Test func trainingIsReproducibleAndReportsProgress() {
    let text = """
      let data = xor(n: 80, noise: 0.1)
      model net { input 2; dense 8 tanh; dense 1 sigmoid }
      let r = train(net, on: data, epochs: 4, lr: 0.05, every: 2)
      print r.loss
      """
    let (first, output) = ScriptRunner.run(text)
    let (second, again) = ScriptRunner.run(text)
    #expect(first.status == .success && second.status == .success)
    #expect(output.text == again.text)
    #expect(output.events.filter { $0.phase == .epoch }.map(\.epoch) == [2, 4])
    #expect(output.events.last?.phase == .finished)
  }

  @Test func cancellationStopsTrainingAndKeepsTheModel() {
    let flag = CancellationFlag()
    final class CancellingSink: OutputSink {
      let flag: CancellationFlag
      init(_ flag: CancellationFlag) { self.flag = flag }
      func write(_ text: String) {}
      func progress(_ event: ProgressEvent) {
        if event.epoch == 2, event.batch == 1 { flag.cancel() }
      }
    }
    let interpreter = Interpreter(output: CancellingSink(flag), cancellation: flag)
    let result = interpreter.run(
      SourceFile(
        name: "t",
        text: "let d = xor(n: 64)\nmodel m { input 2; dense 1 sigmoid }\n"
          + "train m on d epochs 50 batch 16"))
    #expect(result.status == .interrupted)
    #expect(result.diagnostics.first?.text == "Training stopped at epoch 2, batch 1 of 4.")
    #expect(result.diagnostics.first?.hint == "m keeps the weights it had reached")
    guard case .model(let model) = interpreter.value(named: "m") else {
      Issue.record("m is gone")
      return
    }
    #expect(model.model.history.epochs.count == 1)
  }

  @Test func divergenceIsARuntimeErrorAtTheTrainStatement() {
    let (result, _) = ScriptRunner.run(
      "let d = plane(n: 64)\nmodel m { input 2; dense 1 }\ntrain m on d epochs 5 optimizer sgd lr 1e30"
    )
    #expect(result.status == .software)
    #expect(result.diagnostics.first?.text.contains("diverged") == true)
    #expect(result.diagnostics.first?.line == 3)
  }

  @Test func progressRenderers() {
    let event = ProgressEvent(
      phase: .epoch, model: "net", epoch: 3, epochs: 10, batch: 4, batches: 4, loss: 0.25,
      accuracy: 0.875, validationLoss: 0.3, validationAccuracy: 0.8, elapsed: 3)
    #expect(
      ProgressRenderer.line(event)
        == "net  epoch 3/10  loss 0.2500  accuracy 0.8750  val_loss 0.3000  val_accuracy 0.8000")
    #expect(
      ProgressRenderer.bar(event, columns: 100)
        == "\rnet  epoch 3/10 [==>      ] 30%  loss 0.2500  acc 0.8750  val_loss 0.3000"
        + "  val_acc 0.8000  ETA 0:07")
    #expect(
      ProgressRenderer.bar(event, columns: 80)
        == "\rnet  epoch 3/10 30%  loss 0.2500  acc 0.8750  val_loss 0.3000  val_acc 0.8000")
    #expect(
      ProgressRenderer.bar(event, columns: 60)
        == "\rnet  epoch 3/10  loss 0.2500  acc 0.8750  val_loss 0.3000")
    #expect(ProgressRenderer.bar(event, columns: 40) == "\rnet  epoch 3/10 30%  loss 0.2500")
    var training = event
    (training.validationLoss, training.validationAccuracy) = (nil, nil)
    #expect(
      ProgressRenderer.bar(training, columns: 80)
        == "\rnet  epoch 3/10 [======>               ] 30%  loss 0.2500  acc 0.8750  ETA 0:07")
    // Every width from 40 to 200 fits without wrapping; the loss is always shown.
    for columns in 40...200 {
      let bar = ProgressRenderer.bar(event, columns: columns)
      #expect(bar.count - 1 <= columns - 1 && bar.contains("loss 0.2500"), "\(columns)")
    }
    var long = event
    long.model = String(repeating: "m", count: 60)
    #expect(ProgressRenderer.bar(long, columns: 40).count - 1 <= 39)
    var batch = event
    batch.phase = .batch
    #expect(ProgressRenderer.line(batch) == nil)
    #expect(ProgressRenderer.clock(3725) == "1:02:05")
  }

  /// Prints how long parsing and checking 10,000 lines takes (reported, not asserted).
  @Test func tenThousandLinesParseAndCheckClean() {
    let text = BenchmarkScript.generate(lines: 10_000)
    let interpreter = Interpreter(output: CollectingOutput())
    let source = SourceFile(name: "bench", text: text)
    let clock = ContinuousClock()
    var problems: [Diagnostic] = []
    let elapsed = clock.measure { problems = interpreter.check(source) }
    print(
      "parse+check \(source.lineText(0).count + text.split(separator: "\n").count) lines: \(elapsed)"
    )
    #expect(problems.isEmpty)
  }

  @Test func benchmarkScriptParsesAndChecksClean() {
    let text = BenchmarkScript.generate(lines: 300)
    #expect(
      Interpreter(output: CollectingOutput()).check(SourceFile(name: "b", text: text)).isEmpty)
  }
}
