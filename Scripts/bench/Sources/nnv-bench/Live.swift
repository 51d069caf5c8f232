import Foundation
import NNVLanguage
import NNVPlot

/// `nnv-bench live`: what the live training dashboard costs. The same script
/// (`BenchmarkScript.liveTraining`: a 2-16-16-2 network on 400 points, 13 batches an epoch)
/// runs through the interpreter without the dashboard, then with it drawn on an 80×24 screen
/// in memory, five times in turn. Prints the median seconds of each, the frames drawn a second
/// and the slowdown (the median of each pair's ratio, minus one). Goals: at least 10 frames a
/// second, at most 20% slower.
func runLive() {
  let epochs = environmentInt("NNV_BENCH_EPOCHS") ?? 8000
  var plain: [Double] = []
  var live: [Double] = []
  var rates: [Double] = []
  var ratios: [Double] = []
  var frames = 0
  for _ in 0..<5 {
    let without = runLiveScript(epochs: epochs, screen: nil)
    let screen = MemoryScreen(columns: 80, rows: 24, keptFrames: 1)
    let with = runLiveScript(epochs: epochs, screen: screen)
    plain.append(without)
    live.append(with)
    frames = screen.frameCount
    rates.append(Double(screen.frameCount) / with)
    ratios.append(with / without)
  }
  func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
  let slowdown = median(ratios) - 1
  let fps = median(rates)
  let frame = frameSeconds(epochs: epochs)
  emit("live-plain", seconds: median(plain), extra: [("epochs", "\(epochs)")])
  emit(
    "live-dashboard", seconds: median(live),
    extra: [
      ("epochs", "\(epochs)"), ("frames", "\(frames)"), ("fps", String(format: "%.1f", fps)),
      ("slowdown", String(format: "%.3f", slowdown)),
      ("frame_ms", String(format: "%.2f", frame * 1000)),
    ])
  check(fps >= 10, "live dashboard drew \(fps) frames a second, under the goal of 10")
  check(slowdown <= 0.2, "live dashboard slowed training by \(slowdown * 100)%, over 20%")
}

/// The median seconds to draw one 80×24 frame (in 24-bit colour) of the model the script
/// trained, over 9 frames after a warm-up: what each frame costs training.
func frameSeconds(epochs: Int) -> Double {
  let output = CollectingOutput()
  let interpreter = Interpreter(output: output)
  _ = interpreter.run(
    SourceFile(name: "live.nnv", text: BenchmarkScript.liveTraining(epochs: epochs, live: false)))
  guard case .model(let net)? = interpreter.value(named: "net"),
    case .dataset(let data)? = interpreter.value(named: "data")
  else {
    check(false, "the live benchmark script left no model or data")
    return .nan
  }
  let view = DashboardView(
    model: net.model, train: data,
    status: TrainingStatus(
      model: "net", epoch: epochs, epochs: epochs, metrics: net.model.history.last,
      learningRate: 0.01),
    options: ChartOptions(colorMode: .truecolor))
  return median {
    _ = try? view.text()
  }
}

/// Seconds to run the benchmark script, with the dashboard on `screen` when one is given.
func runLiveScript(epochs: Int, screen: MemoryScreen?) -> Double {
  let output = CollectingOutput(liveScreen: screen)
  let interpreter = Interpreter(output: output)
  interpreter.display = Display(colorMode: .truecolor)
  let source = SourceFile(
    name: "live.nnv", text: BenchmarkScript.liveTraining(epochs: epochs, live: screen != nil))
  let start = monotonicSeconds()
  let result = interpreter.run(source)
  let seconds = monotonicSeconds() - start
  check(result.status == .success, "the live benchmark script failed: \(result.diagnostics)")
  return seconds
}
