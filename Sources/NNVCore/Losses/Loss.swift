import Foundation

/// What training minimizes: a scalar measure of how far outputs are from targets.
///
/// The cross-entropies are fused with the activation that usually precedes them: given logits
/// (the last layer's pre-activations), they are computed in a form that never takes the logarithm
/// of 0, so a confident wrong prediction gives a large finite loss instead of NaN. Given
/// probabilities from a layer with another activation, they clip to [1e-7, 1 − 1e-7] as Keras does.
public enum Loss: String, Sendable, CaseIterable, Codable {
  /// Mean squared error over all output values: regression.
  case meanSquaredError = "mse"
  /// Binary cross-entropy: one sigmoid output per sample, targets 0 or 1.
  case binaryCrossEntropy = "bce"
  /// Categorical cross-entropy: one softmax output per class, one-hot targets.
  case categoricalCrossEntropy = "cce"

  /// The clipping bound for probabilities that do not come from a fused activation.
  static let epsilon: Float = 1e-7

  /// The activation this loss absorbs when the last layer has it.
  public var fusedActivation: Activation? {
    switch self {
    case .meanSquaredError: nil
    case .binaryCrossEntropy: .sigmoid
    case .categoricalCrossEntropy: .softmax
    }
  }

  /// The mean loss of a batch.
  ///
  /// - Parameters:
  ///   - output: the network's output, or its logits when `fromLogits` is true.
  ///   - target: targets of the output's shape (one-hot rows for categorical cross-entropy;
  ///     for outputs `[n, steps, classes]`, one-hot along the last axis).
  ///   - fromLogits: whether `output` is pre-activation, for the fused, stable form.
  /// - Throws: `TensorError.shapeMismatch` when the shapes differ.
  public func callAsFunction(
    _ output: Variable, _ target: Tensor, fromLogits: Bool = false
  ) throws -> Variable {
    guard output.shape == target.shape else {
      throw TensorError.shapeMismatch(
        "the \(rawValue) loss compares outputs \(Tensor.describe(output.shape)) with targets "
          + "\(Tensor.describe(target.shape)), which differ")
    }
    let (value, gradient) = evaluate(output.value, target, fromLogits: fromLogits)
    guard let tape = output.tape else { return Variable(Tensor(value)) }
    let node = output.node
    return tape.result(Tensor(value)) { g, grads in
      grads.add(gradient * g.scalar, to: node)
    }
  }

  /// The loss value and its gradient with respect to `output`, in one pass.
  ///
  /// Both are computed in the forward pass: the gradient costs one more subtraction per element
  /// and saves keeping the inputs alive for the backward pass. The cross-entropies' classes lie
  /// along the last axis and every other axis counts rows: outputs `[n, steps, classes]` (a
  /// class at every step of a sequence) average over samples and steps alike.
  func evaluate(_ output: Tensor, _ target: Tensor, fromLogits: Bool) -> (Float, Tensor) {
    let n = output.count
    let width = output.shape.last ?? 1
    let rows = Swift.max(output.rank >= 2 ? n / Swift.max(width, 1) : output.rows, 1)
    var total = 0.0
    var gradient = Tensor.zeros(output.shape)
    output.scalars.withUnsafeBufferPointer { o in
      target.scalars.withUnsafeBufferPointer { y in
        gradient.scalars.withUnsafeMutableBufferPointer { d in
          let batch = Batch(o: o, y: y, d: d, count: n)
          total =
            switch (self, fromLogits) {
            case (.meanSquaredError, _): Self.meanSquaredError(batch)
            case (.binaryCrossEntropy, true): Self.binaryCrossEntropy(logits: batch)
            case (.binaryCrossEntropy, false): Self.binaryCrossEntropy(probabilities: batch)
            case (.categoricalCrossEntropy, true):
              Self.categoricalCrossEntropy(logits: batch, width: width, rows: rows)
            case (.categoricalCrossEntropy, false):
              Self.categoricalCrossEntropy(probabilities: batch, rows: rows)
            }
        }
      }
    }
    return (Float(total), gradient)
  }
}

