import Testing

@testable import KSelect

@Suite("Criteria: sampled silhouettes")
struct SilhouetteSampleTests {
  @Test("a sampled point's s(i) is taken against every point, by hand")
  func byHand() throws {
    // 1-d points 0, 1 | 5, 6, 7. Row 0: a = 1, b = (5 + 6 + 7) / 3 = 6, s = 5/6. Row 3 (x = 6):
    // a = (1 + 1) / 2 = 1, b = (6 + 5) / 2 = 5.5, s = 4.5/5.5 = 9/11. k = 1 is undefined.
    let data = PreparedData(Dataset(rows: [[0], [1], [5], [6], [7]]))
    let values = Silhouette.sampledValues(
      data, rows: [3, 0], labelings: [[0, 0, 1, 1, 1], [0, 0, 0, 0, 0]], clusterCounts: [2, 1], parallelism: .serial)
    let two = try #require(values[0])
    #expect(two.count == 2)
    #expect(abs(two[0] - 9.0 / 11) < 1e-12)
    #expect(abs(two[1] - 5.0 / 6) < 1e-12)
    #expect(values[1] == nil)
  }

  @Test("sampled values are the exact pass's values at the sampled rows, on any thread count")
  func matchesExact() throws {
    let data = PreparedData(CriteriaPredictionStrengthTests.blobs(perBlob: 50, centres: [[0, 0], [3, 0], [1, 3]]))
    let labels = (0..<150).map { $0 / 50 }
    let shifted = (0..<150).map { ($0 / 25) % 4 }
    let exact = Silhouette.pointValues(
      data, labelings: [labels, shifted], clusterCounts: [3, 4], parallelism: .serial)
    let rows = [149, 0, 7, 77, 77, 100, 3, 64, 65, 66, 12]
    for threads in [1, 2, 3] {
      let sampled = Silhouette.sampledValues(
        data, rows: rows, labelings: [labels, shifted], clusterCounts: [3, 4],
        parallelism: Parallelism(threads: threads))
      for t in 0..<2 {
        let all = try #require(exact[t])
        let some = try #require(sampled[t])
        for (position, row) in rows.enumerated() { #expect(abs(some[position] - all[row]) < 1e-12) }
      }
    }
  }

  @Test("the standard error of a sample mean without replacement, by hand")
  func standardError() throws {
    // Values 0.2, 0.4, 0.6: mean 0.4, S² = (0.04 + 0 + 0.04) / 2 = 0.04. Of N = 6 points the
    // finite-population correction is 1 − 3/6 = 0.5: SE = √(0.5 · 0.04 / 3) = √(1/150).
    let se = try #require(Silhouette.sampleStandardError([0.2, 0.4, 0.6], populationSize: 6))
    #expect(abs(se - (1.0 / 150).squareRoot()) < 1e-15)
    // The whole population: no sampling error. One value: undefined.
    #expect(Silhouette.sampleStandardError([0.2, 0.4, 0.6], populationSize: 3) == 0)
    #expect(Silhouette.sampleStandardError([0.2], populationSize: 6) == nil)
    // Without the correction (N → ∞) it is S / √s.
    let large = try #require(Silhouette.sampleStandardError([0.2, 0.4, 0.6], populationSize: Int.max))
    #expect(abs(large - (0.04 / 3).squareRoot()) < 1e-12)
  }

  @Test("the automatic sample: exact up to the documented n, the default size above, forced or exact on request")
  func automaticSample() throws {
    let options = SweepOptions()
    #expect(options.silhouetteSampleSize(rowCount: SweepOptions.automaticSilhouetteRows) == nil)
    #expect(
      options.silhouetteSampleSize(rowCount: SweepOptions.automaticSilhouetteRows + 1)
        == SweepOptions.defaultSilhouetteSample)
    #expect(SweepOptions(silhouetteSample: 50).silhouetteSampleSize(rowCount: 200) == 50)
    #expect(SweepOptions(silhouetteSample: 200).silhouetteSampleSize(rowCount: 200) == nil)
    #expect(SweepOptions(exactSilhouettes: true).silhouetteSampleSize(rowCount: 10_000_000) == nil)
    #expect(throws: KSelectError.self) { try SweepOptions(silhouetteSample: 50, exactSilhouettes: true).validate() }
  }

  @Test("a sweep with sampled silhouettes: one sample for every k, its SE, per-cluster means, same on 1 and 2 threads")
  func sweep() throws {
    let data = CriteriaPredictionStrengthTests.blobs(perBlob: 40, centres: [[0, 0], [6, 0], [3, 5]])
    func run(_ threads: Int) throws -> SweepResult {
      let fit = KMeansOptions(restarts: 2, seed: 5, parallelism: Parallelism(threads: threads))
      return try Sweep.run(
        data, options: SweepOptions(kMax: 4, fit: fit, references: 0, silhouetteSample: 30, resamples: 0))
    }
    let result = try run(1)
    let sample = try #require(result.silhouetteSample)
    #expect(sample.size == 30 && sample.rowCount == 120 && sample.rows == sample.rows.sorted())
    #expect(Set(sample.rows).count == 30)
    #expect(result.pointSilhouettesByK.allSatisfy { $0 == nil })
    for (index, row) in result.metrics.enumerated() {
      guard let values = sample.valuesByK[index] else {
        #expect(row.k == 1 && row.silhouette == nil && row.silhouetteSE == nil)
        continue
      }
      #expect(row.silhouette == Silhouette.mean(values))
      #expect(row.silhouetteSE == Silhouette.sampleStandardError(values, populationSize: 120))
      // Each value is the exact s(i) of its row.
      let exact = try #require(Silhouette.pointValues(data, labels: result.fits[index].labels, clusterCount: row.k))
      for (position, r) in sample.rows.enumerated() { #expect(abs(values[position] - exact[r]) < 1e-12) }
    }
    let fit = try #require(result.fit(for: result.recommendedK))
    let (rows, values) = try #require(result.sampledSilhouettes)
    let means = try #require(result.clusterSilhouettes)
    let sizes = try #require(result.clusterSilhouetteSampleSizes)
    #expect(sizes.reduce(0, +) == 30)
    for cluster in 0..<result.recommendedK {
      let own = rows.indices.filter { fit.labels[rows[$0]] == cluster }.map { values[$0] }
      #expect(own.count == sizes[cluster])
      if !own.isEmpty { #expect(abs(means[cluster] - own.reduce(0, +) / Double(own.count)) < 1e-12) }
    }
    let twoThreads = try run(2)
    #expect(twoThreads.silhouetteSample == sample)
    #expect(twoThreads.metrics == result.metrics)
  }
}
