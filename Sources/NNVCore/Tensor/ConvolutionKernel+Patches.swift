/// Moving values between images, patch matrices and filter outputs, one chunk of columns at a
/// time (see `ConvolutionPlan` for columns and patches).
///
/// A chunk's patch matrix has one row per (channel, kernel row, kernel column), C·K·K rows, and
/// one column per output position of the chunk, row-major: the B operand of the forward
/// product `weight [F, C·K·K] · patches`. Each row is written (or read) in runs along output
/// rows; at stride 1 a run is a contiguous copy of an input row, with zeros where the kernel
/// hangs over the padding.
extension ConvolutionKernel {
  /// Fills `patches` (C·K·K rows of `range.count` values) with the input under the kernel at
  /// every column of `range`: "im2col".
  static func fillPatches(
    _ plan: ConvolutionPlan, columns range: Range<Int>, input: UnsafePointer<Float>,
    into patches: UnsafeMutablePointer<Float>
  ) {
    let length = range.count
    let (height, width, k) = (plan.height, plan.width, plan.kernel)
    let stride = plan.columns.stride
    for c in 0..<plan.channels {
      for kh in 0..<k {
        for kw in 0..<k {
          let target = patches + ((c * k + kh) * k + kw) * length
          let inside = plan.columns.validOutputs(offset: kw)
          let shift = kw - plan.columns.padBefore
          plan.forEachRun(in: range) { image, row, outputs, offset in
            // Output o of the run goes to target[o + out]; it reads input[o · stride + from].
            let out = offset - outputs.lowerBound
            let ih = row * plan.rows.stride - plan.rows.padBefore + kh
            guard ih >= 0, ih < height else {
              (target + offset).update(repeating: 0, count: outputs.count)
              return
            }
            let from = ((image * plan.channels + c) * height + ih) * width + shift
            let lower = Swift.min(
              Swift.max(inside.lowerBound, outputs.lowerBound), outputs.upperBound)
            let upper = Swift.max(Swift.min(inside.upperBound, outputs.upperBound), lower)
            for o in outputs.lowerBound..<lower { target[o + out] = 0 }
            if stride == 1 {
              (target + (lower + out)).update(from: input + (lower + from), count: upper - lower)
            } else {
              for o in lower..<upper { target[o + out] = input[o * stride + from] }
            }
            for o in upper..<outputs.upperBound { target[o + out] = 0 }
          }
        }
      }
    }
  }

  /// Adds every value of `patches` (laid out as `fillPatches` writes them) into the input
  /// element it was read from: "col2im", the input gradient of `fillPatches`.
  static func addPatches(
    _ plan: ConvolutionPlan, columns range: Range<Int>, patches: UnsafePointer<Float>,
    into input: UnsafeMutablePointer<Float>
  ) {
    let length = range.count
    let (height, width, k) = (plan.height, plan.width, plan.kernel)
    let stride = plan.columns.stride
    for c in 0..<plan.channels {
      for kh in 0..<k {
        for kw in 0..<k {
          let source = patches + ((c * k + kh) * k + kw) * length
          let inside = plan.columns.validOutputs(offset: kw)
          let shift = kw - plan.columns.padBefore
          plan.forEachRun(in: range) { image, row, outputs, offset in
            let ih = row * plan.rows.stride - plan.rows.padBefore + kh
            guard ih >= 0, ih < height else { return }
            // Output o of the run is read from source[o + out] and added to input[o · stride + to].
            let out = offset - outputs.lowerBound
            let to = ((image * plan.channels + c) * height + ih) * width + shift
            let lower = Swift.max(inside.lowerBound, outputs.lowerBound)
            let upper = Swift.min(inside.upperBound, outputs.upperBound)
            guard lower < upper else { return }
            if stride == 1 {
              addVector(source + (lower + out), into: input + (lower + to), count: upper - lower)
            } else {
              for o in lower..<upper { input[o * stride + to] += source[o + out] }
            }
          }
        }
      }
    }
  }

  /// Writes the filter outputs of a chunk (`product`, F rows of `range.count` values) into the
  /// output tensor `[N, F, positions]`, adding each filter's bias.
  static func scatterOutputs(
    _ plan: ConvolutionPlan, columns range: Range<Int>, product: UnsafePointer<Float>,
    bias: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>
  ) {
    let length = range.count
    plan.forEachImage(in: range) { image, positions, offset in
      for f in 0..<plan.filters {
        let from = product + f * length + offset
        let to = output + (image * plan.filters + f) * plan.positions + positions.lowerBound
        let b = bias[f]
        for j in 0..<positions.count { to[j] = from[j] + b }
      }
    }
  }

  /// Copies the output gradient of a chunk's columns from `[N, F, positions]` into F rows of
  /// `range.count` values, and adds each filter's sum into `biasGradient` if given.
  static func gatherGradients(
    _ plan: ConvolutionPlan, columns range: Range<Int>, gradient: UnsafePointer<Float>,
    into rows: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>?
  ) {
    let length = range.count
    plan.forEachImage(in: range) { image, positions, offset in
      for f in 0..<plan.filters {
        let from = gradient + (image * plan.filters + f) * plan.positions + positions.lowerBound
        let to = rows + f * length + offset
        to.update(from: from, count: positions.count)
        if let biasGradient {
          var sum: Float = 0
          for j in 0..<positions.count { sum += from[j] }
          biasGradient[f] += sum
        }
      }
    }
  }

  /// `target[i] += source[i]` for `count` values, sixteen at a time.
  @inline(__always)
  static func addVector(
    _ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int
  ) {
    var i = 0
    while i + 16 <= count {
      let sum =
        UnsafeRawPointer(source + i).loadUnaligned(as: SIMD16<Float>.self)
        + UnsafeRawPointer(target + i).loadUnaligned(as: SIMD16<Float>.self)
      UnsafeMutableRawPointer(target + i).storeBytes(of: sum, as: SIMD16<Float>.self)
      i += 16
    }
    while i < count {
      target[i] += source[i]
      i += 1
    }
  }
}
