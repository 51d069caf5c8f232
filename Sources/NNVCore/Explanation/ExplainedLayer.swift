import Foundation

/// One layer of a forward pass through one sample: what came in, what the layer computed before
/// its activation (z) and after it (a), and, for a dense layer on a flat input, its weights, so
/// that every neuron's `z = w·x + b` can be written out with the numbers.
public struct ExplainedLayer: Sendable {
  /// The layer's number from 1 among the layers with parameters (`LayerNumbering`), or nil for
  /// a layer without parameters (flatten, pooling, dropout, an activation).
  public var number: Int?
  /// The layer's name (`dense_1`) and how it is written in a model block (`dense 3 tanh`).
  public var name: String
  public var written: String
  /// The layer's kind (`dense`, `conv`, `maxpool`).
  public var kind: String
  /// The activation applied after the layer.
  public var activation: Activation
  /// What the layer does, in words, for a layer without neuron equations: its kind's role
  /// (`LayerPresentation.role`), followed by `, then relu` when an activation follows.
  public var role: String
  /// The shapes of one sample going in and coming out.
  public var inputShape: [Int]
  public var outputShape: [Int]
  /// The sample's values going in, flat (row-major).
  public var input: [Float]
  /// The layer's output before its activation, z, flat.
  public var preActivation: [Float]
  /// The layer's output after its activation, a, flat.
  public var output: [Float]
  /// The weights `[inputs, units]` and biases `[units]` of a dense layer on a flat input; nil
  /// for every other layer (a conv or recurrent layer, or a dense layer at every step).
  public var neurons: LayerWeights?
  /// For a softmax layer, Σ e^z over its units, computed in double precision (infinite when
  /// a z is above about 709); nil for other activations.
  public var softmaxSum: Double?

  public init(
    number: Int?, name: String, written: String, kind: String, activation: Activation,
    inputShape: [Int], outputShape: [Int], input: [Float], preActivation: [Float],
    output: [Float], neurons: LayerWeights? = nil, role: String = ""
  ) {
    self.number = number
    self.name = name
    self.written = written
    self.kind = kind
    self.activation = activation
    self.inputShape = inputShape
    self.outputShape = outputShape
    self.input = input
    self.preActivation = preActivation
    self.output = output
    self.neurons = neurons
    self.role = role
    softmaxSum =
      activation == .softmax ? preActivation.reduce(0.0) { $0 + exp(Double($1)) } : nil
  }

  /// The number of values the layer gives for the sample.
  public var width: Int { output.count }

  /// Each term w_i·x_i of unit `unit`'s weighted sum (the bias not included), in the order of
  /// its inputs, computed in double precision; empty for a layer without `neurons` or a unit
  /// out of range.
  public func terms(ofUnit unit: Int) -> [Double] {
    guard let neurons, unit >= 0, unit < neurons.outputs else { return [] }
    let w = neurons.weight.scalars
    return (0..<neurons.inputs).map { i in
      i < input.count ? Double(w[i * neurons.outputs + unit]) * Double(input[i]) : 0
    }
  }

  /// The inputs (from 0) whose terms w_i·x_i move unit `unit`'s sum the most, largest |term|
  /// first (the first input of equal ones first), at most `count`.
  public func largestTerms(ofUnit unit: Int, count: Int) -> [Int] {
    let size = terms(ofUnit: unit).map { $0.isNaN ? -1 : abs($0) }
    return Array(
      size.indices.sorted { size[$0] > size[$1] || (size[$0] == size[$1] && $0 < $1) }
        .prefix(Swift.max(0, count)))
  }

  /// The units (from 0) with the largest outputs a, largest first (the first of equal ones
  /// first; NaN last), at most `count`.
  public func strongestUnits(count: Int) -> [Int] {
    let a = output
    func key(_ i: Int) -> Float { a[i].isNaN ? -.infinity : a[i] }
    return Array(
      a.indices.sorted { key($0) > key($1) || (key($0) == key($1) && $0 < $1) }
        .prefix(Swift.max(0, count)))
  }

  /// The smallest and largest value of `values` that are not NaN; nil when there is none.
  public static func range(_ values: [Float]) -> ClosedRange<Float>? {
    var low = Float.infinity
    var high = -Float.infinity
    for v in values where !v.isNaN {
      low = Swift.min(low, v)
      high = Swift.max(high, v)
    }
    return low <= high ? low...high : nil
  }

  /// How many of the outputs are exactly 0 (a relu unit that is off for this sample).
  public var zeroCount: Int { output.filter { $0 == 0 }.count }
}
