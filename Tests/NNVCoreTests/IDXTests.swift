import Foundation
import NNVCore
import NNVTestSupport
import Testing

/// MNIST-format IDX files, written by the tests byte by byte: their pixels, labels and shape
/// are read back, plain and gzipped, and every kind of bad file is refused naming the file.
@Suite struct IDXTests {
  /// Three 2×3 images and their labels.
  static let pixels: [[UInt8]] = [
    [0, 255, 51, 102, 153, 204], [1, 2, 3, 4, 5, 6], [255, 0, 0, 0, 0, 255],
  ]
  static let images = IDXFixture.images(pixels, rows: 2, columns: 3)
  static let labels = IDXFixture.labels([3, 0, 7])

  /// A fresh folder for this test's files.
  static func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("nnv-idx-\(UUID())")
      .path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func write(_ bytes: [UInt8], _ name: String, in folder: String) throws -> String {
    let path = folder + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func imagesAndLabelsReadBack() throws {
    let data = try IDXLoader.parse(images: Self.images, labels: Self.labels, name: "tiny")
    #expect(data.name == "tiny" && data.count == 3)
    #expect(data.features.shape == [3, 1, 2, 3] && data.sampleShape == [1, 2, 3])
    #expect(data.features.scalars == Self.pixels.flatMap { $0 }.map { Float($0) / 255 })
    #expect(data.features.min == 0 && data.features.max == 1)
    #expect(data.labels == [3, 0, 7])
    #expect(data.classNames == (0...7).map(String.init))
    #expect(data.reading(as: [6])?.features.shape == [3, 6])
  }

  @Test func plainAndGzippedFilesGiveTheSameData() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let images = try Self.write(Self.images, "train-images-idx3-ubyte", in: folder)
    let labels = try Self.write(Self.labels, "train-labels-idx1-ubyte", in: folder)
    let plain = try IDXLoader.load(images: images, labels: labels)
    #expect(plain.name == "train-images-idx3-ubyte" && plain.labels == [3, 0, 7])
    let zipped = try Self.write(
      try IDXFixture.gzipStored(Self.images, blockSize: 10), "train-images-idx3-ubyte.gz",
      in: folder)
    let zippedLabels = try Self.write(try IDXFixture.gzipStored(Self.labels), "l.gz", in: folder)
    let both = try IDXLoader.load(images: zipped, labels: zippedLabels)
    #expect(both.features == plain.features && both.labels == plain.labels)
    #expect(both.name == "train-images-idx3-ubyte")
  }

