/// The record of a forward pass that reverse-mode differentiation plays backwards.
///
/// Every differentiable operation on `Variable`s that carry a tape appends one node: the shape of
/// its result and a closure that turns the gradient of the result into gradients of its inputs.
/// `gradients(of:)` walks the nodes in reverse order of creation — a valid reverse topological
/// order, because a node can only use nodes created before it — and *adds* each input gradient
/// into that input's slot, so a value used twice receives the sum of both contributions.
///
/// A tape is used for one forward and one backward pass and then discarded. Variables without a
/// tape (inference) record nothing: their operations only compute values.
///
/// A backward pass can be long (a convolution over a large batch): `cancellableGradients(of:)`
/// polls `Cancellation` between nodes, and the long nodes poll inside their work, so a Ctrl-C
/// stops it within milliseconds with `CancellationError`. Nothing outside the tape changes
/// then: the caller gets no gradients, so training updates no parameter.
public final class Tape {
  /// Turns the gradient of a node's result into gradients of its inputs; it may throw
  /// `CancellationError` when the running work is cancelled.
  public typealias Backward = (_ gradient: Tensor, _ into: inout GradientAccumulator) throws
    -> Void

  @usableFromInline var shapes: [[Int]] = []
  @usableFromInline var backwards: [Backward?] = []

  public init() {}

  /// The number of nodes recorded so far.
  public var nodeCount: Int { shapes.count }

  /// Adds a leaf: a value whose gradient is wanted (a parameter, or an input for saliency).
  public func variable(_ value: Tensor) -> Variable {
    Variable(value: value, node: record(shape: value.shape, backward: nil), tape: self)
  }

  /// Appends a node and returns its index.
  @usableFromInline
  func record(shape: [Int], backward: Backward?) -> Int {
    shapes.append(shape)
    backwards.append(backward)
    return shapes.count - 1
  }

  /// Runs the backward pass from `output`, to the end, whatever the running work's
  /// `Cancellation` token says.
  ///
  /// - Parameters:
  ///   - output: the value being differentiated, usually a scalar loss.
  ///   - seed: d(objective)/d(output); ones of the output's shape when omitted (so a scalar
  ///     loss gets 1, and a vector output gets the gradient of its sum).
  /// - Returns: the gradient of every node that the output depends on.
  public func gradients(of output: Variable, seed: Tensor? = nil) -> Gradients {
    // With no token bound nothing polls true, so nothing throws.
    Cancellation.$token.withValue(nil) {
      (try? cancellableGradients(of: output, seed: seed)) ?? Gradients(slots: [])
    }
  }

  /// Runs the backward pass from `output` as `gradients(of:seed:)` does, polling the running
  /// work's `Cancellation` token before every node (and inside long nodes).
  ///
  /// - Throws: `CancellationError` when the work is cancelled; no gradient is returned then.
  public func cancellableGradients(of output: Variable, seed: Tensor? = nil) throws -> Gradients {
    var accumulator = GradientAccumulator(count: shapes.count)
    guard output.tape === self, output.node >= 0 else { return Gradients(slots: []) }
    accumulator.add(seed ?? Tensor(repeating: 1, shape: output.value.shape), to: output.node)
    for node in stride(from: output.node, through: 0, by: -1) {
      guard let backward = backwards[node], let gradient = accumulator.slots[node] else {
        continue
      }
      try Cancellation.check()
      try backward(gradient, &accumulator)
    }
    return Gradients(slots: accumulator.slots)
  }
}

/// Gradient slots filled during a backward pass; `add` sums contributions.
public struct GradientAccumulator {
  @usableFromInline var slots: [Tensor?]

  init(count: Int) { slots = [Tensor?](repeating: nil, count: count) }

  /// Adds `gradient` into the slot of `node` (creating it on first use).
  @inlinable
  public mutating func add(_ gradient: Tensor, to node: Int) {
    guard node >= 0 else { return }
    if slots[node] == nil {
      slots[node] = gradient
    } else {
      slots[node]?.add(gradient)
    }
  }
}

/// The result of a backward pass: one gradient per node that the output depended on.
public struct Gradients {
  let slots: [Tensor?]

  /// The gradient with respect to `variable`: zeros when the output did not depend on it.
  public subscript(_ variable: Variable) -> Tensor {
    if variable.node >= 0, variable.node < slots.count, let gradient = slots[variable.node] {
      return gradient
    }
    return Tensor.zeros(variable.value.shape)
  }
}
