// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "KSelect",
  products: [
    .library(name: "KSelect", targets: ["KSelect"]),
    .library(name: "KSelectReports", targets: ["KSelectReports"]),
    .executable(name: "kselect", targets: ["kselect"]),
    // Test oracles, test helpers and the benchmark's entry points, for this package's tests and
    // for the benchmark package in Benchmarks/: never linked into the library or the CLI.
    .library(name: "KSelectTestSupport", targets: ["KSelectTestSupport"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CGSL", pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]),
    // zlib, for gzip-compressed input.
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
    // Distance kernels in C: AVX2/FMA and portable variants chosen at run time (underscored:
    // an implementation detail users never import; see its README.md).
    .target(name: "_KSelectKernels", exclude: ["README.md"]),
    // The command-line tool's signal handler in C, so that what runs in the handler is
    // async-signal-safe (it only writes the signal's number to a pipe).
    .target(name: "_KSelectSignals"),
    .target(
      name: "KSelect", dependencies: ["CGSL", "CZlib", "_KSelectKernels"],
      linkerSettings: [.linkedLibrary("m")]),
    .target(name: "KSelectReports", dependencies: ["KSelect"]),
    .executableTarget(
      name: "kselect",
      dependencies: [
        "KSelect", "KSelectReports", "_KSelectSignals",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .target(name: "KSelectTestSupport", dependencies: ["KSelect", "_KSelectKernels"]),
    .testTarget(
      name: "KSelectTests",
      dependencies: [
        "KSelect", "KSelectTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "KSelectReportsTests", dependencies: ["KSelect", "KSelectReports", "KSelectTestSupport"]),
    .testTarget(name: "KSelectCLITests", dependencies: ["kselect", "KSelectTestSupport"], exclude: ["Corpus"]),
  ]
)