  /// Expects `load` of these bytes to fail with a message naming `blamed` (the images file
  /// unless said) and containing `fragment`.
  func expectFailure(
    images: [UInt8] = IDXTests.images, labels: [UInt8] = IDXTests.labels,
    blamesLabels: Bool = false,
    limits: IDXLoader.Limits = .standard, _ fragment: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let imagePath = try Self.write(images, "images.idx", in: folder)
    let labelPath = try Self.write(labels, "labels.idx", in: folder)
    do {
      _ = try IDXLoader.load(images: imagePath, labels: labelPath, limits: limits)
      Issue.record("expected an error with '\(fragment)'", sourceLocation: sourceLocation)
    } catch let DataError.unreadable(file, message) {
      #expect(file == (blamesLabels ? labelPath : imagePath), sourceLocation: sourceLocation)
      #expect(message.contains(fragment), "\(message)", sourceLocation: sourceLocation)
    } catch {
      Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func badHeadersAreNamed() throws {
    try expectFailure(images: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A], "it starts with 0x89504E47")
    try expectFailure(images: [0, 0], "too short to be an IDX file of images: 2 bytes")
    try expectFailure(images: [0, 0, 0x0D, 3] + Array(Self.images[4...]), "32-bit floats")
    try expectFailure(
      images: Self.labels, labels: Self.images,
      "as labels are, where images have 3: the two files look swapped")
    try expectFailure(
      images: [0, 0, 8, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0], "2 dimensions, where images have 3")
    try expectFailure(
      images: Array(Self.images[..<10]), "ends inside its IDX header: 10 bytes of 16")
    try expectFailure(images: IDXFixture.images([], rows: 2, columns: 3), "holds no images")
    try expectFailure(images: IDXFixture.images([[]], rows: 0, columns: 3), "images of 0×3 pixels")
    try expectFailure(
      labels: [0, 0, 8, 1, 0, 0], blamesLabels: true, "ends inside its IDX header: 6 bytes of 8")
  }

  @Test func lengthsAndCountsMustAgree() throws {
    try expectFailure(
      images: Array(Self.images.dropLast()),
      "too short: the header announces 3 images of 2×3 pixels, 18 bytes, but 17 bytes follow it")
    try expectFailure(images: Self.images + [9], "longer than its header says")
    try expectFailure(
      labels: IDXFixture.labels([1, 2]), blamesLabels: true,
      "it holds 2 labels, but")
    try expectFailure(labels: Array(Self.labels.dropLast()), blamesLabels: true, "too short")
  }

  @Test func sizesOverTheLimitsAreRefusedBeforeReading() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // A header announcing 100,000 images of 10,000×10,000 pixels in a 16-byte file.
    let huge =
      IDXFixture.bigEndian(100_000) + IDXFixture.bigEndian(10_000) + IDXFixture.bigEndian(10_000)
    let images = try Self.write([0, 0, 8, 3] + huge, "huge.idx", in: folder)
    let labels = try Self.write(Self.labels, "labels.idx", in: folder)
    #expect(throws: LimitError.self) { try IDXLoader.load(images: images, labels: labels) }
    let many = try Self.write([0, 0, 8, 1] + IDXFixture.bigEndian(20_000_000), "many", in: folder)
    let plain = try Self.write(Self.images, "images.idx", in: folder)
    #expect(throws: LimitError.self) { try IDXLoader.load(images: plain, labels: many) }
    // The largest count a header can hold, 2^32 − 1 images.
    let most = [0, 0, 8, 3] + [UInt8](repeating: 255, count: 12)
    #expect(throws: LimitError.self) {
      try IDXLoader.load(images: try Self.write(most, "most", in: folder), labels: labels)
    }
  }

  @Test func gzipProblemsAndFileLimitsAreNamed() throws {
    var damaged = try IDXFixture.gzipStored(Self.images)
    damaged[13] ^= 0xFF  // the stored block's length check
    try expectFailure(images: damaged, "cannot decompress the gzip file: a stored block's length")
    let truncated = Array(try IDXFixture.gzipStored(Self.images).dropLast(12))
    try expectFailure(images: truncated, "cannot decompress the gzip file")
    try expectFailure(
      images: try IDXFixture.gzipStored(Self.images),
      limits: .init(fileSize: 1000, decompressedSize: 33),
      "decompresses to more than 33 bytes")
    try expectFailure(
      images: Self.images, limits: .init(fileSize: 33, decompressedSize: 1000),
      "cannot read the file: it holds 34 bytes, more than the 33 bytes nnv reads for an IDX file")
    #expect(throws: DataError.self) {
      try IDXLoader.load(images: "/nonexistent/nnv/images.idx", labels: "/nonexistent/nnv/l")
    }
  }

  @Test func readingPollsCancellation() throws {
    let pixels = (0..<2000).map { k in [UInt8](repeating: UInt8(k % 256), count: 28 * 28) }
    let images = try IDXFixture.gzipStored(IDXFixture.images(pixels, rows: 28, columns: 28))
    let labels = IDXFixture.labels((0..<2000).map { UInt8($0 % 10) })
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let imagePath = try Self.write(images, "images.gz", in: folder)
    let labelPath = try Self.write(labels, "labels", in: folder)
    let token = CancellationToken()
    let data = try Cancellation.run(with: token) {
      try IDXLoader.load(images: imagePath, labels: labelPath)
    }
    #expect(data.count == 2000 && data.classCounts == [Int](repeating: 200, count: 10))
    #expect(token.pollCount >= 4)
    let stop = CancellationToken(cancellingAtPoll: token.pollCount / 2)
    #expect(throws: CancellationError.self) {
      try Cancellation.run(with: stop) { try IDXLoader.load(images: imagePath, labels: labelPath) }
    }
    #expect(stop.pollCount == token.pollCount / 2)
  }
}
