import Foundation

/// Reads images and their labels from IDX files, the format of MNIST and Fashion-MNIST, plain
/// or compressed with gzip (`.gz`, recognized by its signature, whatever the name).
///
/// An image file starts with the magic number 0x00000803 (unsigned bytes, 3 dimensions), then
/// the number of images, of rows and of columns, each a big-endian 32-bit number, then every
/// pixel, one byte, image after image and row after row. A label file starts with 0x00000801
/// and the number of labels, then one byte per label. The images become a data set of
/// `[1, rows, columns]` samples scaled from 0...255 to 0...1, with classes "0" up to the
/// largest label.
///
/// Every size in a file is checked before it is used: the counts against `ResourceLimits`, the
/// file's length against what its header announces, and the size a gzip file decompresses to
/// against `Limits`. A file that is not what it should be — another magic number, a header
/// that promises more than the file holds, labels that do not match the images in number, a
/// damaged gzip stream — is reported naming the file.
public enum IDXLoader {
  /// How much an IDX file may hold.
  public struct Limits: Sendable {
    /// The largest file read, compressed or not, in bytes, checked before it is read.
    public var fileSize: Int
    /// The most bytes a compressed file may decompress to.
    public var decompressedSize: Int

    public init(fileSize: Int, decompressedSize: Int) {
      self.fileSize = fileSize
      self.decompressedSize = decompressedSize
    }

    /// Room for the header and the most pixels one tensor holds (256 Mi), compressed or not.
    public static let standard = Limits(
      fileSize: 16 + ResourceLimits.tensorElements.maximum + (1 << 20),
      decompressedSize: 16 + ResourceLimits.tensorElements.maximum)
  }

  /// The data set in the image file at `images` with the labels in the file at `labels`.
  public static func load(
    images: String, labels: String, limits: Limits = .standard
  ) throws -> Dataset {
    let imageBytes = try contents(of: images, limits: limits)
    let labelBytes = try contents(of: labels, limits: limits)
    return try parse(
      images: imageBytes, labels: labelBytes, imagesFile: images, labelsFile: labels,
      name: datasetName(images))
  }

  /// The data set in IDX bytes, decompressed already; the file names are used in messages.
  public static func parse(
    images: [UInt8], labels: [UInt8], imagesFile: String = "<images>",
    labelsFile: String = "<labels>", name: String = "idx"
  ) throws -> Dataset {
    let sizes = try header(of: images, file: imagesFile, kind: .images)
    let counted = try header(of: labels, file: labelsFile, kind: .labels)
    let (n, rows, columns) = (sizes[0], sizes[1], sizes[2])
    guard counted[0] == n else {
      throw DataError.unreadable(
        file: labelsFile,
        message:
          "it holds \(grouped(counted[0])) labels, but \(imagesFile) holds \(grouped(n)) images; "
          + "give the labels that belong to these images")
    }
    let features = try pixels(images, n: n, rows: rows, columns: columns)
    let labelValues = labels[8...].map(Int.init)
    let classes = (labelValues.max() ?? 0) + 1
    return Dataset(
      name: name, features: features, labels: labelValues,
      classNames: (0..<classes).map(String.init))
  }

  /// The bytes of the file at `path`, decompressed when it is gzip.
  static func contents(of path: String, limits: Limits) throws -> [UInt8] {
    let bytes: [UInt8]
    do {
      bytes = [UInt8](try FileReader.read(path, limit: limits.fileSize, what: "an IDX file"))
    } catch let problem as FileProblem {
      throw DataError.unreadable(file: path, message: "cannot read the file: \(problem.reason)")
    }
    guard Gzip.isCompressed(bytes) else { return bytes }
    do {
      return try Gzip.decompress(bytes, limit: limits.decompressedSize)
    } catch let problem as DecompressionError {
      throw DataError.unreadable(
        file: path, message: "cannot decompress the gzip file: \(problem.reason)")
    }
  }

  /// "train-images-idx3-ubyte" for `.../train-images-idx3-ubyte.gz`.
  static func datasetName(_ path: String) -> String {
    var url = URL(fileURLWithPath: path)
    if url.pathExtension.lowercased() == "gz" { url.deletePathExtension() }
    let name = url.deletingPathExtension().lastPathComponent
    return name.isEmpty ? "idx" : name
  }

  /// The pixels after the 16-byte header, scaled to 0...1, as `[n, 1, rows, columns]`.
  static func pixels(_ bytes: [UInt8], n: Int, rows: Int, columns: Int) throws -> Tensor {
    let count = bytes.count - 16
    let scale = (0...255).map { Float($0) / 255 }
    var scalars = [Float](repeating: 0, count: count)
    var start = 0
    while start < count {
      try Cancellation.check()
      let end = min(start + (1 << 20), count)
      for k in start..<end { scalars[k] = scale[Int(bytes[16 + k])] }
      start = end
    }
    return try Tensor(shape: [n, 1, rows, columns], scalars: scalars)
  }

  static func grouped(_ count: Int) -> String { ResourceLimit.grouped(count) }
}
