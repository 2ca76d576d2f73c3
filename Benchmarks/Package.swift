// swift-tools-version: 6.1
// The benchmark executable `kselect-bench`, kept out of the main package so that its manifest
// lists only the product. It reaches the kernels through KSelectTestSupport's entry points.
// Build and run it with `Benchmarks/run`.
import PackageDescription

/// The KSelect package to time: the enclosing repository unless KSELECT_PACKAGE names another
/// checkout (a snapshot of an older commit, say, to compare two versions).
let kselectPath = Context.environment["KSELECT_PACKAGE"] ?? ".."

let package = Package(
  name: "KSelectBenchmarks",
  dependencies: [.package(name: "KSelect", path: kselectPath)],
  targets: [
    .executableTarget(
      name: "kselect-bench",
      dependencies: [
        .product(name: "KSelect", package: "KSelect"),
        .product(name: "KSelectTestSupport", package: "KSelect"),
      ])
  ]
)
