/// A formula as nnv writes it for a reader: in mathematical notation (`σ′(x) = σ(x)·(1 − σ(x))`)
/// and spelled in ASCII for terminals that draw only ASCII (`sigmoid'(x) = ...`).
public struct Formula: Sendable, Equatable {
  /// The formula with Unicode symbols: σ, Φ, ′, ², −, ·.
  public var text: String
  /// The same formula in ASCII characters only.
  public var ascii: String

  public init(_ text: String, ascii: String) {
    self.text = text
    self.ascii = ascii
  }
}

/// What each activation computes, written as the formulas of its implementation in
/// `Activation.swift`, for plots and lessons. `ActivationCurveTests` evaluates every formula as
/// written and compares it with the activation's values and with its backward pass.
extension Activation {
  /// The function: `tanh(x) = (e^x − e^−x) / (e^x + e^−x)`.
  public var formula: Formula {
    switch self {
    case .linear: Formula("linear(x) = x", ascii: "linear(x) = x")
    case .relu: Formula("relu(x) = max(0, x)", ascii: "relu(x) = max(0, x)")
    case .leakyRelu(let slope):
      Formula(
        "leaky_relu(x) = x for x > 0, \(Self.number(slope))·x otherwise",
        ascii: "leaky_relu(x) = x for x > 0, \(Self.number(slope)) * x otherwise")
    case .sigmoid: Formula("σ(x) = 1 / (1 + e^−x)", ascii: "sigmoid(x) = 1 / (1 + e^-x)")
    case .tanh:
      Formula(
        "tanh(x) = (e^x − e^−x) / (e^x + e^−x)", ascii: "tanh(x) = (e^x - e^-x) / (e^x + e^-x)")
    case .softmax:
      Formula("softmax(x)ᵢ = e^xᵢ / Σⱼ e^xⱼ", ascii: "softmax(x)_i = e^x_i / sum_j e^x_j")
    case .gelu:
      Formula(
        "gelu(x) = x·Φ(x), where Φ(x) = ½·(1 + erf(x / √2))",
        ascii: "gelu(x) = x * Phi(x), where Phi(x) = (1 + erf(x / sqrt(2))) / 2")
    }
  }

  /// The derivative, as the backward pass computes it, with its value where the function has a
  /// corner (ReLU at 0): `tanh′(x) = 1 − tanh(x)²`.
  public var derivativeFormula: Formula {
    switch self {
    case .linear: Formula("linear′(x) = 1", ascii: "linear'(x) = 1")
    case .relu:
      Formula(
        "relu′(x) = 1 for x > 0, 0 otherwise (0 at x = 0, where relu has a corner)",
        ascii: "relu'(x) = 1 for x > 0, 0 otherwise (0 at x = 0, where relu has a corner)")
    case .leakyRelu(let slope):
      Formula(
        "leaky_relu′(x) = 1 for x > 0, \(Self.number(slope)) otherwise (\(Self.number(slope)) "
          + "at x = 0)",
        ascii: "leaky_relu'(x) = 1 for x > 0, \(Self.number(slope)) otherwise "
          + "(\(Self.number(slope)) at x = 0)")
    case .sigmoid:
      Formula("σ′(x) = σ(x)·(1 − σ(x))", ascii: "sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x))")
    case .tanh: Formula("tanh′(x) = 1 − tanh(x)²", ascii: "tanh'(x) = 1 - tanh(x)^2")
    case .softmax:
      Formula(
        "∂softmaxᵢ/∂xⱼ = softmaxᵢ·(δᵢⱼ − softmaxⱼ)",
        ascii: "d softmax_i / d x_j = softmax_i * (delta_ij - softmax_j)")
    case .gelu:
      Formula(
        "gelu′(x) = Φ(x) + x·φ(x), where φ(x) = e^(−x²/2) / √(2π)",
        ascii: "gelu'(x) = Phi(x) + x * phi(x), where phi(x) = e^(-x^2/2) / sqrt(2*pi)")
    }
  }

  /// A slope as written in a formula: `0.01`, `0.2`.
  static func number(_ value: Float) -> String {
    var text = "\(value)"
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }
}
