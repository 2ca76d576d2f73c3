import ArgumentParser
import Foundation
import KSelect

/// Options that say which data to read and how to scale it.
struct InputOptions: ParsableArguments {
  @Argument(
    help:
      "The data: a CSV file with a header row (comma, semicolon or tab separated), gzip-compressed or not; - reads standard input."
  )
  var file: String

  @Option(help: "Feature columns, by header name, comma-separated (default: every numeric column).")
  var columns: String?

  @Option(
    help: ArgumentHelp(
      "Columns never clustered, by header name, comma-separated: numeric ones too (a class id, say); "
        + "not the id column, nor a column of --columns.",
      valueName: "columns"))
  var exclude: String?

  @Option(name: .customLong("id-column"), help: "A column that identifies rows; carried to assignments.csv.")
  var idColumn: String?

  @Option(
    name: .customLong("label-column"),
    help: "A column of known class labels (any text): never clustered; scored with ARI and NMI at every k.")
  var labelColumn: String?

  @Flag(
    name: .customLong("drop-incomplete"), help: "Drop rows with missing or non-numeric features instead of failing.")
  var dropIncomplete = false

  @Option(help: "Field separator (default: detected from the header).")
  var delimiter: String?

  @Option(help: "Feature scaling: none, zscore or minmax.")
  var scaling: Scaling = .none

  func validate() throws {
    if let exclude, exclude.split(separator: ",").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
      throw ValidationError("--exclude names no column")
    }
    _ = try separator()
  }

  /// The `--delimiter` character, if one was given.
  /// - Throws: `ValidationError` for anything but one ASCII character that cannot occur in a
  ///   number, a quoted field or a line end.
  func separator() throws -> Character? { try Self.separator(delimiter) }

  /// The character a `--delimiter` value names, if one was given.
  /// - Throws: as `separator()`.
  static func separator(_ delimiter: String?) throws -> Character? {
    guard let delimiter else { return nil }
    let resolved = delimiter == "\\t" || delimiter == "tab" ? "\t" : delimiter
    guard resolved.count == 1, let character = resolved.first, character.isASCII else {
      throw ValidationError("--delimiter takes one ASCII character (got '\(DisplayText.escaped(delimiter))')")
    }
    if character == "\"" || character == "\n" || character == "\r" || character == "\r\n" {
      throw ValidationError(
        "--delimiter '\(DisplayText.escaped(delimiter))' cannot separate fields: it quotes fields or ends lines")
    }
    if character.isLetter || character.isNumber || "+-.".contains(character) {
      throw ValidationError(
        "--delimiter '\(DisplayText.escaped(delimiter))' cannot separate fields: letters, digits, '.', '+' and '-' are parts of "
          + "numbers (1.5e-3, 0x1p4, inf); use ',', ';', tab, '|' or another punctuation character")
    }
    return character
  }

  /// The loader's options.
  func loadOptions() throws -> LoadOptions {
    let names = { (list: String) in list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    var options = LoadOptions(
      columns: columns.map(names), idColumn: idColumn, dropIncomplete: dropIncomplete, delimiter: try separator(),
      excludedColumns: exclude.map(names) ?? [])
    options.labelColumn = labelColumn
    return options
  }

  /// The data set's name for default report folders: the file name without its extension (and
  /// without `.gz` before it); `stdin` for standard input.
  var dataName: String { InputFile.dataName(of: file) }

  /// The input as a path the report folder's rules can resolve: standard input as `/dev/stdin`,
  /// which resolves to the file it was redirected from (a pipe resolves to nothing).
  var inputPath: String { file == "-" ? "/dev/stdin" : file }

  /// Reads the input, checks that the run `estimate` describes fits in `memoryLimit` bytes, and
  /// parses and scales the input, printing what was left out or changed unless `quiet`.
  ///
  /// The estimate is first made from the file's bytes (its line and header-field counts bound
  /// the rows and features). When that exceeds the limit, a run whose reading alone would exceed
  /// it is refused at once; otherwise the input is parsed and the estimate made again from the
  /// real shape (and, if still too large, with k bounded by the distinct rows, which no fit can
  /// exceed), before anything else is allocated.
  /// - Throws: `KSelectError.insufficientMemory` with the estimate, or what loading throws.
  func load(
    memoryLimit: Int, quiet: Bool, estimate: (InputSurvey) -> MemoryEstimate.Estimate
  ) throws -> ClusteringInput {
    let options = try loadOptions()
    let loaded: LoadedData
    var exactCheck = false
    do {
      let input = try InputFile(path: file, byteLimit: memoryLimit)
      let survey = DataLoader.survey(input, options: options)
      let bound = estimate(survey)
      if bound.bytes > memoryLimit {
        if MemoryEstimate.loading(survey).bytes > memoryLimit { try bound.check(limit: memoryLimit) }
        exactCheck = true
      }
      loaded = try DataLoader.load(input, options: options, survey: survey)
    }
    if exactCheck {
      var shape = InputSurvey(loaded: loaded)
      if estimate(shape).bytes > memoryLimit { shape.distinctRowBound = loaded.dataset.distinctRowCount() }
      try estimate(shape).check(limit: memoryLimit)
    }
    let input = ClusteringInput(loaded: loaded, scaling: scaling)
    if !quiet {
      for note in input.notes(naming: .flags) { printNote(note) }
    }
    return input
  }
}

