import NNVCore

/// Image data sets: the generated `bars` and `shapes`, and MNIST-format IDX files.
extension Builtins {
  static func imageGenerator(
    _ name: String, _ summary: String, size: Int, sizes: ClosedRange<Int>,
    make: @escaping @Sendable (Int, Int, Float, UInt64) throws -> Dataset
  ) -> Builtin {
    var parameters = sizeParameters(n: 200, noise: "0")
    parameters.insert(
      Parameter(
        "size", .integer, default: "\(size)", "width and height of each image, in pixels",
        bounds: Bounds(lower: Double(sizes.lowerBound), upper: Double(sizes.upperBound))),
      at: 1)
    return Builtin(
      name, .function, summary: summary, parameters: parameters,
      example: "let images = \(name)(n: 100, noise: 0.1, seed: 1)\nprint images\n"
        + "print shape(images)",
      body: .function { call in
        .dataset(
          try make(
            try call.count("n", default: 200), try call.count("size", default: size),
            Float(call.number("noise") ?? 0), try call.dataSeed()))
      })
  }

  static let bars = imageGenerator(
    "bars", "Images [1, size, size] of a horizontal or a vertical stroke, one class each.",
    size: 8, sizes: ImageDatasets.barSizes
  ) { try ImageDatasets.bars(n: $0, size: $1, noise: $2, seed: $3) }

  static let shapes = imageGenerator(
    "shapes", "Images [1, size, size] of a square, circle, triangle or cross, one class each.",
    size: 12, sizes: ImageDatasets.shapeSizes
  ) { try ImageDatasets.shapes(n: $0, size: $1, noise: $2, seed: $3) }

  static let idx = Builtin(
    "idx", .function,
    summary: "Reads images [1, rows, columns] and their labels from MNIST-format IDX files.",
    parameters: [
      Parameter(
        "images", .string, positional: true, default: nil,
        "the image file (magic 0x00000803), plain or gzip (.gz), up to 256 Mi pixels"),
      Parameter(
        "labels", .string, default: nil,
        "the label file (magic 0x00000801), one label 0-255 per image"),
    ],
    example: "# reads MNIST's test set from the current directory\n"
      + "let test = idx(\"t10k-images-idx3-ubyte.gz\", labels: \"t10k-labels-idx1-ubyte.gz\")\n"
      + "print test",
    body: .function { call in
      .dataset(
        try IDXLoader.load(
          images: try call.readablePath("images"), labels: try call.readablePath("labels")))
    })
}
