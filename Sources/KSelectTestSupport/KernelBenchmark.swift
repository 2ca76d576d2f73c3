import KSelect
import _KSelectKernels

/// Entry points for the `kselect-bench` executable (Benchmarks/), which times the kernels on
/// their own. Not part of the library: it reaches the internals through `package` access.
public enum KernelBenchmark {
  /// The distance-kernel variant this CPU runs ("avx2+fma" or "portable").
  public static var variantName: String { ksk_best_variant() == .avx2 ? "avx2+fma" : "portable" }

  /// One assignment of every row of `data` to its nearest centroid with the blocked kernel,
  /// over the threads of `parallelism`, as a Lloyd step runs it (labels only: the exact
  /// distances are computed once, after the last step); returns the labels.
  /// - Parameters:
  ///   - data: the points (already centred for best precision).
  ///   - centroids: row-major k × d.
  ///   - portable: use the portable variant even where AVX2/FMA is available.
  public static func assign(
    _ data: Dataset, centroids: [Double], clusterCount k: Int, parallelism: Parallelism,
    portable: Bool = false
  ) -> [Int32] {
    var labels = [Int32](repeating: 0, count: data.rowCount)
    var distances = [Double](repeating: 0, count: data.rowCount)
    AssignmentKernel.assignAll(
      points: data.values, rowCount: data.rowCount, dimension: data.columnCount, centroids: centroids,
      clusterCount: k, parallelism: parallelism, variant: portable ? .portable : ksk_best_variant(),
      writesDistances: false, labels: &labels, distances: &distances)
    return labels
  }

  /// The greedy k-means++ centres of a fit's first restart on `data` (in the centred space),
  /// computed over the threads of `parallelism`; timing it times the seeding on its own.
  /// - Parameters:
  ///   - data: the prepared points.
  ///   - clusterCount: k.
  ///   - seed: the seed, as `KMeansOptions.seed`.
  ///   - portable: use the portable variant even where AVX2/FMA is available.
  /// - Returns: k × d centres, row-major.
  public static func seedCentres(
    _ data: PreparedData, clusterCount k: Int, seed: UInt64, parallelism: Parallelism, portable: Bool = false
  ) -> [Double] {
    let seeder = Seeder(
      data: data, clusterCount: k, parallelism: parallelism, variant: portable ? .portable : ksk_best_variant())
    let stream = Seeder.stream(.kMeansPlusPlus, clusterCount: k, restart: 0)
    return seeder.kMeansPlusPlus(RandomSource(seed: seed, stream: stream))
  }
}
