import Foundation
import Testing

@testable import KSelect

@Suite("Criteria: prediction strength")
struct CriteriaPredictionStrengthTests {
  @Test("the weakest test cluster's co-membership by hand")
  func minimumStrengthByHand() throws {
    // Test half: own clusters {0,1,2} and {3,4,5}; the training centroids predict 0,1,1 for the
    // first and 1,1,1 for the second. Cluster {0,1,2}: pairs kept 1·0 + 2·1 = 2 of 3·2 = 6 → 1/3;
    // cluster {3,4,5}: 6 / 6 = 1. The minimum: 1/3.
    let table = ContingencyTable([0, 0, 0, 1, 1, 1], [0, 1, 1, 1, 1, 1], rowLabels: 2, columnLabels: 2)
    #expect(abs(PredictionStrength.minimumStrength(table) - 1.0 / 3) < 1e-15)
  }

  @Test("a singleton test cluster counts 1")
  func singleton() {
    // {0, 1} kept together (2 of 2 pairs), {2} alone: counts 1.
    let table = ContingencyTable([0, 0, 1], [0, 0, 1], rowLabels: 2, columnLabels: 2)
    #expect(PredictionStrength.minimumStrength(table) == 1)
    // A cluster of three split 2 + 1 (2 of 6 pairs) beside a singleton predicted with it.
    let split = ContingencyTable([0, 0, 0, 1], [0, 0, 1, 1], rowLabels: 2, columnLabels: 2)
    #expect(abs(PredictionStrength.minimumStrength(split) - 1.0 / 3) < 1e-15)
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

  @Test("standard error over the splits by hand")
  func standardError() throws {
    // Values 0.6, 0.8, 1.0: mean 0.8, sample variance 0.04, SE = sqrt(0.04 / 3).
    let value = try #require(StrengthValue([0.6, 0.8, 1.0]))
    #expect(abs(value.mean - 0.8) < 1e-15 && abs(value.standardError - (0.04 / 3).squareRoot()) < 1e-15)
    #expect(StrengthValue([]) == nil)
  }

  @Test("the reasons print the mean to the decimal of the error's first significant digit")
  func formatted() {
    #expect(StrengthValue(mean: 0.9312, standardError: 0.021, splits: 10).formatted == "0.93 ± 0.02")
    #expect(StrengthValue(mean: 0.7691, standardError: 0.0038, splits: 10).formatted == "0.769 ± 0.004")
    #expect(StrengthValue(mean: 0.5, standardError: 0.15, splits: 10).formatted == "0.50 ± 0.15")
    #expect(StrengthValue(mean: 1, standardError: 0, splits: 10).formatted == "1.00 ± 0.00")
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
