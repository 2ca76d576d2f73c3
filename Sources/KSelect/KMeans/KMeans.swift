/// k-means clustering: Lloyd's algorithm with k-means++ (or other) seeding and restarts.
public enum KMeans {

  /// Fits k-means with k = `clusterCount` to `data` (in the space the clustering uses) and
  /// returns the best restart.
  /// - Throws: `KSelectError.invalidParameter` for k or options out of range or k larger than
  ///   the number of distinct points.
  public static func fit(_ data: Dataset, clusterCount k: Int, options: KMeansOptions) throws -> KMeansResult {
    try fit(PreparedData(data), clusterCount: k, options: options)
  }

  /// Fits k-means with k = `clusterCount` to prepared data; `stream` distinguishes independent
  /// fits that share a seed (the sweep passes the reference data set's number, for instance).
  /// - Throws: as `fit(_:clusterCount:options:)`.
  public static func fit(
    _ data: PreparedData, clusterCount k: Int, options: KMeansOptions, stream: [UInt64] = []
  ) throws -> KMeansResult {
    try fit(data, clusterCount: k, options: options, stream: stream, prefixes: nil)
  }

  /// As `fit(_:clusterCount:options:stream:)`; with `prefixes`, the k-means++ centres come from
  /// the sweep's shared draws (the same centres, drawn once for several k).
  /// - Throws: as `fit(_:clusterCount:options:)`.
  static func fit(
    _ data: PreparedData, clusterCount k: Int, options: KMeansOptions, stream: [UInt64],
    prefixes: Seeder.Prefixes?
  ) throws -> KMeansResult {
    guard k >= 1 else {
      throw KSelectError.invalidParameter(ParameterError(.clusterCount, .atLeast(1), got: .integer(k)))
    }
    try options.validate()
    let d = data.columnCount
    if case .given(let centroids) = options.seeding,
      centroids.count != k.multipliedReportingOverflow(by: d).partialValue
        || k.multipliedReportingOverflow(by: d).overflow
    {
      throw KSelectError.invalidParameter(
        ParameterError(
          .initialCentroids, .holdsClusterCount(k, dimension: d), got: .integer(centroids.count / max(d, 1))))
    }
    guard data.totalSumOfSquares.isFinite else {
      throw KSelectError.invalidParameter(
        ParameterError(.data, .finiteSumOfSquares, got: .real(data.totalSumOfSquares)))
    }
    guard data.hasDistinctRows(atLeast: k) else {
      throw KSelectError.invalidParameter(
        ParameterError(.clusterCount, .atMostDistinctPoints(data.distinctRowCount(upTo: k)), got: .integer(k)))
    }
    let restarts: Int
    if case .given = options.seeding { restarts = 1 } else { restarts = options.restarts }
    // Small work spreads restarts over the threads; large work spreads each run's rows instead.
    // Either way every number is the same, since the chunking never depends on the threads.
    let perRestart = restarts >= options.parallelism.threads ? Parallelism.serial : options.parallelism
    let outer = restarts >= options.parallelism.threads ? options.parallelism : .serial
    let lloydRun = { (parallelism: Parallelism) in
      LloydRun(
        data: data, clusterCount: k, maxIterations: options.maxIterations,
        absoluteTolerance: options.tolerance * data.meanVariance, parallelism: parallelism,
        refines: options.refines,
        algorithm: options.algorithm.resolved(rowCount: data.rowCount, dimension: d, clusterCount: k))
    }
    let run = lloydRun(perRestart)
    // The polishing runs one restart after another, so each of its passes spreads its rows over
    // every thread.
    let polisher = lloydRun(options.parallelism)
    let seeder = Seeder(data: data, clusterCount: k, parallelism: perRestart)
    let lloydOutcomes = outer.map(restarts) { restart in
      let random = RandomSource(
        seed: options.seed, stream: stream + Seeder.stream(options.seeding, clusterCount: k, restart: restart))
      let initial =
        if let prefixes, options.seeding == .kMeansPlusPlus {
          prefixes.centres(seeder, restart: restart, random: random)
        } else {
          seeder.initialCentroids(options.seeding, random: random)
        }
      return run.lloyd(from: initial, iterationBudget: options.maxIterations)
    }
    // Polishing costs several Lloyd runs, so a restart is polished only when its Lloyd W_k is
    // below the lowest polished W_k so far (restart 0 always is), and the lowest polished one is
    // kept. Each decision depends on earlier restarts only, so adding a restart only adds a
    // candidate and more restarts never give a worse W_k; ties keep the earlier restart, so the
    // choice never depends on the threads.
    var candidates = [Int]()
    var polished = [LloydRun.Outcome]()
    var chosen = 0
    for index in lloydOutcomes.indices where polished.isEmpty || lloydOutcomes[index].wcss < polished[chosen].wcss {
      candidates.append(index)
      polished.append(options.refines ? polisher.refined(lloydOutcomes[index]) : lloydOutcomes[index])
      if polished[polished.count - 1].wcss < polished[chosen].wcss { chosen = polished.count - 1 }
    }
    let (best, outcome) = (candidates[chosen], polished[chosen])
    return makeResult(outcome, restart: best, data: data, clusterCount: k)
  }

  private static func makeResult(
    _ outcome: LloydRun.Outcome, restart: Int, data: PreparedData, clusterCount k: Int
  ) -> KMeansResult {
    let d = data.columnCount
    var sizes = [Int](repeating: 0, count: k)
    for label in outcome.labels { sizes[Int(label)] += 1 }
    let scale = data.scale
    let centroids = outcome.centroids.enumerated().map { index, value in value / scale + data.means[index % d] }
    return KMeansResult(
      clusterCount: k, dimension: d, labels: outcome.labels.map { Int($0) }, centroids: centroids,
      wcss: outcome.wcss / scale / scale, sizes: sizes, iterations: outcome.iterations,
      converged: outcome.converged, restart: restart,
      squaredDistances: scale == 1 ? outcome.distances : outcome.distances.map { $0 / scale / scale })
  }
}
