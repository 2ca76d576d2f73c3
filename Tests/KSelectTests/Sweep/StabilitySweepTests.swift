import Testing

@testable import KSelect

@Suite("k sweep: the stability criteria")
struct StabilitySweepTests {
  @Test("two far-apart blobs: both stability criteria pick 2, with their values in the reasons")
  func twoBlobs() throws {
    let result = try Sweep.run(SweepTests.twoBlobs(), options: SweepTests.options(kMax: 5))
    let strength = try #require(result.recommendation(.predictionStrength))
    #expect(strength.k == 2)
    #expect(strength.reason.hasPrefix("the largest k with prediction strength ≥ 0.8 (1.00 ± 0.00) is k = 2"))
    let instability = try #require(result.recommendation(.instability))
    #expect(instability.k == 2)
    #expect(instability.reason.hasPrefix("the least normalised instability (0.00 ± 0.00) is at k = 2"))
    #expect(result.metrics.allSatisfy { $0.predictionStrength != nil && $0.instabilitySE != nil })
  }

  @Test("the sweep's values are the stability pass's with the sweep's settings")
  func passValues() throws {
    let data = SweepTests.twoBlobs()
    var options = SweepTests.options(kMax: 4)
    options.stabilitySplits = 4
    options.stabilityRestarts = 2
    let result = try Sweep.run(data, options: options)
    var fit = options.fit
    fit.restarts = 2
    let pass = StabilityPass.compute(PreparedData(data), ks: [1, 2, 3, 4], splits: 4, fit: fit, parallelism: .serial)
    #expect(result.metrics.map(\.predictionStrength) == pass.predictionStrength.map { $0?.mean })
    #expect(result.metrics.map(\.predictionStrengthSE) == pass.predictionStrength.map { $0?.standardError })
    #expect(result.metrics.map(\.instability) == pass.instability.map { $0?.mean })
    #expect(result.metrics.map(\.instabilitySE) == pass.instability.map { $0?.standardError })
  }

  @Test("--stability-splits 0 turns both criteria off: no values, no k, a reason")
  func off() throws {
    var options = SweepTests.options(kMax: 3)
    options.stabilitySplits = 0
    let result = try Sweep.run(SweepTests.twoBlobs(), options: options)
    for criterion in [Criterion.predictionStrength, .instability] {
      let recommendation = try #require(result.recommendation(criterion))
      #expect(recommendation.k == nil && recommendation.reason.contains("skipped"))
    }
    #expect(result.metrics.allSatisfy { $0.predictionStrength == nil && $0.instability == nil })
    #expect(result.consensus.k == 2)
  }

  @Test("uniform noise: no k ≥ 2 reaches prediction strength 0.8, so it says k = 1")
  func uniformNoise() throws {
    let random = RandomSource(seed: 3)
    let data = Dataset(rowCount: 300, columnCount: 3, values: (0..<900).map { _ in 2 * random.uniform() - 1 })
    let result = try Sweep.run(data, options: SweepTests.options(kMax: 6))
    let strength = try #require(result.recommendation(.predictionStrength))
    #expect(strength.k == 1)
    #expect(strength.reason == "no k ≥ 2 reaches prediction strength 0.8: k = 1")
  }

  @Test("the memory estimate has a stability phase, absent without splits, growing with the threads")
  func memoryPhase() throws {
    func phase(splits: Int, threads: Int, restarts: Int = 3) -> MemoryEstimate.Phase? {
      let options = SweepOptions(
        kMax: 12, fit: KMeansOptions(parallelism: Parallelism(threads: threads)), stabilitySplits: splits,
        stabilityRestarts: restarts)
      return MemoryEstimate.sweepPhases(rowCount: 50_000, columnCount: 20, options: options, resident: 0)
        .first { $0.name == "the stability criteria's splits" }
    }
    #expect(phase(splits: 0, threads: 2) == nil)
    let two = try #require(phase(splits: 10, threads: 2)).bytes
    // Each thread holds a split's halves: at least the data's size (8 n d bytes) per thread.
    #expect(two >= 2 * 8 * 50_000 * 20)
    #expect(try #require(phase(splits: 10, threads: 4)).bytes > two)
    #expect(try #require(phase(splits: 2, threads: 4)).bytes == two)
    #expect(try #require(phase(splits: 10, threads: 2, restarts: 30)).bytes > two)
  }

  /// Rows with only the prediction strength filled in.
  static func rows(_ strengths: [(k: Int, mean: Double?)]) -> [KMetrics] {
    strengths.map { k, mean in
      var row = KMetrics(k: k, wcss: 1, explainedVariance: 0, iterations: 1, converged: true)
      row["prediction_strength"] = mean
      row["prediction_strength_se"] = mean.map { _ in 0.02 }
      return row
    }
  }

  @Test("prediction strength's rule: the largest k reaching the threshold, whatever lies between")
  func predictionStrengthRule() {
    var options = SweepOptions()
    options.predictionStrengthThreshold = 0.9
    let picked = PredictionStrength.recommendation(
      Self.rows([(1, 1), (2, 0.95), (3, 0.7), (4, 0.93), (5, 0.5)]), options: options)
    #expect(picked.k == 4)
    #expect(picked.reason == "the largest k with prediction strength ≥ 0.9 (0.93 ± 0.02) is k = 4")
    let exactly = PredictionStrength.recommendation(Self.rows([(1, 1), (2, 0.9)]), options: options)
    #expect(exactly.k == 2)
    let belowKMin = PredictionStrength.recommendation(Self.rows([(3, 0.6), (4, 0.5)]), options: options)
    #expect(belowKMin.k == nil && belowKMin.reason.contains("below k_min"))
    let undefined = PredictionStrength.recommendation(Self.rows([(3, nil)]), options: options)
    #expect(undefined.k == nil && undefined.reason.contains("undefined"))
  }

  @Test(
    "stability options out of range are refused",
    arguments: [(-1, 3, 0.8), (10, 0, 0.8), (10, 3, 0), (10, 3, 1.5), (10, 3, -0.2), (10, 3, .nan)])
  func invalidOptions(splits: Int, restarts: Int, threshold: Double) {
    let options = SweepOptions(
      stabilitySplits: splits, stabilityRestarts: restarts, predictionStrengthThreshold: threshold)
    #expect(throws: KSelectError.self) { try options.validate() }
  }

  @Test("the threshold may be 1 and the splits 0")
  func validEdges() throws {
    try SweepOptions(stabilitySplits: 0, predictionStrengthThreshold: 1).validate()
  }
}
