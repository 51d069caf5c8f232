import Foundation

/// The non-linearities a layer can apply to its output.
///
/// Each case knows its scalar function and derivative (for plots and teaching) and how to apply
/// itself to a variable with its backward pass. `softmax` works along the last axis and is the
/// only one that is not element-wise.
public enum Activation: Equatable, Hashable, Sendable, CaseIterable {
  case linear
  case relu
  /// `x` for positive inputs, `slope · x` otherwise.
  case leakyRelu(slope: Float)
  case sigmoid
  case tanh
  case softmax
  /// The Gaussian error linear unit `x · Φ(x)` (Hendrycks and Gimpel 2016), exact form with erf.
  case gelu

  /// The slope PyTorch uses by default for leaky ReLU.
  public static let defaultLeakySlope: Float = 0.01

  public static var allCases: [Activation] {
    [.linear, .relu, .leakyRelu(slope: defaultLeakySlope), .sigmoid, .tanh, .softmax, .gelu]
  }

  /// The name used in scripts, summaries and saved models.
  public var name: String {
    switch self {
    case .linear: "linear"
    case .relu: "relu"
    case .leakyRelu: "leaky_relu"
    case .sigmoid: "sigmoid"
    case .tanh: "tanh"
    case .softmax: "softmax"
    case .gelu: "gelu"
    }
  }

  /// The activation called `name`, if there is one (leaky ReLU with the default slope).
  public init?(named name: String) {
    guard let match = Activation.allCases.first(where: { $0.name == name }) else { return nil }
    self = match
  }

  /// The scalar function, for element-wise activations (softmax of a single value is 1).
  public func callAsFunction(_ x: Float) -> Float {
    switch self {
    case .linear: x
    case .relu: Swift.max(x, 0)
    case .leakyRelu(let slope): x > 0 ? x : slope * x
    case .sigmoid: Activation.sigmoid(x)
    case .tanh: Foundation.tanh(x)
    case .softmax: 1
    case .gelu: x * Activation.normalCDF(x)
    }
  }

  /// The derivative of the scalar function (for softmax, of one output with respect to its own
  /// input when it is alone: 0).
  public func derivative(_ x: Float) -> Float {
    switch self {
    case .linear: return 1
    case .relu: return x > 0 ? 1 : 0
    case .leakyRelu(let slope): return x > 0 ? 1 : slope
    case .sigmoid:
      let s = Activation.sigmoid(x)
      return s * (1 - s)
    case .tanh:
      let t = Foundation.tanh(x)
      return 1 - t * t
    case .softmax: return 0
    case .gelu:
      let density = exp(-0.5 * Double(x) * Double(x)) / (2 * Double.pi).squareRoot()
      return Activation.normalCDF(x) + x * Float(density)
    }
  }

  /// The logistic function, computed so that neither branch overflows.
  static func sigmoid(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + exp(-x)) }
    let e = exp(x)
    return e / (1 + e)
  }

  /// Φ(x), the standard normal cumulative distribution.
  static func normalCDF(_ x: Float) -> Float {
    0.5 * (1 + erf(x / 2.0.squareRoot().asFloat))
  }

  /// Applies the activation to a tensor (no gradient).
  public func apply(_ x: Tensor) -> Tensor {
    switch self {
    case .linear: return x
    case .softmax: return Activation.softmax(x)
    case .tanh, .sigmoid:
      return Tensor(shape: x.shape) { out in
        x.scalars.withUnsafeBufferPointer { input in
          if self == .tanh {
            VectorMath.tanh(input, into: out)
          } else {
            VectorMath.sigmoid(input, into: out)
          }
        }
      }
    case .relu:
      return x.map { $0 > 0 ? $0 : 0 }
    default: return x.map { self($0) }
    }
  }

  /// Applies the activation to a variable, recording its backward pass.
  public func apply(_ x: Variable) -> Variable {
    if self == .linear { return x }
    let y = apply(x.value)
    guard let tape = x.tape else { return Variable(y) }
    let node = x.node
    let input = x.value
    return tape.result(y) { g, grads in
      guard node >= 0 else { return }
      switch self {
      case .relu:
        grads.add(input.zipWith(g) { x, g in x > 0 ? g : 0 }, to: node)
      case .sigmoid:
        grads.add(y.zipWith(g) { s, g in g * s * (1 - s) }, to: node)
      case .tanh:
        grads.add(y.zipWith(g) { t, g in g * (1 - t * t) }, to: node)
      case .softmax:
        grads.add(Activation.softmaxBackward(output: y, gradient: g), to: node)
      default:
        grads.add(input.zipWith(g) { x, g in g * self.derivative(x) }, to: node)
      }
    }
  }

  /// Softmax along the last axis, shifted by each row's maximum so `exp` never overflows.
  static func softmax(_ x: Tensor) -> Tensor {
    let width = x.shape.last ?? 1
    return Tensor(shape: x.shape) { out in
      x.scalars.withUnsafeBufferPointer { v in
        guard width > 0 else { return }
        for base in stride(from: 0, to: v.count, by: width) {
          var top = -Float.infinity
          for j in 0..<width { top = Swift.max(top, v[base + j]) }
          var total: Float = 0
          for j in 0..<width {
            let e = exp(v[base + j] - top)
            out[base + j] = e
            total += e
          }
          for j in 0..<width { out[base + j] /= total }
        }
      }
    }
  }

  /// The softmax Jacobian applied to `g`: y ⊙ (g − Σ g ⊙ y), row by row.
  static func softmaxBackward(output y: Tensor, gradient g: Tensor) -> Tensor {
    let width = y.shape.last ?? 1
    return Tensor(shape: y.shape) { out in
      y.scalars.withUnsafeBufferPointer { s in
        g.scalars.withUnsafeBufferPointer { d in
          guard width > 0 else { return }
          for base in stride(from: 0, to: s.count, by: width) {
            var dot: Float = 0
            for j in 0..<width { dot += s[base + j] * d[base + j] }
            for j in 0..<width { out[base + j] = s[base + j] * (d[base + j] - dot) }
          }
        }
      }
    }
  }
}

extension Double {
  fileprivate var asFloat: Float { Float(self) }
}
