import Foundation
import NNVCore
import NNVTestSupport
import Testing

/// `ActivationCurve` and the formulas `plot activation` prints: the slopes are the backward
/// pass's, which agree with finite differences, and every formula, evaluated as written, gives
/// the curve's values and slopes.
@Suite struct ActivationCurveTests {
  static let elementwise = Activation.allCases.filter { $0 != .softmax }

  /// Each formula as printed, written out in Swift term by term: φ, Φ, σ as the formulas
  /// define them.
  static func written(_ activation: Activation) -> (f: (Double) -> Double, d: (Double) -> Double) {
    let phi = { (x: Double) in exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
    let Phi = { (x: Double) in 0.5 * (1 + erf(x / 2.0.squareRoot())) }
    let sigma = { (x: Double) in 1 / (1 + exp(-x)) }
    switch activation {
    case .linear: return ({ $0 }, { _ in 1 })
    case .relu: return ({ max(0, $0) }, { $0 > 0 ? 1 : 0 })
    case .leakyRelu(let slope):
      let a = Double(slope)
      return ({ $0 > 0 ? $0 : a * $0 }, { $0 > 0 ? 1 : a })
    case .sigmoid: return (sigma, { sigma($0) * (1 - sigma($0)) })
    case .tanh:
      return ({ (exp($0) - exp(-$0)) / (exp($0) + exp(-$0)) }, { 1 - pow(tanh($0), 2) })
    case .gelu: return ({ $0 * Phi($0) }, { Phi($0) + $0 * phi($0) })
    case .softmax: return ({ _ in 1 }, { _ in 0 })
    }
  }

  @Test(arguments: elementwise)
  func formulasGiveTheCurve(_ activation: Activation) throws {
    let curve = try ActivationCurve(activation)
    let (f, d) = Self.written(activation)
    for (i, x) in curve.inputs.enumerated() where i % 10 == 0 {
      #expect(abs(Double(curve.values[i]) - f(Double(x))) < 1e-5, "\(activation.name)(\(x))")
      #expect(abs(Double(curve.slopes[i]) - d(Double(x))) < 1e-5, "\(activation.name)′(\(x))")
    }
  }

  @Test(arguments: elementwise)
  func slopesAreTheBackwardPassAndMatchFiniteDifferences(_ activation: Activation) throws {
    let curve = try ActivationCurve(activation, over: -3...3, count: 13)
    // Away from ReLU's corner, where a finite difference straddles two slopes.
    let points = curve.inputs.filter { abs($0) > 0.1 }
    let report = try checkGradients(
      of: { activation.apply($0[0]) }, at: [Tensor(points)], absoluteTolerance: 1e-3)
    #expect(report.passes, "\(activation.name): \(report)")
    // The core's scalar derivative, which the layers' backward pass also uses, agrees.
    for (x, slope) in zip(curve.inputs, curve.slopes) {
      #expect(abs(slope - activation.derivative(x)) < 1e-6, "\(activation.name)′(\(x))")
    }
  }

  @Test func theCornerOfReLUIsSampledWithItsConvention() throws {
    let relu = try ActivationCurve(.relu)
    let zero = try #require(relu.inputs.firstIndex(of: 0))
    #expect(relu.inputs.count == ActivationCurve.defaultCount)
    #expect(relu.inputs.first == -4 && relu.inputs.last == 4)
    #expect(relu.slopes[zero] == 0)
    #expect(relu.derivativeFormulaText.contains("0 at x = 0"))
    let leaky = try ActivationCurve(.leakyRelu(slope: 0.2))
    #expect(leaky.slopes[zero] == 0.2)
    #expect(Activation.leakyRelu(slope: 0.2).derivativeFormula.text.contains("0.2 at x = 0"))
  }

  @Test func softmaxAndEmptyIntervalsHaveNoCurve() {
    #expect(throws: ActivationCurve.Problem.notElementwise(.softmax)) {
      try ActivationCurve(.softmax)
    }
    #expect(throws: ActivationCurve.Problem.badInterval) {
      try ActivationCurve(.tanh, over: 1...1)
    }
    #expect(throws: ActivationCurve.Problem.badInterval) {
      try ActivationCurve(.tanh, over: -.infinity...0)
    }
  }

  @Test func formulasAreWrittenInBothSpellings() {
    for activation in Activation.allCases {
      for formula in [activation.formula, activation.derivativeFormula] {
        #expect(formula.ascii.unicodeScalars.allSatisfy { $0.isASCII }, "\(formula.ascii)")
        #expect(!formula.text.isEmpty && formula.text.contains("="))
      }
    }
    #expect(Activation.tanh.derivativeFormula.text == "tanh′(x) = 1 − tanh(x)²")
    #expect(Activation.sigmoid.derivativeFormula.text == "σ′(x) = σ(x)·(1 − σ(x))")
    #expect(Activation.gelu.formula.text.contains("erf"))
  }
}

extension ActivationCurve {
  fileprivate var derivativeFormulaText: String { activation.derivativeFormula.text }
}
