import KSelectTestSupport
import Testing

@testable import KSelect

@Suite("bounded k-means equals plain Lloyd")
struct AlgorithmEquivalenceTests {
  /// (n, d, k, duplicateEvery): k = 1, d = 1, k close to n, duplicates, several tiles of work.
  static let shapes: [(Int, Int, Int, Int)] = [
    (40, 1, 1, 0), (200, 1, 5, 3), (500, 2, 8, 0), (300, 3, 20, 2), (1500, 5, 12, 7),
    (2500, 16, 9, 0), (700, 40, 6, 5), (4200, 2, 3, 0), (120, 8, 30, 4), (30, 4, 30, 0),
    (5000, 10, 15, 0),
  ]

  /// One run of every variant from the same k-means++ seeding; everything must be equal.
  @Test(
    "every algorithm, kernel variant and thread count gives the reference kernel's labels, iterations and W_k",
    arguments: shapes)
  func runsAgree(shape: (Int, Int, Int, Int)) throws {
    let (n, d, k, duplicates) = shape
    let data = PreparedData(
      blobs(rows: n, dimension: d, centres: max(1, k / 2 + 1), seed: UInt64(n + d + k), duplicateEvery: duplicates))
    guard data.hasDistinctRows(atLeast: k) else { return }
    let initial = Seeder(data: data, clusterCount: k).initialCentroids(.kMeansPlusPlus, random: RandomSource(seed: 5))
    for refines in [false, true] {
      // A tolerance of 0 makes the runs go to strict convergence; 1e-4 exercises the other stop.
      for tolerance in [0.0, 1e-4] {
        let reference = LloydRun(
          data: data, clusterCount: k, maxIterations: 300, absoluteTolerance: tolerance * data.meanVariance,
          parallelism: .serial, refines: refines
        ).withReferenceKernel
        let expected = reference.run(from: initial)
        for algorithm in [KMeansAlgorithm.lloyd, .hamerly, .elkan] {
          for (threads, variant) in [(1, kernelVariants[0]), (2, kernelVariants.last!)] {
            let parallelism = Parallelism(threads: threads)
            var run = LloydRun(
              data: data, clusterCount: k, maxIterations: 300, absoluteTolerance: tolerance * data.meanVariance,
              parallelism: parallelism, refines: refines, algorithm: algorithm)
            run.kernelVariant = variant
            let outcome = run.run(from: initial)
            let tag =
              "n \(n) d \(d) k \(k) \(algorithm) threads \(threads) kernel \(variant) refines \(refines) tol \(tolerance)"
            #expect(outcome.labels == expected.labels, "\(tag)")
            #expect(outcome.iterations == expected.iterations, "\(tag)")
            #expect(outcome.wcss == expected.wcss, "\(tag)")
            #expect(outcome.distances == expected.distances, "\(tag)")
            #expect(outcome.centroids == expected.centroids, "\(tag)")
          }
        }
      }
    }
  }

  @Test("an iteration cap stops every algorithm at the same place")
  func capped() throws {
    let data = PreparedData(blobs(rows: 3000, dimension: 3, centres: 6, seed: 99))
    let initial = Seeder(data: data, clusterCount: 10).initialCentroids(.forgy, random: RandomSource(seed: 1))
    let results = [KMeansAlgorithm.lloyd, .hamerly, .elkan].map { algorithm in
      LloydRun(
        data: data, clusterCount: 10, maxIterations: 3, absoluteTolerance: 0, parallelism: .serial,
        refines: false, algorithm: algorithm
      ).run(from: initial)
    }
    for outcome in results.dropFirst() {
      #expect(outcome.labels == results[0].labels)
      #expect(outcome.wcss == results[0].wcss)
      #expect(outcome.iterations == 3)
    }
  }

  @Test(
    "empty clusters are repaired identically",
    arguments: [KMeansAlgorithm.lloyd, .hamerly, .elkan])
  func emptyRepair(algorithm: KMeansAlgorithm) throws {
    // Three centroids on data points and a fourth far from every point: it is nobody's nearest,
    // so its cluster is empty after the first assignment and must be re-seeded.
    let data = PreparedData(blobs(rows: 400, dimension: 2, centres: 3, seed: 4))
    var initial = Array(data.centred.values[0..<6])
    initial += [1e6, 1e6]
    let reference = LloydRun(
      data: data, clusterCount: 4, maxIterations: 300, absoluteTolerance: 0, parallelism: .serial, refines: false
    ).withReferenceKernel
    let expected = reference.run(from: initial)
    let outcome = LloydRun(
      data: data, clusterCount: 4, maxIterations: 300, absoluteTolerance: 0, parallelism: Parallelism(threads: 2),
      refines: false, algorithm: algorithm
    ).run(from: initial)
    #expect(outcome.labels == expected.labels)
    #expect(outcome.iterations == expected.iterations)
    #expect(outcome.wcss == expected.wcss)
    #expect(Set(outcome.labels).count == 4)
  }

  @Test("auto resolves by shape and fits give the same W_k whatever the algorithm")
  func fitsAgree() throws {
    #expect(KMeansAlgorithm.auto.resolved(rowCount: 1000, dimension: 2, clusterCount: 8) == .lloyd)
    #expect(KMeansAlgorithm.auto.resolved(rowCount: 1000, dimension: 5, clusterCount: 8) == .lloyd)
    #expect(KMeansAlgorithm.auto.resolved(rowCount: 1000, dimension: 6, clusterCount: 5) == .hamerly)
    #expect(KMeansAlgorithm.auto.resolved(rowCount: 1000, dimension: 64, clusterCount: 4) == .lloyd)
    #expect(KMeansAlgorithm.auto.resolved(rowCount: 1000, dimension: 2, clusterCount: 9) == .hamerly)
    #expect(KMeansAlgorithm.auto.resolved(rowCount: 1000, dimension: 32, clusterCount: 32) == .hamerly)
    #expect(KMeansAlgorithm.elkan.resolved(rowCount: 1000, dimension: 32, clusterCount: 8) == .elkan)
    #expect(KMeansAlgorithm.auto.resolved(rowCount: 1000, dimension: 32, clusterCount: 1) == .lloyd)
    let data = blobs(rows: 2000, dimension: 4, centres: 5, seed: 8)
    var options = KMeansOptions(restarts: 3, seed: 3)
    let results = try KMeansAlgorithm.allCases.map { algorithm in
      options.algorithm = algorithm
      return try KMeans.fit(data, clusterCount: 6, options: options)
    }
    for result in results.dropFirst() { #expect(result == results[0]) }
  }
}
