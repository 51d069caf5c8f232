/// Vectorized transcendental functions for activations.
///
/// Written by hand because glibc's scalar `tanhf` costs about 100 instructions an element and
/// dominated the training time of small tanh networks (a quarter of the XOR benchmark). This
/// evaluates sixteen lanes at once with SIMD16<Float>.
enum VectorMath {
  /// tanh, by the rational approximation x·P(x²)/Q(x²) of degree 13/6 that Eigen uses for
  /// single precision (`generic_fast_tanh_float`): within a few ulp on the whole line. Inputs
  /// are clamped to ±7.905, where tanh is 1 to single precision; tiny inputs return x.
  static func tanh(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
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

  /// The logistic function as 0.5 + 0.5·tanh(x/2): exact identity, same accuracy as `tanh`.
  static func sigmoid(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
    tanh(input, into: output, scale: 0.5, offset: 0.5)
  }

  /// `offset + scale · tanh(scale · x)` per element (scale 0.5 and offset 0.5 give the sigmoid).
  private static func tanh(
    _ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>,
    scale: Float, offset: Float
  ) {
    let count = input.count
    guard let x = input.baseAddress, let y = output.baseAddress else { return }
    var i = 0
    while i + 16 <= count {
      let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
      let r = offset + scale * tanh16(scale * v)
      UnsafeMutableRawPointer(y + i).storeBytes(of: r, as: SIMD16<Float>.self)
      i += 16
    }
    if i < count {
      var v = SIMD16<Float>(repeating: 0)
      for j in 0..<(count - i) { v[j] = x[i + j] }
      let r = offset + scale * tanh16(scale * v)
      for j in 0..<(count - i) { y[i + j] = r[j] }
    }
  }

  @inline(__always)
  static func tanh16(_ a: SIMD16<Float>) -> SIMD16<Float> {
    let clamp = SIMD16<Float>(repeating: 7.905_311_107_635_498_05)
    let x = pointwiseMax(pointwiseMin(a, clamp), -clamp)
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
