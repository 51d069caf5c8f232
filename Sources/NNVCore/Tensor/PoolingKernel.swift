/// Max and average pooling over batches `[N, C, H, W]`: a K×K window moved by S, no padding,
/// windows that would cross the bottom or right edge left out (the output size is
/// `(H − K) / S + 1`, rounded down).
///
/// Written as plain loops over each channel of each image: pooling reads every input value
/// about once and does no arithmetic worth a matrix product.
enum PoolingKernel {
  /// The sizes of one pooling over a batch, checked.
  struct Plan: Sendable {
    let batch: Int
    let channels: Int
    let height: Int
    let width: Int
    let rows: WindowAxis
    let columns: WindowAxis

    /// - Throws: `TensorError` for an input that is not `[N, C, H, W]`, a size or stride below
    ///   1 or a window larger than the image.
    init(input: [Int], kernel: Int, stride: Int) throws {
      guard input.count == 4, input[0] >= 0, input.dropFirst().allSatisfy({ $0 >= 1 }) else {
        throw TensorError.shapeMismatch(
          "pooling takes images [n, channels, height, width], not \(Tensor.describe(input))")
      }
      guard kernel >= 1, stride >= 1 else {
        throw TensorError.invalidShape(
          "a pooling window and its stride are at least 1, not \(kernel) and \(stride)")
      }
      guard let rows = WindowAxis(input: input[2], kernel: kernel, stride: stride, padding: .valid),
        let columns = WindowAxis(input: input[3], kernel: kernel, stride: stride, padding: .valid)
      else {
        throw TensorError.invalidShape(
          "a \(kernel)×\(kernel) pooling window does not fit images of \(input[2])×\(input[3])")
      }
      // Max pooling records each output's source as an Int32 index into the input.
      guard let count = Shape.checkedProduct(input), count <= Int(Int32.max) else {
        throw TensorError.invalidShape("pooling takes at most \(Int32.max) input values")
      }
      (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
      (self.rows, self.columns) = (rows, columns)
    }

    var outputShape: [Int] { [batch, channels, rows.output, columns.output] }
    var planes: Int { batch * channels }
    var kernel: Int { rows.kernel }
    var stride: Int { rows.stride }
  }

  /// The maximum of every window, and the index of the input value it came from.
  ///
  /// Ties go to the first value in reading order, and a NaN in a window wins (as in PyTorch),
  /// so a network whose values have become NaN says so.
  static func maxForward(_ plan: Plan, input: Tensor) throws -> (Tensor, [Int32]) {
    let planeOutputs = plan.rows.output * plan.columns.output
    var output = [Float](unsafeCount: plan.planes * planeOutputs)
    var sources = [Int32](unsafeCount: output.count)
    try input.scalars.withUnsafeBufferPointer { x in
      try output.withUnsafeMutableBufferPointer { out in
        try sources.withUnsafeMutableBufferPointer { from in
          guard let x = x.baseAddress, let out = out.baseAddress, let from = from.baseAddress
          else { return }
          var poller = Cancellation.Poller()
          let values = UnsafeMutablePointer<Float>.allocate(capacity: 16)
          let indices = UnsafeMutablePointer<Int32>.allocate(capacity: 16)
          defer {
            values.deallocate()
            indices.deallocate()
          }
          for plane in 0..<plan.planes {
            try poller.advance(by: plan.height * plan.width)
            maxPlane(
              plan, input: x, plane: plane, into: out + plane * planeOutputs,
              sources: from + plane * planeOutputs,
              spill: Windows.Spill(values: values, indices: indices))
          }
        }
      }
    }
    return (Tensor(uncheckedShape: plan.outputShape, scalars: output), sources)
  }