/// The memory limit of a run: `--max-memory`, or the machine's physical memory.
func memoryLimit(_ size: ByteSize?) -> Int { size?.bytes ?? MemoryEstimate.physicalMemory }

/// Throws a usage error when `--out` is given as an empty string (which would otherwise name the
/// current folder).
func validateOutput(_ out: String?, naming what: String) throws {
  if let out, out.trimmingCharacters(in: .whitespaces).isEmpty {
    throw ValidationError("--out must name \(what) (got an empty string)")
  }
}

/// Options of every k-means fit. Numeric options take their value unconditionally, so that a
/// negative number (`--restarts -5`) is read as the value it is and refused with its range.
struct FitOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Runs from different seedings; the lowest WCSS is kept.")
  var restarts = 10

  @Option(name: .customLong("max-iterations"), parsing: .unconditional, help: "Cap on Lloyd iterations per run.")
  var maxIterations = 300

  @Option(
    parsing: .unconditional,
    help: "Convergence tolerance on centroid movement, relative to the mean feature variance.")
  var tolerance = 1e-4

  @Option(help: "Seeding: k-means++, forgy or random-partition (see --init for given centroids).")
  var seeding: SeedingName = .kMeansPlusPlus

  @Option(
    parsing: .unconditional, help: "Random seed; the same seed gives the same numbers whatever the thread count.")
  var seed: UInt64 = 42

  @Option(parsing: .unconditional, help: "Worker threads (default and most: the cores this process may use).")
  var threads: Int?

  @Option(help: "Lloyd variant: auto, lloyd, hamerly or elkan. All give the same result; only the speed differs.")
  var algorithm: KMeansAlgorithm = .auto

  @Flag(
    inversion: .prefixedNo,
    help:
      "Polish the runs whose W_k is below the best polished so far with point transfers and cluster moves that only lower W_k (--no-refine: plain Lloyd)."
  )
  var refine = true

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
  }

  /// The threads to use: `--threads`, lowered to the cores this process may use (more threads
  /// than cores cannot run at once; they would only add memory).
  func parallelism() -> Parallelism {
    Parallelism(threads: min(threads ?? .max, Parallelism.allCores.threads))
  }

  /// The note saying that `--threads` was lowered, if it was.
  var threadsNote: String? {
    let cores = Parallelism.allCores.threads
    guard let threads, threads > cores else { return nil }
    return "--threads \(threads) lowered to \(cores), the number of cores this process may use"
  }

  /// The k-means options.
  func options() -> KMeansOptions {
    KMeansOptions(
      restarts: restarts, maxIterations: maxIterations, tolerance: tolerance,
      seeding: seeding.seeding, seed: seed, parallelism: parallelism(), refines: refine, algorithm: algorithm)
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
