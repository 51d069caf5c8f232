import Foundation
import NNVCore

// The peers' data sets (peers/common.py), value for value. Every workload's data comes from
// `RandomGenerator.uniformValues(seed:count:)`, which is the peers' `uniform(seed, n)`.

/// W1: 200 points `2u − 1` in [-1, 1)² (seed 11), label `x0·x1 > 0` (float32 product).
func xorData(count n: Int = 200) throws -> Dataset {
  let x = RandomGenerator.uniformValues(seed: 11, count: 2 * n).map { $0 * 2 - 1 }
  let labels = (0..<n).map { x[2 * $0] * x[2 * $0 + 1] > 0 ? 1 : 0 }
  return Dataset(
    name: "xor", features: try Tensor(shape: [n, 2], scalars: x), labels: labels,
    classNames: ["0", "1"])
}

/// W2: the 3-arm spiral, 100 points per class, angle noise `(2u − 1)·0.3` (seed 21).
///
/// As in the peers, everything is computed in double precision (numpy's float64) and only the
/// final coordinates are rounded to single precision.
func spiralData(perClass: Int = 100, classes: Int = 3) throws -> Dataset {
  let noise = RandomGenerator.uniformValues(seed: 21, count: perClass * classes).map {
    (Double($0) * 2 - 1) * 0.3
  }
  var x: [Float] = []
  x.reserveCapacity(perClass * classes * 2)
  var labels: [Int] = []
  for c in 0..<classes {
    for i in 0..<perClass {
      let r = Double(i) / Double(perClass - 1)
      let t = (Double(i) / Double(perClass - 1) + Double(c)) * 4 + noise[c * perClass + i]
      x.append(Float(r * sin(t)))
      x.append(Float(r * cos(t)))
      labels.append(c)
    }
  }
  return Dataset(
    name: "spiral", features: try Tensor(shape: [perClass * classes, 2], scalars: x),
    labels: labels, classNames: (0..<classes).map(String.init))
}

/// W3/W6: 10,000 × 784 pixels `u` (seed 31); label = argmax((x − 0.5)·T) with the teacher
/// T = `2u − 1`, 784 × 10 (seed 32), in double precision.
///
/// The labels are computed row by row, so no double-precision copy of the pixels is made (it
/// would inflate the peak memory measured for W3).
func mnistLikeData(count n: Int = 10_000) throws -> Dataset {
  let (inputs, classes) = (784, 10)
  let x = RandomGenerator.uniformValues(seed: 31, count: n * inputs)
  let teacher = RandomGenerator.uniformValues(seed: 32, count: inputs * classes).map {
    Double($0) * 2 - 1
  }
  var labels = [Int](repeating: 0, count: n)
  x.withUnsafeBufferPointer { x in
    teacher.withUnsafeBufferPointer { t in
      var scores = [Double](repeating: 0, count: classes)
      for row in 0..<n {
        for j in 0..<classes { scores[j] = 0 }
        for k in 0..<inputs {
          let v = Double(x[row * inputs + k]) - 0.5
          for j in 0..<classes { scores[j] += v * t[k * classes + j] }
        }
        var best = 0
        for j in 1..<classes where scores[j] > scores[best] { best = j }  // first maximum
        labels[row] = best
      }
    }
  }
  return Dataset(
    name: "mnist-like", features: try Tensor(shape: [n, inputs], scalars: x), labels: labels,
    classNames: (0..<classes).map(String.init))
}

/// A multilayer perceptron as the peers build it: layer i is `Dense(sizes[i] → sizes[i+1])`
/// with Glorot weights from seed `weightSeed + i` and zero biases; hidden layers use `hidden`,
/// the last one `output` (fused into the loss when training).
func mlp(_ sizes: [Int], hidden: Activation, output: Activation, weightSeed: UInt64) throws
  -> Sequential
{
  var model = try Sequential(name: "bench", inputShape: [sizes[0]])
  for i in 0..<(sizes.count - 1) {
    try model.append(
      Dense(
        inputSize: sizes[i], outputSize: sizes[i + 1],
        activation: i == sizes.count - 2 ? output : hidden, initializer: .glorotUniform,
        seed: weightSeed + UInt64(i), name: "dense_\(i + 1)"))
  }
  return model
}
