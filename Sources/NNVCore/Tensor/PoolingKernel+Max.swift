/// Max pooling of one channel of one image at a time, in vector registers.
extension PoolingKernel {
  /// Max pooling of one channel of one image.
  ///
  /// Output rows go in groups of 16 (or 8) outputs, each group's maxima and their indices
  /// kept in vector registers while the window's offsets are visited in reading order: vector
  /// selects, no branch to mispredict. A group past the end of the row computes lanes that are
  /// not stored; a group whose loads would pass the end of the input, or a stride above 2, runs
  /// one output at a time.
  static func maxPlane(
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
      let lanes =
        SIMD16<Int32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) &* Int32(stride)
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
      UnsafeMutableRawPointer(whole ? best : spill.values).storeBytes(
        of: most, as: SIMD16<Float>.self)
      UnsafeMutableRawPointer(whole ? index : spill.indices).storeBytes(
        of: at, as: SIMD16<Int32>.self)
      if !whole {
        for j in 0..<valid {
          best[j] = spill.values[j]
          index[j] = spill.indices[j]
        }
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
      UnsafeMutableRawPointer(whole ? best : spill.values).storeBytes(
        of: most, as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(whole ? index : spill.indices).storeBytes(
        of: at, as: SIMD8<Int32>.self)
      if !whole {
        for j in 0..<valid {
          best[j] = spill.values[j]
          index[j] = spill.indices[j]
        }
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
}
