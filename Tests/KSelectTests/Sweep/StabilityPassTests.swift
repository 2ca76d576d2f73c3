import Foundation
import KSelectTestSupport
import Testing

@testable import KSelect

@Suite("Stability pass: prediction strength and instability from one set of splits")
struct StabilityPassTests {
  @Test("1 thread and 4 threads give identical prediction strengths and instabilities")
  func threadIndependence() {
    let data = PreparedData(CriteriaPredictionStrengthTests.blobs(perBlob: 30, centres: [[0, 0], [4, 0], [2, 3]]))
    let fit = KMeansOptions(restarts: 2, seed: 11)
    let serial = StabilityPass.compute(data, ks: [1, 2, 3, 4], splits: 6, fit: fit, parallelism: .serial)
    let parallel = StabilityPass.compute(
      data, ks: [1, 2, 3, 4], splits: 6, fit: fit, parallelism: Parallelism(threads: 4))
    #expect(serial == parallel)
    #expect(serial.instability.allSatisfy { $0 != nil } && serial.predictionStrength.allSatisfy { $0 != nil })
  }

  @Test("separated blobs: instability 0 at k = 1, least at the true k, far above it beyond")
  func separatedBlobs() throws {
    let data = PreparedData(
      CriteriaPredictionStrengthTests.blobs(perBlob: 40, centres: [[0, 0], [12, 0], [0, 12], [12, 12]]))
    let ks = Array(1...6)
    let pass = StabilityPass.compute(data, ks: ks, splits: 8, fit: KMeansOptions(restarts: 3), parallelism: .allCores)
    #expect(pass.instability[0] == StrengthValue(mean: 0, standardError: 0, splits: 8))
    #expect(pass.predictionStrength[0] == StrengthValue(mean: 1, standardError: 0, splits: 8))
    #expect(try #require(pass.instability[3]).mean < 0.02)
    #expect(try #require(pass.instability[4]).mean > 0.1)
    #expect(Instability.choose(ks: ks, instabilities: pass.instability) == 4)
    #expect(PredictionStrength.choose(ks: ks, strengths: pass.predictionStrength, threshold: 0.8) == 4)
  }

  @Test("halves with fewer than k distinct points leave k undefined")
  func tooFewDistinctPoints() throws {
    // Two distinct points, each repeated 10 times: no half ever has 3 distinct points.
    let rows = (0..<20).map { [$0 % 2 == 0 ? 0.0 : 5.0] }
    let pass = StabilityPass.compute(
      PreparedData(Dataset(rows: rows)), ks: [1, 2, 3], splits: 4, fit: KMeansOptions(restarts: 2),
      parallelism: .serial)
    #expect(try #require(pass.predictionStrength[1]).mean == 1)
    #expect(try #require(pass.instability[1]).mean == 0)
    #expect(pass.predictionStrength[2] == nil && pass.instability[2] == nil)
  }

  /// One `fpc::prediction.strength` run recorded in Fixtures (see Fixtures/README.md).
  struct FPCPredictionStrength: Decodable {
    let call: String
    let fpcVersion: String
    let k: [Int]
    let mean: [Double]
    let se: [Double]
    let optimalk: Int

    enum CodingKeys: String, CodingKey {
      case call, k, mean, se, optimalk
      case fpcVersion = "fpc_version"
    }
  }

  /// Every ps(k) with M = 50 splits and 10 restarts per half lies within 4 combined standard
  /// errors of fpc's with M = 500 and `runs = 10`, and the picks agree. Both sides are Monte
  /// Carlo estimates over independent splits; k-means local optima also differ a little
  /// (R's Hartigan–Wong against our Lloyd with polishing).
  @Test(
    "prediction strength agrees with fpc::prediction.strength within Monte Carlo error",
    arguments: [
      ("iris", "iris.csv", ["sepal_length", "sepal_width", "petal_length", "petal_width"]),
      ("ruspini", "ruspini.csv", ["x", "y"]),
    ])
  func agreesWithFPC(name: String, file: String, columns: [String]) throws {
    let url = try Fixture.url("fpc-\(name)-prediction-strength-runs10-M500.json")
    let fpc = try JSONDecoder().decode(FPCPredictionStrength.self, from: Data(contentsOf: url))
    #expect(fpc.call.contains("M = 500") && fpc.call.contains("runs = 10") && fpc.fpcVersion == "2.2.10")
    let data = PreparedData(try Fixture.repositoryData(file, columns: columns))
    let pass = StabilityPass.compute(
      data, ks: fpc.k, splits: 50, fit: KMeansOptions(restarts: 10, seed: 1), parallelism: .allCores)
    for (index, k) in fpc.k.enumerated() where k >= 2 {
      let ours = try #require(pass.predictionStrength[index])
      let z = (ours.mean - fpc.mean[index]) / Self.combinedSE(ours, fpc.se[index])
      #expect(abs(z) <= 4, "\(name) k = \(k): ours \(ours.formatted), fpc \(fpc.mean[index]) ± \(fpc.se[index])")
    }
    #expect(PredictionStrength.choose(ks: fpc.k, strengths: pass.predictionStrength, threshold: 0.8) == fpc.optimalk)
  }

  static func combinedSE(_ ours: StrengthValue, _ theirs: Double) -> Double {
    max((ours.standardError * ours.standardError + theirs * theirs).squareRoot(), 1e-12)
  }
}
