import NNVCore
import NNVPlot

/// The views of recurrent networks: one sequence's hidden states (`hidden`), one unit over the
/// text, the units that track a signal, the gates (`gates`) and the paths of the hidden state
/// (`trajectory`). NNVCore's Inspection computes them; these declarations check the options.
extension Builtins {
  static let recurrentViews: [Builtin] = [hidden, gates, trajectory]

  static let recurrentExample = """
    let d = parity(64, length: 12, seed: 1)
    model m { input [12, 1]; lstm 8 sequences true; dense 2 softmax }
    train m on d epochs 5
    """

  static let sequenceParameters: [Parameter] = [
    Parameter("model", .model, positional: true, default: nil, "a model with a recurrent layer"),
    Parameter("on", .dataset, default: nil, "sequences the model takes"),
    Parameter("index", .integer, default: "0", "the sequence shown, counted from 0"),
    Parameter(
      "layer", .integer, default: "1", "which recurrent layer, counted from 1 among them",
      bounds: .atLeast(1)),
  ]

  static let hidden = Builtin(
    "hidden", .command,
    summary:
      "Shows a recurrent layer's hidden states over one sequence (units × steps, −1 blue to "
      + "+1 red, the tokens along time), one unit coloured under the text, or the units that "
      + "best track a signal.",
    parameters: sequenceParameters + [
      Parameter(
        "unit", .integer, default: "none", "colour the sequence's tokens by this unit, from 1",
        bounds: .atLeast(1)),
      Parameter(
        "top", .integer, default: "none",
        "list the N units that best track `signal` over all sequences", bounds: .atLeast(1)),
      Parameter(
        "signal", .choice(["target", "position", "char"]), default: "target",
        "what `top` correlates with: the step's target, its position, or whether it is `char`"),
      Parameter("char", .string, default: "none", "the symbol of `signal char` (`\"(\"`)"),
    ] + viewParameters,
    example: recurrentExample + """

      hidden m on d
      hidden m on d index 3 unit 2
      hidden m on d top 5 signal target
      hidden m on d to "hidden.svg"
      print shape(hidden(m, on: d, index: 3)), hidden(m, on: d, index: 3, unit: 2)
      """,
    body: .function(runHidden))

  static let gates = Builtin(
    "gates", .command,
    summary:
      "Shows how open an LSTM's or a GRU's gates are along one sequence: each gate's mean over "
      + "the units at every step, with the tokens along time.",
    parameters: sequenceParameters + viewParameters,
    example: recurrentExample + """

      gates m on d
      gates m on d index 2 to "gates.svg"
      """,
    body: .function(runGates))

  static let trajectory = Builtin(
    "trajectory", .command,
    summary:
      "Draws the path each sequence takes through a recurrent layer's hidden states, projected "
      + "on their first two principal components, coloured by time or by class.",
    parameters: [
      Parameter("model", .model, positional: true, default: nil, "a model with a recurrent layer"),
      Parameter("on", .dataset, default: nil, "sequences the model takes"),
      Parameter(
        "layer", .integer, default: "1", "which recurrent layer, counted from 1 among them",
        bounds: .atLeast(1)),
      Parameter(
        "count", .integer, default: "20", "how many sequences, the first of the data",
        limit: ResourceLimits.samples, bounds: .atLeast(1)),
      Parameter(
        "by", .choice(TrajectoryView.Coloring.allCases.map(\.rawValue)), default: "time",
        "colour the paths by step, or by the sequence's class (its last step's)"),
    ] + viewParameters,
    example: recurrentExample + """

      trajectory m on d
      trajectory m on d count 40 by class to "trajectory.svg"
      """,
    body: .function(runTrajectory))
}
