/// The working sets of k-means fits, by the buffers the code allocates (n rows, d features,
/// k clusters, R restarts). Every count saturates (`ByteCount`).
extension MemoryEstimate {
  /// What one fit's shape and settings are, for its estimate.
  struct FitShape {
    let n: ByteCount
    let d: ByteCount
    /// The clusters of this fit.
    let k: ByteCount
    /// The most centres its k-means++ seeding draws (a sweep draws for the longest k sharing
    /// the same number of candidates).
    let seededK: ByteCount
    let restarts: ByteCount
    /// Lloyd runs that run at once (restarts spread over the threads, or one run whose rows are).
    let concurrentRuns: ByteCount
    let algorithm: KMeansAlgorithm
    let refines: Bool
    let dimension: Int
    let rowCount: Int
    let clusterCount: Int

    init(rowCount n: Int, dimension d: Int, clusterCount k: Int, seededK: Int, options: KMeansOptions, threads: Int) {
      self.n = ByteCount(n)
      self.d = ByteCount(d)
      self.k = ByteCount(k)
      self.seededK = ByteCount(Swift.max(k, seededK))
      restarts = ByteCount(options.restarts)
      concurrentRuns = ByteCount(options.restarts >= threads ? Swift.min(threads, options.restarts) : 1)
      algorithm = options.algorithm.resolved(rowCount: n, dimension: d, clusterCount: k)
      refines = options.refines
      dimension = d
      rowCount = n
      clusterCount = k
    }
  }

  /// A Lloyd run besides its outcome: the bounds of Hamerly (16n) or Elkan (8n(k + 1)), the
  /// running cluster sums (a copy of the labels, the changed rows, k × d sums), the centroid
  /// panel and the centroids' copies (about 48(k + 8)d), the repair's sorted rows (16n) and the
  /// centre distances (8k²).
  static func lloydRun(_ f: FitShape) -> ByteCount {
    let bounds: ByteCount =
      switch f.algorithm {
      case .elkan: 8 * f.n * (f.k + 1)
      case .hamerly: 16 * f.n
      default: 0
      }
    return bounds + 21 * f.n + 48 * (f.k + 8) * f.d + 16 * f.k * f.k + 4096
  }

  /// A Lloyd run's outcome: labels (4n), distances (8n) and centroids (8kd).
  static func outcome(_ f: FitShape) -> ByteCount { 12 * f.n + 8 * f.k * f.d + 128 }

  /// Seeding one run: k-means++'s closest distances and running sums (16n), its lists of closer
  /// rows (`Seeder.CloserRows`, for d ≥ 8), its centres and candidate panel; Forgy's shuffled
  /// indices (8n).
  static func seeding(_ f: FitShape) -> ByteCount {
    let candidates = ByteCount(Seeder.trialCount(clusterCount: Swift.max(1, f.seededK.value)))
    let chunks = ByteCount(f.rowCount / AssignmentKernel.chunkRows + 1)
    let capacity = ByteCount(Seeder.CloserRows.defaultCapacity(rowCount: f.rowCount))
    let closer: ByteCount =
      f.dimension >= Seeder.CloserRows.minimumDimension ? chunks * candidates * (12 * capacity + 8) : 0
    return 24 * f.n + closer + 8 * f.seededK * f.d + 8 * f.d * (candidates + 4) + 8 * chunks * (candidates + 4)
  }

  /// The local search of one run (`KMeans/Refinement/`), run for one restart at a time:
  /// the kept outcome, the neighbourhood (24n) and the transfer scans (21n), the transfer bounds
  /// (16n), candidate and moved rows, chains' buckets (8k² and 8n), the clusters' members and
  /// halves (8n, 16kd), the k(k − 1) remove-and-split pairs ordered by gain (24k² — their
  /// centroids are made one at a time), and a trial's Lloyd run, outcome and polish; the split's
  /// d × d scatter matrix only up to `LloydRun.scatterDimensionLimit` features.
  static func refinement(_ f: FitShape) -> ByteCount {
    guard f.refines, f.clusterCount > 1 else { return 0 }
    let scatter: ByteCount = f.dimension <= LloydRun.scatterDimensionLimit ? 8 * f.d * f.d : 0
    return 144 * f.n + 64 * f.k * f.d + 32 * f.k * f.k + lloydRun(f) + scatter + 128 * f.d
  }

  /// The fit's result (`KMeansResult`): labels and distances as 8-byte values (16n, and 8n more
  /// while mapped back from a rescaled space), centroids (8kd).
  static func result(_ f: FitShape) -> ByteCount { 24 * f.n + 16 * f.k * f.d + 8 * f.k + 256 }

  /// The distinct-row check before a fit: up to k rows copied into a set.
  static func distinctRows(_ f: FitShape) -> ByteCount { f.k * (8 * f.d + 96) }

  /// One `KMeans.fit` besides its prepared data: every restart's Lloyd outcome and every
  /// polished one, kept until the best is chosen (2R outcomes), with either the runs that go on
  /// at once (each the larger of its seeding and its Lloyd run), the refinement, or the result.
  static func fit(_ f: FitShape) -> ByteCount {
    let running = f.concurrentRuns * ByteCount.max(seeding(f), lloydRun(f))
    let outcomes = 2 * f.restarts * outcome(f)
    return ByteCount.max(distinctRows(f), outcomes + ByteCount.max(running, refinement(f), result(f)))
  }

  /// A prepared copy of n × d data (`PreparedData`): the centred values and the row norms.
  static func prepared(n: ByteCount, d: ByteCount) -> ByteCount { 8 * n * d + 8 * n + 64 * d }

  /// The k-means++ centres a sweep shares between the k of each restart (`Seeder.Prefixes`).
  static func prefixes(restarts: ByteCount, seededK: ByteCount, d: ByteCount) -> ByteCount {
    restarts * (8 * seededK * d + 64)
  }
}
