/// Element-wise arithmetic on variables, with broadcasting; forward and backward side by side.
extension Variable {
  /// `a + b`, broadcasting. d/da = g summed to a's shape; d/db likewise.
  public static func + (a: Variable, b: Variable) throws -> Variable {
    let value = try a.value + b.value
    guard let tape = tape(of: a, b) else { return Variable(value) }
    return tape.result(value) { g, grads in
      grads.add(g.summed(toShape: a.shape), to: a.node)
      grads.add(g.summed(toShape: b.shape), to: b.node)
    }
  }

  /// `a - b`, broadcasting. d/da = g, d/db = −g (each summed to its operand's shape).
  public static func - (a: Variable, b: Variable) throws -> Variable {
    let value = try a.value - b.value
    guard let tape = tape(of: a, b) else { return Variable(value) }
    return tape.result(value) { g, grads in
      grads.add(g.summed(toShape: a.shape), to: a.node)
      if b.node >= 0 { grads.add((-g).summed(toShape: b.shape), to: b.node) }
    }
  }

  /// `a * b` element-wise, broadcasting. d/da = g·b, d/db = g·a.
  public static func * (a: Variable, b: Variable) throws -> Variable {
    let value = try a.value * b.value
    guard let tape = tape(of: a, b) else { return Variable(value) }
    return tape.result(value) { g, grads in
      // The shapes broadcast (checked above), so these products cannot fail.
      if a.node >= 0, let ga = try? g * b.value {
        grads.add(ga.summed(toShape: a.shape), to: a.node)
      }
      if b.node >= 0, let gb = try? g * a.value {
        grads.add(gb.summed(toShape: b.shape), to: b.node)
      }
    }
  }

  /// `a * s` for a constant scalar `s`. d/da = g·s.
  public static func * (a: Variable, s: Float) -> Variable {
    let value = a.value * s
    guard let tape = a.tape else { return Variable(value) }
    return tape.result(value) { g, grads in grads.add(g * s, to: a.node) }
  }

  /// `−a`.
  public static prefix func - (a: Variable) -> Variable { a * -1 }
}
