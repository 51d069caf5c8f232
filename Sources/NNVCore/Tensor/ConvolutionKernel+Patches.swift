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
    guard let images = plan.wholeImages(range) else {
      fillPatchesByRuns(plan, columns: range, input: input, into: patches)
      return
    }
    let (positions, width) = (plan.positions, plan.columns.output)
    let stride = plan.columns.stride
    plan.forEachPatchRow(images: images) { row, rowsInside, columns, shift, channel in
      var to = patches + row * images.count * positions
      for image in images {
        let plane = (image * plan.channels + channel) * plan.height * plan.width + shift
        for r in 0..<plan.rows.output {
          if rowsInside.contains(r) {
            // Output o reads input[o · stride + from].
            let from = plane + r * plan.rows.stride * plan.width
            for o in 0..<columns.lowerBound { to[o] = 0 }
            if stride == 1 {
              copyVector(
                input + (columns.lowerBound + from), into: to + columns.lowerBound,
                count: columns.count)
            } else {
              for o in columns { to[o] = input[o * stride + from] }
            }
            for o in columns.upperBound..<width { to[o] = 0 }
          } else {
            to.update(repeating: 0, count: width)
          }
          to += width
        }
      }
    }
  }

  /// `fillPatches` for a range that starts or ends inside an image: run by run.
  private static func fillPatchesByRuns(
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
              copyVector(input + (lower + from), into: target + (lower + out), count: upper - lower)
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
    guard let images = plan.wholeImages(range) else {
      addPatchesByRuns(plan, columns: range, patches: patches, into: input)
      return
    }
    let (positions, width) = (plan.positions, plan.columns.output)
    let stride = plan.columns.stride
    plan.forEachPatchRow(images: images) { row, rowsInside, columns, shift, channel in
      var from = patches + row * images.count * positions
      for image in images {
        let plane = (image * plan.channels + channel) * plan.height * plan.width + shift
        for r in rowsInside {
          // Output o adds into input[o · stride + to].
          let to = plane + r * plan.rows.stride * plan.width
          let source = from + r * width
          if stride == 1 {
            addVector(
              source + columns.lowerBound, into: input + (columns.lowerBound + to),
              count: columns.count)
          } else {
            for o in columns { input[o * stride + to] += source[o] }
          }
        }
        from += positions
      }
    }
  }

  /// `addPatches` for a range that starts or ends inside an image: run by run.
  private static func addPatchesByRuns(
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
        for j in 0..<positions.count { to[j] = from[j] + b }  // vectorized by the compiler
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
        copyVector(from, into: rows + f * length + offset, count: positions.count)
        if let biasGradient { biasGradient[f] += sum(from, count: positions.count) }
      }
    }
  }

  // Runs are as long as an output row, often shorter than a vector of sixteen, so these step
  // down through vectors of 16, 8 and 4 values before single ones; a library `memcpy` per run
  // costs more than the copy.

  /// `target[i] = source[i]` for `count` values.
  @inline(__always)
  static func copyVector(
    _ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int
  ) {
    var i = 0
    while i + 16 <= count {
      store(load(source + i, as: SIMD16<Float>.self), to: target + i)
      i += 16
    }
    if i + 8 <= count {
      store(load(source + i, as: SIMD8<Float>.self), to: target + i)
      i += 8
    }
    if i + 4 <= count {
      store(load(source + i, as: SIMD4<Float>.self), to: target + i)
      i += 4
    }
    while i < count {
      target[i] = source[i]
      i += 1
    }
  }

  /// `target[i] += source[i]` for `count` values.
  @inline(__always)
  static func addVector(
    _ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int
  ) {
    var i = 0
    while i + 16 <= count {
      let sum = load(source + i, as: SIMD16<Float>.self) + load(target + i, as: SIMD16<Float>.self)
      store(sum, to: target + i)
      i += 16
    }
    if i + 8 <= count {
      store(
        load(source + i, as: SIMD8<Float>.self) + load(target + i, as: SIMD8<Float>.self),
        to: target + i)
      i += 8
    }
    if i + 4 <= count {
      store(
        load(source + i, as: SIMD4<Float>.self) + load(target + i, as: SIMD4<Float>.self),
        to: target + i)
      i += 4
    }
    while i < count {
      target[i] += source[i]
      i += 1
    }
  }

  /// The sum of `count` values, sixteen lanes at a time.
  static func sum(_ values: UnsafePointer<Float>, count: Int) -> Float {
    var lanes = SIMD16<Float>(repeating: 0)
    var i = 0
    while i + 16 <= count {
      lanes += load(values + i, as: SIMD16<Float>.self)
      i += 16
    }
    var result = total(lanes)
    while i < count {
      result += values[i]
      i += 1
    }
    return result
  }

  @inline(__always)
  static func load<V: SIMD>(_ pointer: UnsafePointer<Float>, as type: V.Type) -> V
  where V.Scalar == Float {
    UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
  }

  @inline(__always)
  static func load<V: SIMD>(_ pointer: UnsafeMutablePointer<Float>, as type: V.Type) -> V
  where V.Scalar == Float {
    UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
  }

  @inline(__always)
  static func store<V: SIMD>(_ value: V, to pointer: UnsafeMutablePointer<Float>)
  where V.Scalar == Float {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: V.self)
  }
}
