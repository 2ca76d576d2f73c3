import Testing

@testable import KSelect

@Suite("k sweep")
struct SweepTests {
  /// Two tight blobs 20 apart: 100 points each around (−10, 0) and (10, 0), σ = 1.
  static func twoBlobs() -> Dataset {
    let random = RandomSource(seed: 7)
    var rows = [[Double]]()
    for centre in [-10.0, 10.0] {
      for _ in 0..<100 { rows.append([centre + random.gaussian(sigma: 1), random.gaussian(sigma: 1)]) }
    }
    return Dataset(rows: rows)
  }

  static func options(kMax: Int = 6, threads: Int = 2) -> SweepOptions {
    SweepOptions(
      kMin: 1, kMax: kMax, fit: KMeansOptions(restarts: 5, parallelism: Parallelism(threads: threads)),
      references: 10)
  }

  @Test("two far-apart blobs: every criterion picks 2")
  func twoBlobsPickTwo() throws {
    let result = try Sweep.run(Self.twoBlobs(), options: Self.options())
    for recommendation in result.recommendations {
      #expect(recommendation.k == 2, "\(recommendation.criterion): \(recommendation.reason)")
    }
    #expect(result.consensus.k == 2)
    #expect(result.consensus.agreeing == Criterion.allCases)
    #expect(result.recommendedK == 2)
    #expect(result.pointSilhouettes?.count == 200)
  }

  @Test("uniform noise: the gap statistic picks 1 and f(K) finds no clear structure")
  func uniformNoise() throws {
    // A uniform cube in 3-D. (On the 2-D square f(4) sits near 0.85 whatever n — the four
    // quadrants — so the square is a borderline case for f(K), not a clean one.)
    let random = RandomSource(seed: 3)
    let data = Dataset(rowCount: 300, columnCount: 3, values: (0..<900).map { _ in 2 * random.uniform() - 1 })
    let result = try Sweep.run(data, options: Self.options(kMax: 8))
    #expect(result.recommendation(.gap)?.k == 1)
    #expect(result.metrics.allSatisfy { $0.fk! >= 0.85 })
    let fk = try #require(result.recommendation(.fk))
    #expect(fk.k == 1)
    #expect(fk.reason.contains("no clear cluster structure"))
  }

