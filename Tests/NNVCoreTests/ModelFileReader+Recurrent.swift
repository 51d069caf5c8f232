import Foundation

/// The recurrent layers of the independent reader, from the formulas of Docs/model-file.md:
/// input weights W `[F, G·H]`, recurrent weights U `[H, G·H]`, gate blocks in the columns
/// (lstm i f g o, gru r z n), one bias (rnn, lstm) or an input and a recurrent bias (gru).
extension ModelFileReader {
  static func recurrent(_ layer: Layer, _ x: Values) throws -> Values {
    guard let units = layer.integer("units") else { throw Problem(description: "units") }
    let (steps, features) = (x.shape[0], x.shape[1])
    let (w, u) = (layer.tensors[0], layer.tensors[1])
    let columns = w.shape[1]
    let biases = layer.tensors.dropFirst(2).map(\.values)
    let zero = [Double](repeating: 0, count: columns)
    let inputBias = biases.first ?? zero
    let recurrentBias = biases.count == 2 ? biases[1] : zero
    var h = [Double](repeating: 0, count: units)
    var c = h
    var out: [Double] = []
    for t in 0..<steps {
      let input = Array(x.values[(t * features)..<((t + 1) * features)])
      // x_t·W + b and h·U (+ c, the gru's recurrent bias), each G·H wide.
      let a = product(input, w, inputBias)
      let r = product(h, u, recurrentBias)
      func block(_ values: [Double], _ g: Int) -> [Double] {
        Array(values[(g * units)..<((g + 1) * units)])
      }
      switch layer.kind {
      case "rnn":
        let relu = layer.word("nonlinearity") == "relu"
        h = zip(a, r).map { relu ? max($0 + $1, 0) : Foundation.tanh($0 + $1) }
      case "lstm":
        let z = zip(a, r).map { $0 + $1 }
        let (i, f, g, o) = (block(z, 0), block(z, 1), block(z, 2), block(z, 3))
        c = (0..<units).map { sigmoid(f[$0]) * c[$0] + sigmoid(i[$0]) * Foundation.tanh(g[$0]) }
        h = (0..<units).map { sigmoid(o[$0]) * Foundation.tanh(c[$0]) }
      default:
        let reset = zip(block(a, 0), block(r, 0)).map { sigmoid($0 + $1) }
        let update = zip(block(a, 1), block(r, 1)).map { sigmoid($0 + $1) }
        let (an, rn) = (block(a, 2), block(r, 2))
        let n = (0..<units).map { Foundation.tanh(an[$0] + reset[$0] * rn[$0]) }
        h = (0..<units).map { (1 - update[$0]) * n[$0] + update[$0] * h[$0] }
      }
      if layer.flag("sequences", default: false) || t == steps - 1 { out += h }
    }
    let sequences = layer.flag("sequences", default: false)
    return Values(shape: sequences ? [steps, units] : [units], values: out)
  }

  /// `v · m + b` for a row `v`.
  static func product(_ v: [Double], _ m: Values, _ b: [Double]) -> [Double] {
    let columns = m.shape[1]
    return (0..<columns).map { j in
      v.indices.reduce(b[j]) { $0 + v[$1] * m.values[$1 * columns + j] }
    }
  }
}
