import NNVCore
import NNVPlot

/// `train ... live` (and `:set live on`): training drawn as a dashboard on a live screen.
extension Builtins {
  /// The dashboard for this `train` call, its screen begun (its first frame comes with the
  /// first batch); nil when it is not asked for (`live`, or the session's setting) or the
  /// output has no live screen, and training then reports its progress as usual.
  static func liveTraining(
    _ call: BuiltinCall, _ model: Sequential, data: Dataset, options: TrainingOptions,
    optimizer: any Optimizer
  ) -> LiveTraining? {
    let interpreter = call.interpreter
    guard call.boolean("live") ?? interpreter.liveTraining,
      let screen = interpreter.output.liveScreen, screen.begin()
    else { return nil }
    let display = interpreter.display
    let status = TrainingStatus(
      model: model.name, epoch: 0, epochs: options.epochs,
      learningRate: NumberFormatting.double(optimizer.learningRate))
    let live = LiveTraining(
      screen: screen, cancellation: interpreter.cancellation, status: status
    ) { model, status in
      let size = screen.size
      return try DashboardView(
        model: model, train: data, validation: options.validation, status: status,
        columns: size.columns, rows: size.rows,
        options: display.chartOptions(width: size.columns)
      ).text()
    }
    return live
  }

  /// Ends a live run: the last frame stays on the screen, then a line says how training
  /// ended. A stop with `q` is not an error: the model keeps its weights and the script goes
  /// on. Ctrl-C, and training that diverged, are reported as without the dashboard.
  static func finishLive(
    _ live: LiveTraining, _ outcome: TrainingOutcome, _ call: BuiltinCall, _ model: Sequential,
    batches: Int
  ) throws -> Value {
    let completed = if case .completed = outcome { true } else { false }
    live.finish(model, state: completed ? .finished : .stopped)
    let output = call.interpreter.output
    let name = model.name
    switch outcome {
    case .completed(let epochs):
      let event = ProgressEvent(
        phase: .finished, model: name, epoch: epochs, epochs: epochs, batch: batches,
        batches: batches, loss: 0, elapsed: live.elapsed)
      if let line = ProgressRenderer.line(event) { output.write(line + "\n") }
    case .stopped(let epoch, let batch) where live.control.quit:
      output.write(
        "\(name)  stopped at epoch \(epoch), batch \(batch) of \(batches): "
          + "\(name) keeps the weights it had reached\n")
    default:
      try report(
        outcome, call, name, last: model.history.last, epochs: live.status.epochs,
        batches: batches, elapsed: { live.elapsed })
    }
    return model.history.last.map(Interpreter.record(of:)) ?? .none
  }
}
