// swift-tools-version:6.1
import Foundation
import PackageDescription

// The core's hot loops (matrix multiply, element-wise kernels) are written with SIMD types.
// Without a target-CPU flag the compiler lowers `SIMD16<Float>.addingProduct` to one `fmaf`
// library call per lane, about 100x slower. So the optimized build targets the CPU it is built
// on (`-target-cpu native`) and tells the kernels through the `NNV_NATIVE` condition that fused
// multiply-add is cheap. `NNV_PORTABLE=1 swift build ...` produces a binary that runs on any
// x86-64 or arm64 machine; the kernels then use separate multiply and add.
let portable = ProcessInfo.processInfo.environment["NNV_PORTABLE"] != nil
let nativeSettings: [SwiftSetting] =
  portable
  ? []
  : [
    .unsafeFlags(["-target-cpu", "native"]),
    .define("NNV_NATIVE"),
  ]

let package = Package(
  name: "nnv",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "nnv", targets: ["nnv"]),
    .library(name: "NNVCore", targets: ["NNVCore"]),
    .library(name: "NNVPlot", targets: ["NNVPlot"]),
    .library(name: "NNVLanguage", targets: ["NNVLanguage"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
  ],
  targets: [
    .target(
      name: "NNVCore",
      resources: [
        .copy("Resources/iris.csv"), .copy("Resources/digits.csv"), .copy("Resources/alice.txt"),
      ],
      swiftSettings: nativeSettings
    ),
    .target(
      name: "NNVTestSupport",
      dependencies: ["NNVCore"]
    ),
    .target(
      name: "NNVPlot",
      dependencies: ["NNVCore"]
    ),
    // ONNX files: Swift types generated once from ONNX's onnx.proto (Scripts/generate-onnx.sh)
    // and what nnv models become in them.
    .target(
      name: "NNVONNX",
      dependencies: ["NNVCore", .product(name: "SwiftProtobuf", package: "swift-protobuf")]
    ),
    .target(
      name: "NNVLanguage",
      dependencies: ["NNVCore", "NNVPlot", "NNVONNX"]
    ),
    .target(
      name: "NNVREPL",
      dependencies: ["NNVLanguage", "NNVCore", "NNVPlot"]
    ),
    // `nnv kernel`: the Jupyter kernel (ZeroMQ and OpenSSL's HMAC loaded at run time) and
    // `nnv notebook`, lessons as notebooks.
    .target(
      name: "NNVKernel",
      dependencies: ["NNVLanguage", "NNVREPL", "NNVPlot", "NNVCore"]
    ),
    .executableTarget(
      name: "nnv",
      dependencies: [
        "NNVCore", "NNVPlot", "NNVLanguage", "NNVREPL", "NNVKernel",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "NNVCoreTests",
      dependencies: ["NNVCore", "NNVTestSupport"]
    ),
    .testTarget(
      name: "NNVPlotTests",
      dependencies: ["NNVPlot", "NNVCore", "NNVTestSupport"],
      exclude: ["Snapshots"]
    ),
    .testTarget(
      name: "NNVLanguageTests", dependencies: ["NNVLanguage", "NNVCore", "NNVTestSupport"],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "NNVKernelTests", dependencies: ["NNVKernel", "NNVREPL", "NNVLanguage", "NNVCore"]),
    .testTarget(
      name: "NNVONNXTests", dependencies: ["NNVONNX", "NNVCore", "NNVTestSupport"]),
    .testTarget(
      name: "NNVREPLTests", dependencies: ["NNVREPL", "NNVLanguage", "NNVPlot", "NNVCore", "nnv"]),
  ],
  swiftLanguageModes: [.v6]
)

// `NNV_FUZZ=1` adds a libFuzzer target over the lexer, parser and checker (Scripts/fuzz.sh).
// It is left out of ordinary builds: `-sanitize=fuzzer` instruments code and supplies `main`.
if ProcessInfo.processInfo.environment["NNV_FUZZ"] != nil {
  let fuzzer: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer"])]
  for target in package.targets where target.name == "NNVLanguage" {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-sanitize=fuzzer"])]
  }
  package.targets.append(
    .executableTarget(
      name: "NNVFuzz", dependencies: ["NNVLanguage"], swiftSettings: fuzzer,
      linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]))
  package.products.append(.executable(name: "nnv-fuzz", targets: ["NNVFuzz"]))
}
