/// Element-wise arithmetic on variables, with broadcasting; forward and backward side by side.
///
/// Backward closures capture values and node indices, never `Variable`s: a variable holds its
/// tape, and a tape holding a closure that holds the tape would never be freed.
extension Variable {
  /// `a + b`, broadcasting. d/da = g summed to a's shape; d/db likewise.
  public static func + (a: Variable, b: Variable) throws -> Variable {
    let value = try a.value + b.value
    guard let tape = tape(of: a, b) else { return Variable(value) }
    let (aNode, aShape, bNode, bShape) = (a.node, a.shape, b.node, b.shape)
    return tape.result(value) { g, grads in
      grads.add(g.summed(toShape: aShape), to: aNode)
      grads.add(g.summed(toShape: bShape), to: bNode)
    }
  }

  /// `a - b`, broadcasting. d/da = g, d/db = −g (each summed to its operand's shape).
  public static func - (a: Variable, b: Variable) throws -> Variable {
    let value = try a.value - b.value
    guard let tape = tape(of: a, b) else { return Variable(value) }
    let (aNode, aShape, bNode, bShape) = (a.node, a.shape, b.node, b.shape)
    return tape.result(value) { g, grads in
      grads.add(g.summed(toShape: aShape), to: aNode)
      if bNode >= 0 { grads.add((-g).summed(toShape: bShape), to: bNode) }
    }
  }

  /// `a * b` element-wise, broadcasting. d/da = g·b, d/db = g·a.
  public static func * (a: Variable, b: Variable) throws -> Variable {
    let value = try a.value * b.value
    guard let tape = tape(of: a, b) else { return Variable(value) }
    let (aNode, aValue, bNode, bValue) = (a.node, a.value, b.node, b.value)
    return tape.result(value) { g, grads in
      // The shapes broadcast (checked above), so these products cannot fail.
      if aNode >= 0, let ga = try? g * bValue {
        grads.add(ga.summed(toShape: aValue.shape), to: aNode)
      }
      if bNode >= 0, let gb = try? g * aValue {
        grads.add(gb.summed(toShape: bValue.shape), to: bNode)
      }
    }
  }

  /// `a * s` for a constant scalar `s`. d/da = g·s.
  public static func * (a: Variable, s: Float) -> Variable {
    let value = a.value * s
    guard let tape = a.tape else { return Variable(value) }
    let node = a.node
    return tape.result(value) { g, grads in grads.add(g * s, to: node) }
  }

  /// `−a`.
  public static prefix func - (a: Variable) -> Variable { a * -1 }
}
