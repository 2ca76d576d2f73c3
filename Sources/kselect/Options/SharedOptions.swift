import ArgumentParser
import Foundation
import KSelect

/// Options that say which data to read and how to scale it.
struct InputOptions: ParsableArguments {
  @Argument(help: "The data: a CSV file with a header row (comma, semicolon or tab separated).")
  var file: String

  @Option(help: "Feature columns, by header name, comma-separated (default: every numeric column).")
  var columns: String?

  @Option(name: .customLong("id-column"), help: "A column that identifies rows; carried to assignments.csv.")
  var idColumn: String?

  @Flag(
    name: .customLong("drop-incomplete"), help: "Drop rows with missing or non-numeric features instead of failing.")
  var dropIncomplete = false

  @Option(help: "Field separator (default: detected from the header).")
  var delimiter: String?

  @Option(help: "Feature scaling: none, zscore or minmax.")
  var scaling: Scaling = .none

  /// The loader's options.
  func loadOptions() throws -> LoadOptions {
    var separator: Character? = nil
    if let delimiter {
      let resolved = delimiter == "\\t" || delimiter == "tab" ? "\t" : delimiter
      guard resolved.count == 1 else { throw ValidationError("--delimiter takes one character") }
      separator = resolved.first
    }
    let selected = columns.map {
      $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
    return LoadOptions(columns: selected, idColumn: idColumn, dropIncomplete: dropIncomplete, delimiter: separator)
  }

  /// The data set's name for default report folders: the file name without its extension.
  var dataName: String { URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent }

  /// Loads and scales the input, printing what was left out or changed.
  func load() throws -> ClusteringInput {
    let input = try ClusteringInput(path: file, options: try loadOptions(), scaling: scaling)
    for note in input.notes { printNote(note) }
    return input
  }
}

/// Options of every k-means fit.
struct FitOptions: ParsableArguments {
  @Option(help: "Runs from different seedings; the lowest WCSS is kept.")
  var restarts = 10

  @Option(name: .customLong("max-iterations"), help: "Cap on Lloyd iterations per run.")
  var maxIterations = 300

  @Option(help: "Convergence tolerance on centroid movement, relative to the mean feature variance.")
  var tolerance = 1e-4

  @Option(help: "Seeding: k-means++, forgy or random-partition (see --init for given centroids).")
  var seeding: SeedingName = .kMeansPlusPlus

  @Option(help: "Random seed; the same seed gives the same numbers whatever the thread count.")
  var seed: UInt64 = 42

  @Option(help: "Worker threads (default: all cores).")
  var threads: Int?

  @Option(help: "Lloyd variant: auto, lloyd, hamerly or elkan. All give the same result; only the speed differs.")
  var algorithm: KMeansAlgorithm = .auto

  @Flag(
    inversion: .prefixedNo,
    help:
      "Polish the runs whose W_k is below the best polished so far with point transfers and cluster moves that only lower W_k (--no-refine: plain Lloyd)."
  )
  var refine = true

  /// The threads to use.
  func parallelism() throws -> Parallelism {
    guard let threads else { return .allCores }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    return Parallelism(threads: threads)
  }

  /// The k-means options.
  func options() throws -> KMeansOptions {
    KMeansOptions(
      restarts: restarts, maxIterations: maxIterations, tolerance: tolerance,
      seeding: seeding.seeding, seed: seed, parallelism: try parallelism(), refines: refine, algorithm: algorithm)
  }
}

/// The seeding methods a user can name.
enum SeedingName: String, ExpressibleByArgument, CaseIterable {
  case kMeansPlusPlus = "k-means++"
  case forgy
  case randomPartition = "random-partition"

  var seeding: Seeding {
    switch self {
    case .kMeansPlusPlus: return .kMeansPlusPlus
    case .forgy: return .forgy
    case .randomPartition: return .randomPartition
    }
  }
}

extension Scaling: ExpressibleByArgument {}

extension KMeansAlgorithm: ExpressibleByArgument {}
