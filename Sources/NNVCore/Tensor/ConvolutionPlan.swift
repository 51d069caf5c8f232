/// The sizes of one 2-D convolution over a batch, checked, and how its work is cut into chunks.
///
/// The convolution is computed as a matrix product (see `ConvolutionKernel`): every output
/// position of every image is one *column*, numbered image by image and row by row, and a
/// column's *patch* is the C·K·K input values under the kernel there. Columns are processed in
/// chunks, so the patches of a chunk stay a few megabytes whatever the batch size, a Ctrl-C is
/// heard between chunks, and chunks of whole images can run on different threads.
struct ConvolutionPlan: Sendable {
  let batch: Int
  let channels: Int
  let height: Int
  let width: Int
  let filters: Int
  let kernel: Int
  /// The window along the height (rows) and along the width (columns) of an image.
  let rows: WindowAxis
  let columns: WindowAxis
  /// Output positions per image: output height × output width.
  let positions: Int
  /// Values in one patch: C·K·K, the depth of the matrix product.
  let patchSize: Int
  /// The most columns in one chunk.
  let chunkColumns: Int
  /// The number of chunks.
  let chunkCount: Int
  /// Whether chunks hold whole images (spread as evenly as possible); otherwise every chunk
  /// but the last holds `chunkColumns` columns.
  let wholeImageChunks: Bool
  /// How many chunks run side by side on the matrix multiply's threads (1: one after another).
  let parallelChunks: Int
  /// Chunks handed to the threads at a time: they claim them one by one, so a thread that is
  /// slow to start (on a busy machine) leaves its share to the others. Cancellation is polled
  /// between groups, and the backward pass keeps one weight-gradient sum per chunk of a group.
  let chunksPerGroup: Int

  /// Patch values one chunk aims at: 256 KiB, so that a chunk's patches are still in the
  /// core's cache when the product reads them...
  static let chunkValues = 1 << 16
  /// ... unless that leaves fewer columns than this, too narrow a product to run fast...
  static let minimumChunkColumns = 256
  /// ... and patch values one chunk holds at most (unless one column has more): 16 MiB.
  static let maximumChunkValues = 1 << 22
  /// Multiply-adds one chunk may take (a few milliseconds), so Ctrl-C is heard often.
  static let chunkWork = 1 << 26
  /// Multiply-adds below which a convolution runs on one thread.
  static let parallelMinimumWork = 1 << 19
  /// Chunks per thread when chunks run side by side.
  static let chunksPerThread = 4
  /// Values of the backward pass's weight-gradient sums, one per chunk of a group, at most
  /// (unless one thread's sum has more): 32 MiB.
  static let sumValues = 1 << 23

