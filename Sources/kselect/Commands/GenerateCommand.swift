import ArgumentParser
import Foundation
import KSelect
import KSelectReports

/// `kselect generate`: the synthetic data sets of the classic examples.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a synthetic data set as CSV (uniform noise or Gaussian blobs).",
    discussion: """
      uniform: points uniform in the cube [-1,1]^D (no cluster structure).
      gaussian: K blobs in [-1,1]^D, separable by construction: every blob has standard \
      deviation --spread (σ) on every axis, each coordinate's deviation truncated at 4σ, centres \
      at least 4σ inside the cube (so every point is inside it) and at least --separation·σ \
      apart (default 6: along the line between two centres a point crosses the midpoint with \
      probability Φ(−3) ≈ 0.135 %). The default σ = 2 / (2·separation·K^(1/D) + 8) leaves room for \
      the K centres. A text column `blob` names each point's blob. Columns x,y in two \
      dimensions, x in one, x1…xD otherwise. At most \(maximumCount) points and \
      \(maximumDimension) dimensions; the same seed gives the same file.

      Examples:
        kselect generate uniform --n 200 --seed 1 --out uniform.csv
        kselect generate gaussian --n 200 --k 3 --seed 7 > blobs.csv
        kselect generate gaussian --n 600 --k 6 --dimensions 5 --separation 8 --out blobs5.csv
      """)

  /// The most points a data set may have: the whole file is made in memory (about 100 bytes a
  /// point at most), so this keeps it near a gigabyte.
  static let maximumCount = 10_000_000
  /// The most dimensions (a row of doubles must stay a small part of that budget).
  static let maximumDimension = 1000
  /// The most blobs: centres are placed in O(K²) steps.
  static let maximumClusterCount = 10_000

  /// The kinds of data set.
  enum Kind: String, ExpressibleByArgument, CaseIterable {
    case uniform, gaussian
  }

  @Argument(help: "uniform or gaussian.") var kind: Kind
  @Option(parsing: .unconditional, help: "Number of points.") var n: Int
  @Option(parsing: .unconditional, help: "Number of blobs (gaussian only).") var k: Int?
  @Option(parsing: .unconditional, help: "Dimension D of the points.") var dimensions = 2
  @Option(
    parsing: .unconditional,
    help: "Blob standard deviation σ, in (0, \(BlobLayout.maximumSpread)] (gaussian only; default from K and D).")
  var spread: Double?
  @Option(
    parsing: .unconditional,
    help: "Smallest distance between blob centres, in σ, in [0, \(BlobLayout.maximumSeparation)] (gaussian only).")
  var separation: Double?
  @Option(parsing: .unconditional, help: "Random seed.") var seed: UInt64 = 42
  @Option(help: "Output file (default: standard output).") var out: String?

  func validate() throws {
    guard n >= 1, n <= Self.maximumCount else {
      throw ValidationError("--n must be between 1 and \(Self.maximumCount) (got \(n))")
    }
    guard dimensions >= 1, dimensions <= Self.maximumDimension else {
      throw ValidationError("--dimensions must be between 1 and \(Self.maximumDimension) (got \(dimensions))")
    }
    guard n.multipliedReportingOverflow(by: dimensions).partialValue <= Self.maximumCount * 2 else {
      throw ValidationError(
        "--n × --dimensions must be at most \(Self.maximumCount * 2) values (got \(n) × \(dimensions))")
    }
    if kind == .gaussian {
      _ = try layout()
    } else if k != nil || spread != nil || separation != nil {
      throw ValidationError("--k, --spread and --separation apply to gaussian only")
    }
    try validateOutput(out, naming: "a file")
  }

  /// The blobs' layout, from --k, --spread, --separation and --seed.
  /// - Throws: `ValidationError` for a value out of range, or blobs that do not fit in the cube.
  func layout() throws -> BlobLayout {
    guard let k else { throw ValidationError("gaussian needs --k") }
    guard k >= 1, k <= n, k <= Self.maximumClusterCount else {
      throw ValidationError("--k must be between 1 and --n, and at most \(Self.maximumClusterCount) (got \(k))")
    }
    if let spread {
      guard spread.isFinite, spread > 0, spread <= BlobLayout.maximumSpread else {
        throw ValidationError("--spread must be in (0, \(BlobLayout.maximumSpread)] (got \(spread))")
      }
    }
    let separation = self.separation ?? BlobLayout.defaultSeparation
    guard separation.isFinite, separation >= 0, separation <= BlobLayout.maximumSeparation else {
      throw ValidationError("--separation must be in [0, \(BlobLayout.maximumSeparation)] (got \(separation))")
    }
    guard
      let layout = BlobLayout.make(
        clusterCount: k, dimension: dimensions, spread: spread, separation: separation, seed: seed)
    else {
      let sigma = spread ?? BlobLayout.defaultSpread(clusterCount: k, dimension: dimensions, separation: separation)
      throw ValidationError(
        "\(k) blobs with centres \(separation)·σ apart (σ = \(sigma)) do not fit in [-1,1]^\(dimensions); "
          + "lower --separation or --spread")
    }
    return layout
  }

  func run() throws {
    try Exits.mapping {
      let csv: String
      switch kind {
      case .uniform:
        let data = Generators.uniformSquare(count: n, dimension: dimensions, seed: seed)
        csv = CSVFormat.table(
          header: data.featureNames,
          rows: (0..<n).map { i in data.row(i).map { CSVFormat.number($0) } })
      case .gaussian:
        let (data, labels) = Generators.gaussianBlobs(count: n, layout: try layout(), seed: seed)
        csv = CSVFormat.table(
          header: data.featureNames + ["blob"],
          rows: (0..<n).map { i in data.row(i).map { CSVFormat.number($0) } + ["blob\(labels[i] + 1)"] })
      }
      if let out {
        try AtomicFile.write(csv, to: URL(fileURLWithPath: out))
      } else {
        try StandardStreams.output(csv)
      }
    }
  }
}