  /// Max pooling of one channel of one image.
  ///
  /// Output rows go in groups of 16 (or 8) outputs, each group's maxima and their indices
  /// kept in vector registers while the window's offsets are visited in reading order: vector
  /// selects, no branch to mispredict. A group past the end of the row computes lanes that are
  /// not stored; a group whose loads would pass the end of the input, or a stride above 2, runs
  /// one output at a time.
  private static func maxPlane(
    _ plan: Plan, input x: UnsafePointer<Float>, plane: Int, into out: UnsafeMutablePointer<Float>,
    sources from: UnsafeMutablePointer<Int32>, spill: Windows.Spill
  ) {
    let (s, w) = (plan.stride, plan.width)
    let (oh, ow) = (plan.rows.output, plan.columns.output)
    let windows = Windows(
      input: x, count: plan.planes * plan.height * w, width: w, kernel: plan.kernel, stride: s,
      outputs: ow)
    let group = ow > 8 ? 16 : 8
    for r in 0..<oh {
      let top = plane * plan.height * w + r * s * w  // input index of output (r, 0)'s corner
      for c in stride(from: 0, to: ow, by: group) {
        let (best, index) = (out + r * ow + c, from + r * ow + c)
        let done =
          group == 16
          ? windows.group16(top: top, first: c, best, index, spill: spill)
          : windows.group8(top: top, first: c, best, index, spill: spill)
        if !done {
          for j in 0..<Swift.min(group, ow - c) {
            windows.scalar(corner: top + (c + j) * s, best + j, index + j)
          }
        }
      }
    }
  }

  /// The windows of one channel of one image, read for max pooling.
  struct Windows {
    let input: UnsafePointer<Float>
    /// Values in the input: loads stay below it.
    let count: Int
    let width: Int
    let kernel: Int
    let stride: Int
    /// Outputs in a row.
    let outputs: Int

    /// Room for one group's results when only part of the group is stored.
    struct Spill {
      let values: UnsafeMutablePointer<Float>
      let indices: UnsafeMutablePointer<Int32>
    }

    /// The maxima of the windows of outputs `first ..< first + 16` of the row whose first
    /// window's corner is `top`, with their indices; false (and nothing written) when the
    /// stride is above 2 or a load would pass the end of the input.
    @inline(__always)
    func group16(
      top: Int, first: Int, _ best: UnsafeMutablePointer<Float>,
      _ index: UnsafeMutablePointer<Int32>, spill: Spill
    ) -> Bool {
      let corner = top + first * stride
      guard stride <= 2, corner + (kernel - 1) * (width + 1) + 16 * stride <= count else {
        return false
      }
      let lanes = SIMD16<Int32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) &* Int32(stride)
      var most = SIMD16<Float>()
      var at = SIMD16<Int32>()
      for kh in 0..<kernel {
        for kw in 0..<kernel {
          let i = corner + kh * width + kw
          let v =
            stride == 1
            ? UnsafeRawPointer(input + i).loadUnaligned(as: SIMD16<Float>.self)
            : UnsafeRawPointer(input + i).loadUnaligned(as: SIMD32<Float>.self).evenHalf
          let candidates = SIMD16<Int32>(repeating: Int32(truncatingIfNeeded: i)) &+ lanes
          if kh == 0 && kw == 0 {
            (most, at) = (v, candidates)
          } else {
            // v > most, or v is NaN (v != v).
            let take = (v .> most) .| (v .!= v)
            most.replace(with: v, where: take)
            at.replace(with: candidates, where: take)
          }
        }
      }
      let valid = Swift.min(16, outputs - first)
      let whole = valid == 16
      UnsafeMutableRawPointer(whole ? best : spill.values).storeBytes(of: most, as: SIMD16<Float>.self)
      UnsafeMutableRawPointer(whole ? index : spill.indices).storeBytes(of: at, as: SIMD16<Int32>.self)
      if !whole {
        best.update(from: spill.values, count: valid)
        index.update(from: spill.indices, count: valid)
      }
      return true
    }

