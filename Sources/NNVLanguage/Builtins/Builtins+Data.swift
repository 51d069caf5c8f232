import NNVCore

/// Data sets: the synthetic generators, the bundled sets, CSV files, splitting and scaling (the
/// image sets and IDX files are in Builtins+Images).
extension Builtins {
  static let data: [Builtin] = [
    xor, circles, moons, spiral, gauss, plane, sine, iris, digits, bars, shapes, csv, idx, split,
    standardize,
  ]

  static func sizeParameters(n: Int, noise: String) -> [Parameter] {
    [
      Parameter(
        "n", .integer, positional: true, default: "\(n)", "how many samples",
        limit: ResourceLimits.samples, bounds: .atLeast(1)),
      Parameter(
        "noise", .number, default: noise, "standard deviation of added noise",
        bounds: .atLeast(0)),
      Parameter(
        "seed", .integer, default: "a fresh draw from the session seed",
        "seed of the generator; the same seed gives the same data", bounds: .atLeast(0)),
    ]
  }

  static func generator(
    _ name: String, _ summary: String,
    make: @escaping @Sendable (Int, Float, UInt64) throws -> Dataset
  ) -> Builtin {
    Builtin(
      name, .function, summary: summary, parameters: sizeParameters(n: 200, noise: "0"),
      example: "let data = \(name)(n: 100, noise: 0.1, seed: 1)\nprint data",
      body: .function { call in
        .dataset(
          try make(
            try call.count("n", default: 200), Float(call.number("noise") ?? 0),
            try call.dataSeed()))
      })
  }

  static let xor = generator("xor", "Points in four quadrants; class 1 where x·y > 0.") {
    try SyntheticDatasets.xor(n: $0, noise: $1, seed: $2)
  }
  static let circles = generator("circles", "A disc (class 0) inside a ring (class 1).") {
    try SyntheticDatasets.circles(n: $0, noise: $1, seed: $2)
  }
  static let moons = generator("moons", "Two interleaved half circles.") {
    try SyntheticDatasets.moons(n: $0, noise: $1, seed: $2)
  }
  static let plane = generator("plane", "Regression: y = 0.6·x1 − 0.4·x2 + noise.") {
    try SyntheticDatasets.plane(n: $0, noise: $1, seed: $2)
  }
  static let sine = generator("sine", "Regression: y = sin(x) + noise on [−π, π).") {
    try SyntheticDatasets.sine(n: $0, noise: $1, seed: $2)
  }

  static func classesGenerator(
    _ name: String, _ summary: String, n: Int, noise: Double,
    make: @escaping @Sendable (Int, Int, Float, UInt64) throws -> Dataset
  ) -> Builtin {
    var parameters = sizeParameters(n: n, noise: NumberFormatting.format(noise))
    parameters.insert(
      Parameter(
        "classes", .integer, default: name == "spiral" ? "3" : "2", "how many classes",
        bounds: Bounds(lower: 2, upper: 10)),
      at: 1)
    return Builtin(
      name, .function, summary: summary, parameters: parameters,
      example: "let data = \(name)(n: 90, classes: 3, seed: 1)\nprint data",
      body: .function { call in
        .dataset(
          try make(
            try call.count("n", default: n),
            try call.count("classes", default: name == "spiral" ? 3 : 2),
            Float(call.number("noise") ?? noise), try call.dataSeed()))
      })
  }

  static let spiral = classesGenerator(
    "spiral", "Spiral arms winding out from the centre, one class per arm.", n: 300, noise: 0.2
  ) { try SyntheticDatasets.spiral(n: $0, classes: $1, noise: $2, seed: $3) }
  static let gauss = classesGenerator(
    "gauss", "Gaussian blobs evenly spaced on a circle, one class per blob.", n: 200, noise: 0.15
  ) { try SyntheticDatasets.gauss(n: $0, classes: $1, noise: $2, seed: $3) }

  static let iris = Builtin(
    "iris", .function, summary: "Fisher's Iris flowers: 150 samples, 4 features, 3 species.",
    example: "let flowers = iris()\nprint flowers",
    body: .function { _ in .dataset(try BundledDatasets.iris()) })

  static let digits = Builtin(
    "digits", .function, summary: "Handwritten digits: 8×8 images as 64 features, 10 classes.",
    example: "let images = digits()\nprint len(images)",
    body: .function { _ in .dataset(try BundledDatasets.digits()) })

  static let csv = Builtin(
    "csv", .function, summary: "Reads a data set from a CSV file with a header row.",
    parameters: [
      Parameter(
        "path", .string, positional: true, default: nil,
        "the file: RFC 4180 CSV (quoted fields may hold commas and line breaks), up to 256 MiB"),
      Parameter("target", .string, default: "the last column", "the column to predict"),
      Parameter(
        "classification", .boolean,
        default: "true for text or at most 20 different whole numbers, else false",
        "whether targets are classes (true) or values (false)"),
    ],
    example: "# reads points.csv from the current directory\n"
      + "let points = csv(\"points.csv\", target: \"label\")\nprint points",
    body: .function { call in
      .dataset(
        try CSVLoader.load(
          path: try call.readablePath("path"), target: call.string("target"),
          classification: call.boolean("classification")))
    })

  static let split = Builtin(
    "split", .function,
    summary: "Splits a data set into a record {train, test}, stratified by class.",
    parameters: [
      Parameter("data", .dataset, positional: true, default: nil, "the data set"),
      Parameter(
        "test", .number, default: "0.25", "the fraction held out for testing",
        bounds: Bounds(lower: 0, lowerIncluded: false, upper: 1, upperIncluded: false)),
      Parameter(
        "seed", .integer, default: "the session seed", "seed of the shuffle",
        bounds: .atLeast(0)),
    ],
    example: "let parts = split(xor(n: 100), test: 0.2)\nprint len(parts.train), len(parts.test)",
    body: .function { call in
      guard let data = call.dataset("data") else { return .none }
      let parts = try data.split(test: call.number("test") ?? 0.25, seed: try call.seed())
      return .record(Record([("train", .dataset(parts.train)), ("test", .dataset(parts.test))]))
    })

  static let standardize = Builtin(
    "standardize", .function,
    summary: "A copy of a data set with each feature scaled to mean 0 and deviation 1.",
    parameters: [Parameter("data", .dataset, positional: true, default: nil, "the data set")],
    example: "let flowers = standardize(iris())\nprint flowers",
    body: .function { call in
      guard var data = call.dataset("data") else { return .none }
      data.features = try Standardizer(fitting: data).apply(data.features)
      try data.checkFinite(advice: "its values are too large to standardize")
      return .dataset(data)
    })
}
