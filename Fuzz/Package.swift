// swift-tools-version: 6.1
// libFuzzer targets for KSelect — CSVFuzz (the CSV reader) and ReportFuzz (the report and
// gnuplot script writers) — kept out of the main package so that a plain `swift build` or
// `swift test` never needs the fuzzer runtime. Build and run them with `Fuzz/run`.
import PackageDescription

/// The KSelect package to fuzz: the enclosing repository unless KSELECT_PACKAGE names another
/// checkout (a snapshot, say, while the working tree is mid-edit).
let kselectPath = Context.environment["KSELECT_PACKAGE"] ?? ".."

let package = Package(
  name: "KSelectFuzz",
  dependencies: [.package(name: "KSelect", path: kselectPath)],
  targets: [
    .target(name: "CFuzzerDriver"),
    .executableTarget(
      name: "CSVFuzz",
      dependencies: ["CFuzzerDriver", .product(name: "KSelect", package: "KSelect")]),
    .executableTarget(
      name: "ReportFuzz",
      dependencies: [
        "CFuzzerDriver", .product(name: "KSelect", package: "KSelect"),
        .product(name: "KSelectReports", package: "KSelect"),
      ]),
  ]
)
