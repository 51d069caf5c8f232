import NNVCore

/// Direct, loop-by-loop convolutions and pooling in double precision: the definitions the fast
/// kernels are checked against. Written from the formulas, independently of the core's window
/// arithmetic (including the PyTorch/TensorFlow split of `same` padding).
enum ConvolutionReference {
  /// Output size and padding before the first element along one axis.
  static func axis(input: Int, kernel: Int, stride: Int, same: Bool) -> (output: Int, pad: Int) {
    guard same else { return ((input - kernel) / stride + 1, 0) }
    let output = (input + stride - 1) / stride
    let total = max((output - 1) * stride + kernel - input, 0)
    return (output, total / 2)
  }

  /// The input value at (n, c, row, column), zero outside the image.
  static func value(_ x: Tensor, _ n: Int, _ c: Int, _ row: Int, _ column: Int) -> Double {
    let (channels, height, width) = (x.shape[1], x.shape[2], x.shape[3])
    guard row >= 0, row < height, column >= 0, column < width else { return 0 }
    return Double(x.scalars[((n * channels + c) * height + row) * width + column])
  }

  /// `out[n, f, i, j] = b[f] + Σ w[f, c, u, v] · x[n, c, i·S + u − pad, j·S + v − pad]`.
  static func convolve(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, same: Bool) -> Tensor {
    let (batch, channels) = (x.shape[0], x.shape[1])
    let (filters, k) = (w.shape[0], w.shape[2])
    let rows = axis(input: x.shape[2], kernel: k, stride: stride, same: same)
    let columns = axis(input: x.shape[3], kernel: k, stride: stride, same: same)
    var out = Tensor.zeros([batch, filters, rows.output, columns.output])
    for n in 0..<batch {
      for f in 0..<filters {
        for i in 0..<rows.output {
          for j in 0..<columns.output {
            var sum = Double(b.scalars[f])
            for c in 0..<channels {
              for u in 0..<k {
                for v in 0..<k {
                  let weight = Double(w.scalars[((f * channels + c) * k + u) * k + v])
                  sum +=
                    weight
                    * value(x, n, c, i * stride + u - rows.pad, j * stride + v - columns.pad)
                }
              }
            }
            out.scalars[((n * filters + f) * rows.output + i) * columns.output + j] = Float(sum)
          }
        }
      }
    }
    return out
  }

  /// The gradients of `Σ g · convolve(x, w, b)` with respect to x, w and b.
  static func convolutionGradients(
    _ x: Tensor, _ w: Tensor, gradient g: Tensor, stride: Int, same: Bool
  ) -> (x: Tensor, w: Tensor, b: Tensor) {
    let (batch, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (filters, k) = (w.shape[0], w.shape[2])
    let rows = axis(input: height, kernel: k, stride: stride, same: same)
    let columns = axis(input: width, kernel: k, stride: stride, same: same)
    var dx = [Double](repeating: 0, count: x.count)
    var dw = [Double](repeating: 0, count: w.count)
    var db = [Double](repeating: 0, count: filters)
    for n in 0..<batch {
      for f in 0..<filters {
        for i in 0..<rows.output {
          for j in 0..<columns.output {
            let gradient = Double(
              g.scalars[((n * filters + f) * rows.output + i) * columns.output + j])
            db[f] += gradient
            for c in 0..<channels {
              for u in 0..<k {
                for v in 0..<k {
                  let (r, s) = (i * stride + u - rows.pad, j * stride + v - columns.pad)
                  guard r >= 0, r < height, s >= 0, s < width else { continue }
                  let xi = ((n * channels + c) * height + r) * width + s
                  let wi = ((f * channels + c) * k + u) * k + v
                  dx[xi] += gradient * Double(w.scalars[wi])
                  dw[wi] += gradient * Double(x.scalars[xi])
                }
              }
            }
          }
        }
      }
    }
    func tensor(_ values: [Double], _ shape: [Int]) -> Tensor {
      (try? Tensor(shape: shape, scalars: values.map { Float($0) })) ?? Tensor.zeros(shape)
    }
    return (tensor(dx, x.shape), tensor(dw, w.shape), tensor(db, [filters]))
  }

  /// Max (or average) pooling with a K×K window every S, no padding, floor at the edges.
  static func pool(_ x: Tensor, size k: Int, stride: Int, max useMax: Bool) -> Tensor {
    let (batch, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let rows = (height - k) / stride + 1
    let columns = (width - k) / stride + 1
    var out = Tensor.zeros([batch, channels, rows, columns])
    for n in 0..<batch {
      for c in 0..<channels {
        for i in 0..<rows {
          for j in 0..<columns {
            var values: [Double] = []
            for u in 0..<k {
              for v in 0..<k { values.append(value(x, n, c, i * stride + u, j * stride + v)) }
            }
            let result =
              useMax ? (values.max() ?? 0) : values.reduce(0, +) / Double(values.count)
            out.scalars[((n * channels + c) * rows + i) * columns + j] = Float(result)
          }
        }
      }
    }
    return out
  }

  /// The largest absolute difference between two tensors of one shape (infinite otherwise).
  static func maxDifference(_ a: Tensor, _ b: Tensor) -> Float {
    guard a.shape == b.shape else { return .infinity }
    return zip(a.scalars, b.scalars).reduce(0) { max($0, abs($1.0 - $1.1)) }
  }
}
