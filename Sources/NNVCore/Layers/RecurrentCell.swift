/// The step a recurrent layer repeats along a sequence: an Elman RNN, an LSTM or a GRU.
///
/// Conventions follow PyTorch's `nn.RNN`, `nn.LSTM` and `nn.GRU`, so that weights map one to
/// one (transposed to nnv's `[inputs, outputs]` orientation). With `x_t` the input at step `t`,
/// `h` the hidden state (zero before the first step) and σ the logistic function:
///
/// - rnn: `h_t = φ(x_t·W + h_{t−1}·U + b)`, φ tanh or relu.
/// - lstm: `[i f g o] = x_t·W + h_{t−1}·U + b`, each block H columns wide; i, f, o through σ,
///   g through tanh; `c_t = f ⊙ c_{t−1} + i ⊙ g`, `h_t = o ⊙ tanh(c_t)` (c zero at first).
/// - gru: `[r z n]` blocks; `r = σ(x_t·W_r + b_r + h_{t−1}·U_r + c_r)`, z likewise,
///   `n = tanh(x_t·W_n + b_n + r ⊙ (h_{t−1}·U_n + c_n))`, `h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}`,
///   with b the input bias and c the recurrent bias (PyTorch's `b_ih` and `b_hh`).
public enum RecurrentCell: Sendable, Equatable, Hashable {
  /// The Elman RNN with its nonlinearity.
  case rnn(RecurrentNonlinearity)
  case lstm
  case gru

  /// The number of H-wide blocks in the weights' columns: 1, 4 (i, f, g, o) or 3 (r, z, n).
  public var gateCount: Int {
    switch self {
    case .rnn: 1
    case .lstm: 4
    case .gru: 3
    }
  }

  /// The names of the gate blocks in column order, PyTorch's letters; empty for rnn.
  public var gateNames: [String] {
    switch self {
    case .rnn: []
    case .lstm: ["i", "f", "g", "o"]
    case .gru: ["r", "z", "n"]
    }
  }

  /// `an lstm layer`, for messages.
  var layerPhrase: String { "\(self == .gru ? "a" : "an") \(name) layer" }

  /// The number of bias vectors: GRU keeps the recurrent bias apart, because it is multiplied
  /// by the reset gate.
  var biasCount: Int { self == .gru ? 2 : 1 }

  /// The parameter names, in the layer's `parameters` order.
  public func parameterNames(bias: Bool) -> [String] {
    let weights = ["input_weight", "recurrent_weight"]
    guard bias else { return weights }
    return weights + (biasCount == 2 ? ["input_bias", "recurrent_bias"] : ["bias"])
  }

  /// The parameter shapes for `features` inputs and `units` hidden units, in `parameterNames`
  /// order; sizes must already be checked (`Recurrent.checkedParameterCount`).
  public func parameterShapes(features: Int, units: Int, bias: Bool) -> [[Int]] {
    let columns = gateCount * units
    let weights = [[features, columns], [units, columns]]
    return bias ? weights + Array(repeating: [columns], count: biasCount) : weights
  }
}

/// The nonlinearity of an Elman RNN, as PyTorch's `nonlinearity` argument.
public enum RecurrentNonlinearity: String, Sendable, CaseIterable {
  case tanh
  case relu
}
