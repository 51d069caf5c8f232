/// Vectorized transcendental functions for activations.
///
/// Written by hand because glibc's scalar `tanhf` costs about 100 instructions an element and
/// dominated the training time of small tanh networks (a quarter of the XOR benchmark). This
/// evaluates sixteen lanes at once with SIMD16<Float>. Clamps are written as `replacing(with:
/// where:)`, one blend each: the standard library's `pointwiseMin` and `pointwiseMax` are
/// generic, and where they are not inlined they run lane by lane.
enum VectorMath {
  /// tanh, by the rational approximation x·P(x²)/Q(x²) of degree 13/6 that Eigen uses for
  /// single precision (`generic_fast_tanh_float`): within a few ulp on the whole line. Inputs
  /// are clamped to ±7.905, where tanh is 1 to single precision; tiny inputs return x.
  static func tanh(
    _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>
  ) {
    let count = input.count
    guard let x = input.baseAddress, let y = output.baseAddress else { return }
    var i = 0
    while i + 16 <= count {
      let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
      UnsafeMutableRawPointer(y + i).storeBytes(of: tanh16(v), as: SIMD16<Float>.self)
      i += 16
    }
    if i < count {
      var v = SIMD16<Float>(repeating: 0)
      for j in 0..<(count - i) { v[j] = x[i + j] }
      let r = tanh16(v)
      for j in 0..<(count - i) { y[i + j] = r[j] }
    }
  }

  /// The logistic function, accurate in relative terms over the whole Float range (as PyTorch's
  /// is): with e = exp(−|x|), 1/(1 + e) for x ≥ 0 and e/(1 + e) below, so the tiny outputs far
  /// left (1e-30 at x = −69) keep their digits instead of being 1 − (1 − ε). Written as
  /// 0.5 + 0.5·tanh(x/2) it would be exactly 0 below x ≈ −16 and 1% off at −12.
  static func sigmoid(
    _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>
  ) {
    let count = input.count
    guard let x = input.baseAddress, let y = output.baseAddress else { return }
    var i = 0
    while i + 16 <= count {
      let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
      UnsafeMutableRawPointer(y + i).storeBytes(of: sigmoid16(v), as: SIMD16<Float>.self)
      i += 16
    }
    if i < count {
      var v = SIMD16<Float>(repeating: 0)
      for j in 0..<(count - i) { v[j] = x[i + j] }
      let r = sigmoid16(v)
      for j in 0..<(count - i) { y[i + j] = r[j] }
    }
  }

  @inline(__always)
  static func sigmoid16(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let e = exp16(-abs16(x))
    let s = 1 / (1 + e)
    return s.replacing(with: e * s, where: x .< 0)
  }

  @inline(__always)
  static func abs16(_ x: SIMD16<Float>) -> SIMD16<Float> {
    x.replacing(with: -x, where: x .< 0)
  }

  /// exp(x) for x ≤ 0 down to the smallest subnormal, by Cephes' `expf` scheme: x = n·ln 2 + r
  /// with |r| ≤ ln 2 / 2, a degree-7 polynomial for e^r (about 1 ulp), then 2^n applied as two
  /// factors so that results in the subnormal range are still formed. NaN stays NaN.
  ///
  /// n is rounded, and turned into an integer, by adding 1.5·2^23: the sum's last bits are n
  /// rounded to nearest even, in every lane at once (the standard library's conversion of a
  /// SIMD vector to integers goes lane by lane).
  @inline(__always)
  static func exp16(_ a: SIMD16<Float>) -> SIMD16<Float> {
    let x = a.replacing(with: -104, where: a .< -104)
    let magic = SIMD16<Float>(repeating: 12_582_912)  // 1.5·2^23, bits 0x4B40_0000
    let shifted = x * 1.442_695_040_888_963_4 + magic
    let n = shifted - magic
    var r = x - n * 0.693_359_375
    r = r + n * 2.121_944_400_546_905_8e-4
    var p = SIMD16<Float>(repeating: 1.987_569_150_0e-4)
    p = p * r + 1.398_199_950_7e-3
    p = p * r + 8.333_451_907_3e-3
    p = p * r + 4.166_579_589_4e-2
    p = p * r + 1.666_666_545_9e-1
    p = p * r + 5.000_000_120_1e-1
    p = p * r * r + r + 1
    let k = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- 0x4B40_0000
    let half = k &>> 1
    let scale1 = unsafeBitCast((half &+ 127) &<< 23, to: SIMD16<Float>.self)
    let scale2 = unsafeBitCast((k &- half &+ 127) &<< 23, to: SIMD16<Float>.self)
    return (p * scale1 * scale2).replacing(with: a, where: a .!= a)
  }

  @inline(__always)
  static func tanh16(_ a: SIMD16<Float>) -> SIMD16<Float> {
    let clamp = SIMD16<Float>(repeating: 7.905_311_107_635_498_05)
    let high = a.replacing(with: clamp, where: a .> clamp)
    let x = high.replacing(with: -clamp, where: high .< -clamp)
    let x2 = x * x
    var p = SIMD16<Float>(repeating: -2.760_768_477_423_55e-16)
    p = p * x2 + 2.000_187_904_824_77e-13
    p = p * x2 - 8.604_671_522_137_35e-11
    p = p * x2 + 5.122_297_090_371_14e-08
    p = p * x2 + 1.485_722_357_179_79e-05
    p = p * x2 + 6.372_619_288_754_36e-04
    p = p * x2 + 4.893_524_558_917_86e-03
    p = p * x
    var q = SIMD16<Float>(repeating: 1.198_258_394_667_02e-06)
    q = q * x2 + 1.185_347_056_866_54e-04
    q = q * x2 + 2.268_434_632_439_00e-03
    q = q * x2 + 4.893_525_185_543_85e-03
    let tiny = (a .< 0.0004) .& (a .> -0.0004)
    return (p / q).replacing(with: a, where: tiny)
  }
}
