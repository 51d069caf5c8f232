import Foundation
import NNVCore

/// The finite-difference check of a step's explanation, and what its agreement means.
extension StepExplanationView {
  func checkLines() -> [String] {
    guard let c = explanation.check else { return [] }
    let f = format
    let h = f.number(c.h, decimals: 8)
    var lines = f.wrap(
      "checking the gradient of \(c.name) (w = \(f.number(c.weight, decimals: 6))):")
    lines.append("  L(w + h) = \(f.number(c.lossPlus, decimals: 7))   with h = \(h)")
    lines.append("  L(w − h) = \(f.number(c.lossMinus, decimals: 7))")
    lines.append(
      "  (L(w + h) − L(w − h)) / 2h = \(f.number(c.numeric, decimals: 6))   finite difference")
    lines.append(
      "  dL/dw                      = \(f.number(Double(c.backprop), decimals: 6))   "
        + "backpropagation")
    let error = c.relativeError
    let digits = error > 0 ? Swift.max(0, Int((-log10(error)).rounded(.down))) : 7
    lines.append("  relative difference \(f.short(error))")
    lines.append("")
    if c.agrees {
      lines += f.wrap(
        "They agree to \(digits) significant digit\(digits == 1 ? "" : "s"). Backpropagation "
          + "applied the chain rule layer by layer, from the loss back to this weight, and got "
          + "the slope the loss really has: nudging the weight by ±h and measuring the loss "
          + "gives the same slope. The small difference is the estimate's, not the chain "
          + "rule's: the losses are single-precision numbers, and the curve bends within ±h.")
    } else {
      lines += f.wrap(
        "They differ by more than rounding explains: a kink lies within ±h of the weight "
          + "(a relu whose input crosses 0, an L1 penalty at 0, a probability clipped near 0 "
          + "or 1), where the slope changes and a difference quotient straddles it.")
    }
    return lines
  }
}