  @Test("the metrics table follows the definitions")
  func metricsDefinitions() throws {
    let data = Self.twoBlobs()
    let result = try Sweep.run(data, options: Self.options(kMax: 4))
    let total = PreparedData(data).totalSumOfSquares
    #expect(result.ks == [1, 2, 3, 4])
    #expect(abs(result.metrics[0].wcss - total) <= 1e-9 * total)
    for (index, row) in result.metrics.enumerated() {
      #expect(row.k == index + 1)
      #expect(abs(row.explainedVariance - (1 - row.wcss / total)) < 1e-12)
      let column = result.references.filter { $0.k == row.k }.map(\.logWCSS)
      #expect(column.count == 10)
      let mean = column.reduce(0, +) / 10
      let sd = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 10).squareRoot()
      #expect(abs(row.referenceLogWCSSMean! - mean) < 1e-12)
      #expect(abs(row.gap! - (mean - row.logWCSS!)) < 1e-12)
      #expect(abs(row.gapSD! - sd) < 1e-12)
      #expect(abs(row.gapSE! - sd * (1 + 1.0 / 10).squareRoot()) < 1e-12)
    }
    #expect(result.metrics[0].silhouette == nil)
    #expect(result.metrics[0].calinskiHarabasz == nil)
    #expect(result.metrics[0].alpha == nil)
    #expect(result.metrics[0].fk == 1)
  }

  @Test("duplicate points cap k_max at the number of distinct points")
  func duplicatePoints() throws {
    let rows = (0..<30).map { i -> [Double] in [[0, 0], [5, 5], [10, 0]][i % 3] }
    let result = try Sweep.run(Dataset(rows: rows), options: Self.options(kMax: 6))
    #expect(result.ks == [1, 2, 3])
    #expect(result.notes.contains { $0.contains("k_max lowered from 6 to 3") })
    #expect(result.metrics[2].wcss <= 1e-20 * result.metrics[0].wcss)
    #expect(result.metrics[2].logWCSS == nil)
    #expect(result.metrics[2].gap == nil)
    #expect(result.metrics[2].silhouette == 1)
  }

  @Test("uniform square board: the gap statistic picks 1")
  func uniformSquare() throws {
    let result = try Sweep.run(Generators.uniformSquare(count: 200, seed: 3), options: Self.options(kMax: 8))
    #expect(result.recommendation(.gap)?.k == 1)
  }

  @Test("k_min above the number of distinct points is an error")
  func kMinTooLarge() {
    let rows = (0..<10).map { i -> [Double] in [Double(i % 2), 0] }
    var options = Self.options()
    options.kMin = 3
    #expect(throws: KSelectError.self) { try Sweep.run(Dataset(rows: rows), options: options) }
  }

  @Test("the same seed gives the same numbers with 1 and 2 threads")
  func threadIndependence() throws {
    let data = Self.twoBlobs()
    let one = try Sweep.run(data, options: Self.options(kMax: 5, threads: 1))
    let two = try Sweep.run(data, options: Self.options(kMax: 5, threads: 2))
    #expect(one.metrics == two.metrics)
    #expect(one.references == two.references)
    #expect(one.fits == two.fits)
    #expect(one.recommendations == two.recommendations)
  }

  @Test("the sweep's fit for every k is the fit of that k alone (k-means++ centres shared as prefixes)")
  func sharedSeedingsChangeNothing() throws {
    // Three blobs plus noise, k = 1…10: greedy k-means++ draws 2, 3 and 4 candidates per centre
    // for k = 2, 3…7 and 8…10, so the sweep shares two groups of draws.
    let random = RandomSource(seed: 31)
    let rows = (0..<240).map { i in [Double(i % 3) * 6 + random.gaussian(sigma: 1.5), random.gaussian(sigma: 2)] }
    let data = Dataset(rows: rows)
    let options = Self.options(kMax: 10, threads: 2)
    let sweep = try Sweep.run(data, options: options)
    for (index, k) in sweep.ks.enumerated() {
      #expect(sweep.fits[index] == (try KMeans.fit(data, clusterCount: k, options: options.fit)), "k = \(k)")
    }
    // The prefix property itself: the centres for k are the first k of those for 10.
    let prepared = PreparedData(data)
    let stream = Seeder.stream(.kMeansPlusPlus, clusterCount: 10, restart: 3)
    let ten = Seeder(data: prepared, clusterCount: 10).kMeansPlusPlus(RandomSource(seed: 42, stream: stream))
    for k in 8...9 {
      #expect(Seeder.stream(.kMeansPlusPlus, clusterCount: k, restart: 3) == stream)
      let alone = Seeder(data: prepared, clusterCount: k).kMeansPlusPlus(RandomSource(seed: 42, stream: stream))
      #expect(alone == Array(ten[0..<(2 * k)]), "k = \(k)")
    }
    #expect(Seeder.stream(.kMeansPlusPlus, clusterCount: 7, restart: 3) != stream)
  }

  @Test("f(k_min) uses W at k_min − 1 when the sweep starts above 1")
  func fkAboveOne() throws {
    let data = Self.twoBlobs()
    var options = Self.options(kMax: 5)
    let full = try Sweep.run(data, options: options)
    options.kMin = 3
    let partial = try Sweep.run(data, options: options)
    #expect(partial.ks == [3, 4, 5])
    #expect(partial.metrics.map(\.fk) == Array(full.metrics.map(\.fk).dropFirst(2)))
  }

  @Test("the sweep reports per-cluster mean silhouettes at the recommended k")
  func clusterMeansInSweep() throws {
    let result = try Sweep.run(SweepTests.twoBlobs(), options: SweepTests.options(kMax: 3))
    let means = try #require(result.clusterSilhouettes)
    #expect(means.count == result.recommendedK)
    #expect(means.allSatisfy { $0 > 0.8 && $0 <= 1 })
  }
}
