import Foundation
import KSelectTestSupport
import Testing

@testable import KSelect

/// The iris data (4 numeric features, unscaled) shipped in Data/.
private func irisData() throws -> PreparedData {
  PreparedData(try DataLoader.load(path: dataFile("iris.csv").path).dataset)
}

/// scikit-learn 1.9.1 `KMeans(k, n_init=10, random_state=0).inertia_` on iris, k = 1...10
/// (command in Fixtures/README.md).
private func sklearnWCSS() throws -> [Int: Double] {
  var values = [Int: Double]()
  for row in try Fixture.rows("iris_sklearn_wcss.csv") {
    guard let k = row["k"].flatMap({ Int($0) }), let wcss = try Fixture.number(row["wcss"]) else {
      throw FixtureError.malformed("iris_sklearn_wcss.csv", "\(row)")
    }
    values[k] = wcss
  }
  return values
}

@Suite("k-means quality against scikit-learn")
struct KMeansQualityTests {
  @Test("the default options reach scikit-learn's WCSS on iris for every k", arguments: 1...10)
  func matchesScikitLearn(k: Int) throws {
    let reference = try #require(try sklearnWCSS()[k])
    let result = try KMeans.fit(try irisData(), clusterCount: k, options: KMeansOptions())
    #expect(result.wcss <= reference * (1 + 1e-9), "k = \(k): ours \(result.wcss), scikit-learn \(reference)")
    if k == 3 { #expect(abs(result.wcss - 78.851) <= 0.01) }
  }

  /// Opt-in (`KSELECT_SEED_SWEEP=30`): how often seeds 1...N reach scikit-learn's value, per k.
  @Test(
    "seed sweep against scikit-learn",
    .enabled(if: ProcessInfo.processInfo.environment["KSELECT_SEED_SWEEP"] != nil))
  func seedSweep() throws {
    let seeds = Int(ProcessInfo.processInfo.environment["KSELECT_SEED_SWEEP"] ?? "") ?? 30
    let refines = ProcessInfo.processInfo.environment["KSELECT_SWEEP_PLAIN"] == nil
    let data = try irisData()
    let reference = try sklearnWCSS()
    for k in 2...10 {
      var hits = 0
      var values = [Double]()
      for seed in 1...seeds {
        let options = KMeansOptions(seed: UInt64(seed), refines: refines)
        let wcss = try KMeans.fit(data, clusterCount: k, options: options).wcss
        values.append(wcss)
        if wcss <= reference[k]! * (1 + 1e-9) { hits += 1 }
      }
      values.sort()
      print(
        "sweep k=\(k) hits=\(hits)/\(seeds) best=\(values[0]) median=\(values[seeds / 2]) worst=\(values[seeds - 1]) sklearn=\(reference[k]!)"
      )
    }
  }
}