  /// Checks the shapes of a convolution of `input` `[N, C, H, W]` with `weight` `[F, C, K, K]`
  /// and `bias` `[F]`, and plans its chunks.
  ///
  /// - Throws: `TensorError` when the shapes do not fit together, the stride is below 1 or the
  ///   kernel does not fit the padded image; `LimitError` when the output would exceed the
  ///   elements-per-tensor limit.
  init(input: [Int], weight: [Int], bias: [Int], stride: Int, padding: Padding) throws {
    guard input.count == 4, weight.count == 4, weight[2] == weight[3], bias == [weight[0]],
      input[1] == weight[1], input[0] >= 0, input.dropFirst().allSatisfy({ $0 >= 1 }),
      weight.allSatisfy({ $0 >= 1 })
    else {
      throw TensorError.shapeMismatch(
        "a convolution takes images [n, channels, height, width], weights [filters, channels, "
          + "k, k] and a bias [filters], not \(Tensor.describe(input)), "
          + "\(Tensor.describe(weight)) and \(Tensor.describe(bias))")
    }
    let k = weight[2]
    guard stride >= 1 else {
      throw TensorError.invalidShape("a convolution's stride is at least 1, not \(stride)")
    }
    guard let rows = WindowAxis(input: input[2], kernel: k, stride: stride, padding: padding),
      let columns = WindowAxis(input: input[3], kernel: k, stride: stride, padding: padding)
    else {
      throw TensorError.invalidShape(
        "a \(k)×\(k) kernel does not fit images of \(input[2])×\(input[3]) with "
          + "\(padding.rawValue) padding")
    }
    let output = [input[0], weight[0], rows.output, columns.output]
    // Bounds every product below: positions, columns and outputs are factors of this count.
    _ = try Shape.elementCount(output, of: "a convolution's output of shape \(output)")
    (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
    (filters, kernel, self.rows, self.columns) = (weight[0], k, rows, columns)
    positions = rows.output * columns.output
    // The weight tensor exists, so its size (filters × patch) fits.
    patchSize = channels * k * k
    (chunkColumns, chunkCount, wholeImageChunks, parallelChunks) = ConvolutionPlan.chunking(
      batch: batch, positions: positions, patchSize: patchSize, filters: filters)
    // The weight tensor's size plus the bias: fits, as the weight tensor exists.
    let sumSize = filters * patchSize + filters
    chunksPerGroup =
      parallelChunks == 1
      ? 1
      : Swift.min(
        chunkCount,
        Swift.max(parallelChunks, ConvolutionPlan.sumValues / sumSize),
        parallelChunks * ConvolutionPlan.chunksPerThread)
  }

  /// Columns per chunk, chunks, whether they hold whole images, and how many run at once.
  private static func chunking(
    batch: Int, positions: Int, patchSize: Int, filters: Int
  ) -> (columns: Int, count: Int, wholeImages: Bool, parallel: Int) {
    let total = batch * positions
    let perColumn = Swift.max(patchSize, filters)
    let byMemory = Swift.max(
      chunkValues / perColumn, Swift.min(minimumChunkColumns, maximumChunkValues / perColumn))
    let byWork = Swift.max(1, chunkWork / (filters * patchSize))
    let columns = Swift.max(1, Swift.min(total, byMemory, byWork))
    guard columns >= positions, batch > 0 else {
      return (columns, (total + columns - 1) / columns, false, 1)
    }
    // Whole images: their patches never overlap another chunk's, so chunks can run at once.
    var count = (batch + columns / positions - 1) / (columns / positions)
    var parallel = 1
    let threads = MatrixMultiply.threadCount
    let work = Double(total) * Double(filters) * Double(patchSize)
    // One weight-gradient sum per thread must stay reasonable.
    let sumSize = Double(filters) * Double(patchSize + 1)
    if threads > 1, batch > 1, work >= Double(parallelMinimumWork),
      sumSize * Double(threads) <= Double(sumValues)
    {
      // Several chunks per thread, a multiple of the threads.
      let least = Swift.max(count, threads * chunksPerThread)
      count = Swift.min(batch, (least + threads - 1) / threads * threads)
      parallel = threads
    }
    return ((batch + count - 1) / count * positions, count, true, parallel)
  }

  /// The output's shape: `[N, F, output height, output width]`.
  var outputShape: [Int] { [batch, filters, rows.output, columns.output] }
  /// Columns in all: one per output position of every image.
  var totalColumns: Int { batch * positions }
  /// The columns of chunk `index`.
  func chunk(_ index: Int) -> Range<Int> {
    guard wholeImageChunks else {
      let start = index * chunkColumns
      return start..<Swift.min(totalColumns, start + chunkColumns)
    }
    // Images spread evenly: chunk i holds images i·N/count ..< (i+1)·N/count.
    let first = index * batch / chunkCount
    let end = (index + 1) * batch / chunkCount
    return (first * positions)..<(end * positions)
  }

  /// Calls `body(image, outputRow, outputColumns, offset)` for every run of consecutive
  /// columns of `range` that lie on one output row of one image; `offset` is the run's first
  /// column counted from the start of `range`.
  @inline(__always)
  func forEachRun(
    in range: Range<Int>,
    _ body: (_ image: Int, _ row: Int, _ columns: Range<Int>, _ offset: Int)
      -> Void
  ) {
    guard !range.isEmpty else { return }
    let (outputHeight, outputWidth) = (rows.output, columns.output)
    // Divides once, then steps along: a run can be shorter than the two divisions cost.
    var image = range.lowerBound / positions
    let within = range.lowerBound - image * positions
    var row = within / outputWidth
    var first = within - row * outputWidth
    var q = range.lowerBound
    while q < range.upperBound {
      let end = Swift.min(outputWidth, first + (range.upperBound - q))
      body(image, row, first..<end, q - range.lowerBound)
      q += end - first
      first = 0
      row += 1
      if row == outputHeight {
        row = 0
        image += 1
      }
    }
  }

  /// The images of `range` when it covers whole images, or nil.
  func wholeImages(_ range: Range<Int>) -> Range<Int>? {
    guard range.lowerBound % positions == 0, range.upperBound % positions == 0 else { return nil }
    return (range.lowerBound / positions)..<(range.upperBound / positions)
  }

  /// Calls `body(row, rowsInside, columnsInside, shift, channel)` for every row of the patch
  /// matrix of whole images, row = (channel · K + kernel row) · K + kernel column, with the
  /// output rows and columns whose input under that kernel element lies inside the image, and
  /// the input column of output column 0 (`o · stride + shift` for output column o).
  @inline(__always)
  func forEachPatchRow(
    images: Range<Int>,
    _ body: (_ row: Int, _ rows: Range<Int>, _ columns: Range<Int>, _ shift: Int, _ channel: Int)
      -> Void
  ) {
    for c in 0..<channels {
      for kh in 0..<kernel {
        let rowsInside = rows.validOutputs(offset: kh)
        // The input row of output row r is r · stride + (kh − padBefore): folded into the shift.
        let rowShift = (kh - rows.padBefore) * width
        for kw in 0..<kernel {
          body(
            (c * kernel + kh) * kernel + kw, rowsInside, columns.validOutputs(offset: kw),
            rowShift + kw - columns.padBefore, c)
        }
      }
    }
  }

  /// Calls `body(image, positions, offset)` for every run of consecutive columns of `range`
  /// that lie in one image; `positions` are the output positions within the image.
  @inline(__always)
  func forEachImage(
    in range: Range<Int>, _ body: (_ image: Int, _ positions: Range<Int>, _ offset: Int) -> Void
  ) {
    var q = range.lowerBound
    while q < range.upperBound {
      let image = q / positions
      let first = q - image * positions
      let end = Swift.min(positions, first + (range.upperBound - q))
      body(image, first..<end, q - range.lowerBound)
      q += end - first
    }
  }
}
