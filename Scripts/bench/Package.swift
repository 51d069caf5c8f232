// swift-tools-version:6.1
// The benchmark harness: one executable, `nnv-bench`, that runs the peer workloads through
// nnv's public API. A package of its own so the product never depends on it; build it with
// `swift build -c release` from this folder (the core applies `-target-cpu native` itself).
import PackageDescription

let package = Package(
  name: "nnv-bench",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "nnv", path: "../..")
  ],
  targets: [
    .executableTarget(
      name: "nnv-bench",
      dependencies: [
        .product(name: "NNVCore", package: "nnv"),
        .product(name: "NNVLanguage", package: "nnv"),
        .product(name: "NNVPlot", package: "nnv"),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)
