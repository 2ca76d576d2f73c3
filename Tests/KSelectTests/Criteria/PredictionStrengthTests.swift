import Foundation
import Testing

@testable import KSelect

@Suite("Criteria: prediction strength")
struct CriteriaPredictionStrengthTests {
  @Test("the weakest test cluster's co-membership by hand")
  func minimumStrengthByHand() throws {
    // Test half: 6 points on a line, own clusters {0,1,2} and {3,4,5}. Training centroids at
    // 0.5 and 4.5 put points 0,1,2 (x = 0, 1, 2) → 0, 0, 1 (2 is nearer 4.5? no: |2−0.5| = 1.5 <
    // |2−4.5| = 2.5 → 0) … so choose centroids 0 and 1.6: x = 0 → 0, x = 1 → 1, x = 2 → 1.
    // Cluster {0,1,2}: predicted labels 0,1,1 → pairs kept 1·0 + 2·1 = 2 of 3·2 = 6 → 1/3.
    // Cluster {3,4,5} at x = 10, 11, 12: all predicted 1 → 6 / 6 = 1. Minimum: 1/3.
    let points = Dataset(rows: [[0], [1], [2], [10], [11], [12]])
    let test = KMeansResult(
      clusterCount: 2, dimension: 1, labels: [0, 0, 0, 1, 1, 1], centroids: [1, 11], wcss: 4, sizes: [3, 3],
      iterations: 1, converged: true, restart: 0, squaredDistances: [1, 0, 1, 1, 0, 1])
    let training = KMeansResult(
      clusterCount: 2, dimension: 1, labels: [], centroids: [0, 1.6], wcss: 0, sizes: [0, 0],
      iterations: 1, converged: true, restart: 0, squaredDistances: [])
    let strength = PredictionStrength.minimumStrength(test: test, training: training, points: points)
    #expect(abs(strength - 1.0 / 3) < 1e-15)
  }

  @Test("a singleton test cluster counts 1")
  func singleton() {
    let points = Dataset(rows: [[0], [1], [9]])
    let test = KMeansResult(
      clusterCount: 2, dimension: 1, labels: [0, 0, 1], centroids: [0.5, 9], wcss: 0.5, sizes: [2, 1],
      iterations: 1, converged: true, restart: 0, squaredDistances: [0.25, 0.25, 0])
    let training = KMeansResult(
      clusterCount: 2, dimension: 1, labels: [], centroids: [0.5, 9], wcss: 0, sizes: [0, 0],
      iterations: 1, converged: true, restart: 0, squaredDistances: [])
    #expect(PredictionStrength.minimumStrength(test: test, training: training, points: points) == 1)
  }

  @Test("well-separated blobs: strength near 1 at the true k, below the threshold beyond it")
  func separatedBlobs() throws {
    let data = PreparedData(Self.blobs(perBlob: 60, centres: [[0, 0], [10, 0], [0, 10]]))
    let strengths = PredictionStrength.compute(
      data, ks: Array(1...5), splits: 10, fit: KMeansOptions(restarts: 3), parallelism: .allCores)
    #expect(strengths[0] == StrengthValue(mean: 1, standardError: 0, splits: 10))
    // At k = 2 the halves may merge different pairs of blobs, so only k = 3 must be strong.
    #expect(try #require(strengths[2]).mean > 0.95)
    #expect(try #require(strengths[3]).mean < 0.8 && (try #require(strengths[4]).mean) < 0.8)
    #expect(PredictionStrength.choose(ks: Array(1...5), strengths: strengths, threshold: 0.8) == 3)
  }

  @Test("the same seed gives the same strengths whatever the thread count")
  func threadIndependence() {
    let data = PreparedData(Self.blobs(perBlob: 30, centres: [[0, 0], [4, 0], [2, 3]]))
    let fit = KMeansOptions(restarts: 2, seed: 11)
    let serial = PredictionStrength.compute(data, ks: [1, 2, 3, 4], splits: 6, fit: fit, parallelism: .serial)
    let parallel = PredictionStrength.compute(
      data, ks: [1, 2, 3, 4], splits: 6, fit: fit, parallelism: Parallelism(threads: 4))
    #expect(serial == parallel)
  }

  @Test("standard error over the splits by hand")
  func standardError() throws {
    // Values 0.6, 0.8, 1.0: mean 0.8, sample variance 0.04, SE = sqrt(0.04 / 3).
    let value = try #require(StrengthValue([0.6, 0.8, 1.0]))
    #expect(abs(value.mean - 0.8) < 1e-15 && abs(value.standardError - (0.04 / 3).squareRoot()) < 1e-15)
    #expect(StrengthValue([]) == nil)
  }

  /// Gaussian blobs with unit spread around `centres`, `perBlob` points each, seeded.
  static func blobs(perBlob: Int, centres: [[Double]], seed: UInt64 = 3) -> Dataset {
    let random = RandomSource(seed: seed)
    var rows = [[Double]]()
    for centre in centres {
      for _ in 0..<perBlob { rows.append(centre.map { $0 + random.gaussian(sigma: 1) }) }
    }
    return Dataset(rows: rows)
  }
}