/// The loss of each kind over a batch's values: each returns the mean loss and writes the
/// gradient with respect to the outputs.
extension Loss {
  /// The outputs `o` (or logits), the targets `y` and the gradient `d` to fill, `count` each.
  struct Batch {
    let o: UnsafeBufferPointer<Float>
    let y: UnsafeBufferPointer<Float>
    let d: UnsafeMutableBufferPointer<Float>
    let count: Int
  }

  static func meanSquaredError(_ batch: Batch) -> Double {
    let (o, y, d, n) = (batch.o, batch.y, batch.d, batch.count)
    var total = 0.0
    let scale = 2 / Float(Swift.max(n, 1))
    for i in 0..<n {
      let e = o[i] - y[i]
      total += Double(e * e)
      d[i] = scale * e
    }
    return total / Double(Swift.max(n, 1))
  }

  /// max(z, 0) − z·y + log(1 + e^−|z|): exact and never overflows.
  static func binaryCrossEntropy(logits batch: Batch) -> Double {
    let (o, y, d, n) = (batch.o, batch.y, batch.d, batch.count)
    var total = 0.0
    let scale = 1 / Float(Swift.max(n, 1))
    for i in 0..<n {
      let z = o[i]
      total += Double(Swift.max(z, 0) - z * y[i] + log1p(exp(-abs(z))))
      d[i] = scale * (Activation.sigmoid(z) - y[i])
    }
    return total / Double(Swift.max(n, 1))
  }

  static func binaryCrossEntropy(probabilities batch: Batch) -> Double {
    let (o, y, d, n) = (batch.o, batch.y, batch.d, batch.count)
    var total = 0.0
    let scale = 1 / Float(Swift.max(n, 1))
    for i in 0..<n {
      let p = Swift.min(Swift.max(o[i], Loss.epsilon), 1 - Loss.epsilon)
      total -= Double(y[i] * log(p) + (1 - y[i]) * log(1 - p))
      let clipped = o[i] < Loss.epsilon || o[i] > 1 - Loss.epsilon
      d[i] = clipped ? 0 : scale * (p - y[i]) / (p * (1 - p))
    }
    return total / Double(Swift.max(n, 1))
  }

  /// log softmax(z) = z − max − log Σ e^(z − max), row by row; the gradient is softmax − y.
  static func categoricalCrossEntropy(logits batch: Batch, width: Int, rows: Int) -> Double {
    let (o, y, d, n) = (batch.o, batch.y, batch.d, batch.count)
    var total = 0.0
    let scale = 1 / Float(rows)
    for base in stride(from: 0, to: n, by: Swift.max(width, 1)) {
      var top = -Float.infinity
      for j in 0..<width { top = Swift.max(top, o[base + j]) }
      var sum: Float = 0
      for j in 0..<width { sum += exp(o[base + j] - top) }
      let logSum = log(sum)
      var targetMass: Float = 0
      for j in 0..<width {
        let logP = o[base + j] - top - logSum
        total -= Double(y[base + j] * logP)
        targetMass += y[base + j]
        d[base + j] = exp(logP)
      }
      for j in 0..<width { d[base + j] = scale * (d[base + j] * targetMass - y[base + j]) }
    }
    return total / Double(rows)
  }

  static func categoricalCrossEntropy(probabilities batch: Batch, rows: Int) -> Double {
    let (o, y, d, n) = (batch.o, batch.y, batch.d, batch.count)
    var total = 0.0
    let scale = 1 / Float(rows)
    for i in 0..<n {
      let p = Swift.min(Swift.max(o[i], Loss.epsilon), 1 - Loss.epsilon)
      total -= Double(y[i] * log(p))
      let clipped = o[i] < Loss.epsilon || o[i] > 1 - Loss.epsilon
      d[i] = clipped ? 0 : -scale * y[i] / p
    }
    return total / Double(rows)
  }
}
