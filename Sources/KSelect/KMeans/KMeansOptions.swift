/// How initial centroids are chosen.
public enum Seeding: Sendable, Equatable {
  /// Greedy k-means++ (Arthur & Vassilvitskii 2007): each new centre is the best of
  /// 2 + ⌊ln k⌋ candidates drawn with probability proportional to D(x)².
  case kMeansPlusPlus
  /// k distinct data points drawn uniformly (Forgy).
  case forgy
  /// Every point gets a uniform random label; the centroids are the labels' means.
  case randomPartition
  /// User-given centroids, row-major (k × d), in the clustering's (scaled) space.
  case given([Double])

  /// The name used on the command line and in reports.
  public var name: String {
    switch self {
    case .kMeansPlusPlus: return "k-means++"
    case .forgy: return "forgy"
    case .randomPartition: return "random-partition"
    case .given: return "given"
    }
  }
}

/// Which variant of Lloyd's algorithm runs the iterations. All of them give exactly the same
/// labels, iterations and W_k; they differ only in how many distances they compute.
public enum KMeansAlgorithm: String, Sendable, Equatable, CaseIterable, Codable {
  /// Chosen from k and d: plain Lloyd when k ≤ 4, or k ≤ 8 with d < 6, where the blocked kernel
  /// evaluates every centroid in one lane group at little cost and the bounds do not pay;
  /// Hamerly otherwise. Measured (interleaved medians, one thread), for k = 5 and 8: Hamerly
  /// 10–29 % faster on 20,000 uniform points with d = 6…16 and ×1.8–2.1 with d = 64 (long runs),
  /// between 8 % slower and 13 % faster on 10⁵ blobs with d = 6, 16, 64 (short runs), but 8–15 %
  /// slower on blobs with d = 2…4; for k = 15 and 32, 32–76 % faster on blobs with d = 2, 16, 64.
  /// Elkan was slower than Hamerly in three of four cases measured and needs n × k lower bounds.
  /// See Benchmarks/README.md.
  case auto
  /// Every distance every iteration, with the blocked SIMD kernel.
  case lloyd
  /// Hamerly (2010): one upper and one lower bound per point; best for low d.
  case hamerly
  /// Elkan (2003): one upper and k lower bounds per point; best for higher d.
  case elkan

  /// The algorithm `auto` resolves to for n points, d features and k clusters.
  public func resolved(rowCount n: Int, dimension d: Int, clusterCount k: Int) -> KMeansAlgorithm {
    guard self == .auto else { return self }
    return k <= 4 || (k <= 8 && d < 6) ? .lloyd : .hamerly
  }
}

/// Everything that defines a k-means fit besides the data and the number of clusters k, which
/// `KMeans.fit(_:clusterCount:options:)` takes: one value serves a single fit and every fit of a
/// sweep.
public struct KMeansOptions: Sendable, Equatable {
  /// Independent runs from different seedings; the one with the lowest WCSS is kept.
  public var restarts: Int
  /// The cap on Lloyd iterations per run.
  public var maxIterations: Int
  /// Convergence tolerance on the total squared centroid movement, relative to the mean
  /// feature variance (as scikit-learn's `tol`).
  public var tolerance: Double
  /// How each run is seeded.
  public var seeding: Seeding
  /// The random seed; the same seed gives the same result whatever the thread count.
  public var seed: UInt64
  /// Threads available to the fit.
  public var parallelism: Parallelism
  /// Polish restart 0, and every later restart whose Lloyd W_k is below the lowest polished
  /// W_k so far, with moves that can only lower W_k (single-point transfers, transfer chains,
  /// remove-and-split; see KMeans/Refinement/), ending on a Lloyd fixed point, and keep
  /// the lowest; off gives plain Lloyd.
  public var refines: Bool
  /// The iteration variant; every choice gives the same result, only the speed differs.
  public var algorithm: KMeansAlgorithm

  /// Creates options with scikit-learn-like defaults (10 restarts, 300 iterations, tol 1e-4).
  public init(
    restarts: Int = 10, maxIterations: Int = 300, tolerance: Double = 1e-4,
    seeding: Seeding = .kMeansPlusPlus, seed: UInt64 = 42, parallelism: Parallelism = .allCores,
    refines: Bool = true, algorithm: KMeansAlgorithm = .auto
  ) {
    self.refines = refines
    self.algorithm = algorithm
    self.restarts = restarts
    self.maxIterations = maxIterations
    self.tolerance = tolerance
    self.seeding = seeding
    self.seed = seed
    self.parallelism = parallelism
  }

  /// The most restarts a fit accepts: every restart's outcome is kept until the best is chosen,
  /// so far more than this could never fit in memory, and a count that large is a typo.
  public static let maximumRestarts = 1_000_000

  /// Checks every parameter's range.
  /// - Throws: `KSelectError.invalidParameter` with the offending parameter, its constraint and value.
  public func validate() throws {
    guard restarts >= 1, restarts <= Self.maximumRestarts else {
      throw KSelectError.invalidParameter(
        ParameterError(.restarts, .between(1, Self.maximumRestarts), got: .integer(restarts)))
    }
    guard maxIterations >= 1 else {
      throw KSelectError.invalidParameter(ParameterError(.maxIterations, .atLeast(1), got: .integer(maxIterations)))
    }
    guard tolerance >= 0, tolerance.isFinite else {
      throw KSelectError.invalidParameter(ParameterError(.tolerance, .finiteNonNegative, got: .real(tolerance)))
    }
  }
}

/// The outcome of a k-means fit: the best run over all restarts.
public struct KMeansResult: Sendable, Equatable, Codable {
  /// The number of clusters, k.
  public let clusterCount: Int
  /// The number of features, d.
  public let dimension: Int
  /// The cluster of every point, 0-based, in row order.
  public let labels: [Int]
  /// The centroids, row-major (k × d), in the clustering's (scaled) space.
  public let centroids: [Double]
  /// The within-cluster sum of squares W_k = Σ_r Σ_{i∈C_r} ‖x_i − μ_r‖².
  public let wcss: Double
  /// The number of points in every cluster.
  public let sizes: [Int]
  /// Lloyd iterations of the kept run.
  public let iterations: Int
  /// Whether the kept run stopped on a convergence criterion rather than the iteration cap.
  public let converged: Bool
  /// The index of the restart that was kept (0-based).
  public let restart: Int
  /// The squared distance of every point to its centroid.
  public let squaredDistances: [Double]

  /// Centroid `r` as an array.
  public func centroid(_ r: Int) -> [Double] {
    Array(centroids[(r * dimension)..<((r + 1) * dimension)])
  }
}