    /// The maxima of the windows of outputs `first ..< first + 8` of the row whose first
    /// window's corner is `top`, with their indices; false (and nothing written) when the
    /// stride is above 2 or a load would pass the end of the input.
    @inline(__always)
    func group8(
      top: Int, first: Int, _ best: UnsafeMutablePointer<Float>,
      _ index: UnsafeMutablePointer<Int32>, spill: Spill
    ) -> Bool {
      let corner = top + first * stride
      guard stride <= 2, corner + (kernel - 1) * (width + 1) + 8 * stride <= count else {
        return false
      }
      let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7) &* Int32(stride)
      var most = SIMD8<Float>()
      var at = SIMD8<Int32>()
      for kh in 0..<kernel {
        for kw in 0..<kernel {
          let i = corner + kh * width + kw
          let v =
            stride == 1
            ? UnsafeRawPointer(input + i).loadUnaligned(as: SIMD8<Float>.self)
            : UnsafeRawPointer(input + i).loadUnaligned(as: SIMD16<Float>.self).evenHalf
          let candidates = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: i)) &+ lanes
          if kh == 0 && kw == 0 {
            (most, at) = (v, candidates)
          } else {
            // v > most, or v is NaN (v != v).
            let take = (v .> most) .| (v .!= v)
            most.replace(with: v, where: take)
            at.replace(with: candidates, where: take)
          }
        }
      }
      let valid = Swift.min(8, outputs - first)
      let whole = valid == 8
      UnsafeMutableRawPointer(whole ? best : spill.values).storeBytes(of: most, as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(whole ? index : spill.indices).storeBytes(of: at, as: SIMD8<Int32>.self)
      if !whole {
        best.update(from: spill.values, count: valid)
        index.update(from: spill.indices, count: valid)
      }
      return true
    }

    /// The maximum of the window with corner `corner`, and its index.
    @inline(__always)
    func scalar(
      corner: Int, _ best: UnsafeMutablePointer<Float>, _ index: UnsafeMutablePointer<Int32>
    ) {
      var most = input[corner]
      var at = corner
      for kh in 0..<kernel {
        for kw in 0..<kernel {
          let i = corner &+ kh &* width &+ kw
          let v = input[i]
          // v > most, or v is NaN, without a branch: random data mispredicts it.
          let take = (v > most) != (v != v)
          most = take ? v : most
          at = take ? i : at
        }
      }
      best.pointee = most
      index.pointee = Int32(truncatingIfNeeded: at)
    }
  }

  /// The input gradient of max pooling: each output's gradient goes to the value it came from.
  static func maxBackward(_ plan: Plan, gradient: Tensor, sources: [Int32], inputShape: [Int])
    -> Tensor
  {
    var result = Tensor.zeros(inputShape)
    result.scalars.withUnsafeMutableBufferPointer { dx in
      gradient.scalars.withUnsafeBufferPointer { g in
        for (o, source) in sources.enumerated() { dx[Int(source)] += g[o] }
      }
    }
    return result
  }

  /// The mean of every window.
  static func averageForward(_ plan: Plan, input: Tensor) throws -> Tensor {
    let (k, s, w) = (plan.kernel, plan.stride, plan.width)
    let (oh, ow) = (plan.rows.output, plan.columns.output)
    let scale = 1 / Float(k * k)
    var output = [Float](unsafeCount: plan.planes * oh * ow)
    try input.scalars.withUnsafeBufferPointer { x in
      try output.withUnsafeMutableBufferPointer { out in
        var poller = Cancellation.Poller()
        for plane in 0..<plan.planes {
          try poller.advance(by: plan.height * w)
          for r in 0..<oh {
            for c in 0..<ow {
              let corner = plane * plan.height * w + r * s * w + c * s
              var sum: Float = 0
              for kh in 0..<k {
                for kw in 0..<k { sum += x[corner + kh * w + kw] }
              }
              out[(plane * oh + r) * ow + c] = sum * scale
            }
          }
        }
      }
    }
    return Tensor(uncheckedShape: plan.outputShape, scalars: output)
  }

  /// The input gradient of average pooling: each output's gradient, divided by K², to every
  /// value of its window.
  static func averageBackward(_ plan: Plan, gradient: Tensor, inputShape: [Int]) -> Tensor {
    let (k, s, w) = (plan.kernel, plan.stride, plan.width)
    let (oh, ow) = (plan.rows.output, plan.columns.output)
    let scale = 1 / Float(k * k)
    var result = Tensor.zeros(inputShape)
    result.scalars.withUnsafeMutableBufferPointer { dx in
      gradient.scalars.withUnsafeBufferPointer { g in
        for plane in 0..<plan.planes {
          for r in 0..<oh {
            for c in 0..<ow {
              let corner = plane * plan.height * w + r * s * w + c * s
              let share = g[(plane * oh + r) * ow + c] * scale
              for kh in 0..<k {
                for kw in 0..<k { dx[corner + kh * w + kw] += share }
              }
            }
          }
        }
      }
    }
    return result
  }
}
