// PLACEHOLDER: replaced by the blocked kernel.
public enum MatrixMultiply {
  public static var threadCount: Int { get { 1 } set {} }
  public static func multiply(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, aRowStride: Int, aColStride: Int,
    b: UnsafePointer<Float>, bRowStride: Int, bColStride: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int,
    accumulate: Bool
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var s: Float = accumulate ? c[i * ldc + j] : 0
        for p in 0..<k { s += a[i * aRowStride + p * aColStride] * b[p * bRowStride + j * bColStride] }
        c[i * ldc + j] = s
      }
    }
  }
}
