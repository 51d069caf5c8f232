/// A tensor taking part in a computation that may be differentiated.
///
/// A variable made by `Tape.variable(_:)` is a leaf whose gradient can be asked for; operations
/// on variables with a tape record themselves on it. A variable made by `Variable(_:)` has no
/// tape: operations on it only compute values, which is the inference path and costs nothing
/// beyond the arithmetic.
public struct Variable {
  /// The value computed in the forward pass.
  public let value: Tensor
  /// The node on the tape, or −1 for a constant.
  public let node: Int
  /// The tape recording this computation, if any.
  public let tape: Tape?

  init(value: Tensor, node: Int, tape: Tape?) {
    self.value = value
    self.node = node
    self.tape = tape
  }

  /// A constant: no tape, no gradient.
  public init(_ value: Tensor) {
    self.init(value: value, node: -1, tape: nil)
  }

  /// The shape of the value.
  public var shape: [Int] { value.shape }

  /// The tape shared by a set of operands (the first one found).
  static func tape(of operands: Variable...) -> Tape? {
    for operand in operands where operand.tape != nil { return operand.tape }
    return nil
  }
}

extension Tape {
  /// Records the result of an operation and the closure that differentiates it.
  func result(_ value: Tensor, backward: @escaping Backward) -> Variable {
    Variable(value: value, node: record(shape: value.shape, backward: backward), tape: self)
  }
}
