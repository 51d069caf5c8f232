import NNVCore
import Testing

@Suite struct OptimizerTests {
  /// One step on a single parameter w = 1 with gradient 0.5.
  func step(_ optimizer: any Optimizer, times: Int = 1) -> Float {
    var parameters = [[Tensor([1])]]
    for _ in 0..<times { optimizer.update(&parameters, along: [[Tensor([0.5])]]) }
    return parameters[0][0].scalar
  }

  @Test func sgdFirstSteps() {
    #expect(step(SGD(learningRate: 0.1)) == 0.95)
    // v1 = 0.5, w1 = 0.95; v2 = 0.9·0.5 + 0.5 = 0.95, w2 = 0.95 − 0.095.
    #expect(abs(step(SGD(learningRate: 0.1, momentum: 0.9), times: 2) - 0.855) < 1e-7)
    // Nesterov: w1 = 1 − 0.1·(0.5 + 0.9·0.5).
    #expect(abs(step(SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)) - 0.905) < 1e-7)
  }

  @Test func adamFirstStepIsLearningRateTimesSign() {
    // m̂ = g, v̂ = g², so the first step is lr·g / (|g| + ε).
    #expect(abs(step(Adam(learningRate: 0.1)) - 0.9) < 1e-6)
    // Second step with the same gradient: m̂ = g and v̂ = g² again.
    #expect(abs(step(Adam(learningRate: 0.1), times: 2) - 0.8) < 1e-6)
  }

  @Test func rmspropAndAdagradFirstSteps() {
    // s = 0.1·0.25 = 0.025; w = 1 − 0.1·0.5 / √0.025.
    let rmsprop: Float = 1 - 0.05 / Float(0.025).squareRoot()
    #expect(abs(step(RMSProp(learningRate: 0.1)) - rmsprop) < 1e-6)
    // s = 0.25; w = 1 − 0.1·0.5 / 0.5.
    #expect(abs(step(Adagrad(learningRate: 0.1)) - 0.9) < 1e-6)
    // s = 0.5; w = 0.9 − 0.1·0.5/√0.5.
    let adagrad: Float = 0.9 - 0.05 / Float(0.5).squareRoot()
    #expect(abs(step(Adagrad(learningRate: 0.1), times: 2) - adagrad) < 1e-6)
  }

  static func make(_ name: String) -> any Optimizer {
    switch name {
    case "sgd": SGD(learningRate: 0.1)
    case "momentum": SGD(learningRate: 0.05, momentum: 0.9)
    case "nesterov": SGD(learningRate: 0.05, momentum: 0.9, nesterov: true)
    case "adam": Adam(learningRate: 0.05)
    case "rmsprop": RMSProp(learningRate: 0.01)
    default: Adagrad(learningRate: 0.5)
    }
  }

  @Test(arguments: ["sgd", "momentum", "nesterov", "adam", "rmsprop", "adagrad"])
  func convergesOnAQuadratic(_ name: String) {
    // Minimize Σ (w − t)² from w = 0; the gradient is 2(w − t).
    let optimizer = OptimizerTests.make(name)
    let target: [Float] = [1.5, -2, 0.25]
    var parameters = [[Tensor([0, 0, 0])]]
    for _ in 0..<1000 {
      let w = parameters[0][0].scalars
      let gradient = Tensor(zip(w, target).map { 2 * ($0 - $1) })
      optimizer.update(&parameters, along: [[gradient]])
    }
    for (w, t) in zip(parameters[0][0].scalars, target) {
      #expect(abs(w - t) < 0.02, "\(name): \(w) vs \(t)")
    }
  }
}
