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
      uniform: points uniform in [-1,1]² (no cluster structure).
      gaussian: K blobs, centres uniform in [-1,1]², standard deviations uniform in
      [0.05,0.5], points kept inside the square; a text column `blob` names each point's blob.
      At most \(maximumCount) points.

      Examples:
        kselect generate uniform --n 200 --seed 1 --out uniform.csv
        kselect generate gaussian --n 200 --k 3 --seed 7 > blobs.csv
      """)

  /// The most points a data set may have: the whole file is made in memory (about 100 bytes a
  /// point at most), so this keeps it near a gigabyte.
  static let maximumCount = 10_000_000

  /// The kinds of data set.
  enum Kind: String, ExpressibleByArgument, CaseIterable {
    case uniform, gaussian
  }

  @Argument(help: "uniform or gaussian.") var kind: Kind
  @Option(parsing: .unconditional, help: "Number of points.") var n: Int
  @Option(parsing: .unconditional, help: "Number of blobs (gaussian only).") var k: Int?
  @Option(parsing: .unconditional, help: "Random seed.") var seed: UInt64 = 42
  @Option(help: "Output file (default: standard output).") var out: String?

  func validate() throws {
    guard n >= 1, n <= Self.maximumCount else {
      throw ValidationError("--n must be between 1 and \(Self.maximumCount) (got \(n))")
    }
    if kind == .gaussian {
      guard let k else { throw ValidationError("gaussian needs --k") }
      guard k >= 1, k <= n else { throw ValidationError("--k must be between 1 and --n (got \(k))") }
    } else if k != nil {
      throw ValidationError("--k applies to gaussian only")
    }
    try validateOutput(out, naming: "a file")
  }

  func run() throws {
    try Exits.mapping {
      let csv: String
      switch kind {
      case .uniform:
        let data = Generators.uniformSquare(count: n, seed: seed)
        csv = CSVFormat.table(
          header: ["x", "y"],
          rows: (0..<n).map { i in data.row(i).map { CSVFormat.number($0) } })
      case .gaussian:
        let (data, labels) = Generators.gaussianBlobs(count: n, clusterCount: k!, seed: seed)
        csv = CSVFormat.table(
          header: ["x", "y", "blob"],
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
