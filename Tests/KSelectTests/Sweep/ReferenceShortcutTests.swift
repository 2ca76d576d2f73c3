import Foundation
import Testing

@testable import KSelect

@Suite("the gap statistic's reference shortcuts")
struct ReferenceShortcutTests {
  static func options(
    threads: Int = 2, exact: Bool = false, size: Int? = nil, restarts: Int? = nil, iterations: Int? = nil
  ) -> SweepOptions {
    SweepOptions(
      kMin: 1, kMax: 4, fit: KMeansOptions(restarts: 3, parallelism: Parallelism(threads: threads)),
      references: 5, referenceRestarts: restarts, referenceSize: size, referenceMaxIterations: iterations,
      exactReferences: exact, resamples: 0, stabilitySplits: 0)
  }

  @Test("the default plan: full size up to 1.5 m₀ rows, m₀ above; exact is n, the data's restarts and cap")
  func plan() {
    let defaults = Self.options()
    let m0 = SweepOptions.defaultReferenceSize
    #expect(
      defaults.referencePlan(rowCount: 1000)
        == ReferencePlan(
          rowCount: 1000, size: 1000, restarts: 3, maxIterations: 300,
          refines: true))
    #expect(defaults.referencePlan(rowCount: m0 + m0 / 2).size == m0 + m0 / 2)
    #expect(defaults.referencePlan(rowCount: m0 + m0 / 2 + 1).size == m0)
    #expect(defaults.referencePlan(rowCount: 1_000_000).halfSize == m0 / 2)
    let exact = Self.options(exact: true).referencePlan(rowCount: 1_000_000)
    #expect(
      exact == ReferencePlan(rowCount: 1_000_000, size: 1_000_000, restarts: 3, maxIterations: 300, refines: true))
    #expect(!exact.isCapped && exact.halfSize == nil)
    let explicit = Self.options(exact: true, size: 5000, restarts: 1, iterations: 500).referencePlan(rowCount: 8000)
    #expect(explicit == ReferencePlan(rowCount: 8000, size: 5000, restarts: 1, maxIterations: 300, refines: true))
    #expect(Self.options(iterations: 20).referencePlan(rowCount: 8000).maxIterations == 20)
    #expect(Self.options(size: 10_000).referencePlan(rowCount: 300).size == 300)
  }

  @Test("exact references are the old computation: B references of n points, fitted with the data's settings")
  func exactIsTheOldComputation() throws {
    let data = SweepTests.twoBlobs()
    let options = Self.options(exact: true)
    let result = try Sweep.run(data, options: options)
    let prepared = PreparedData(data)
    let sampler = try ReferenceSampler(data, prepared: prepared, space: options.referenceSpace)
    var fit = options.fit
    fit.parallelism = .serial
    let ks = Array(1...4)
    var expected = [ReferenceFit]()
    var byReference = [[Double]]()
    for b in 0..<options.references {
      let random = RandomSource(seed: fit.seed, stream: [ReferenceFits.streamTag, UInt64(b)])
      let reference = PreparedData(sampler.sample(using: random))
      let prefixes = Seeder.Prefixes(ks: ks, restarts: fit.restarts)
      byReference.append(
        try ks.map { k in
          try KMeans.fit(
            reference, clusterCount: k, options: fit, stream: [ReferenceFits.streamTag, UInt64(b)], prefixes: prefixes
          ).wcss
        })
    }
    for (index, k) in ks.enumerated() {
      for b in 0..<options.references {
        let w = byReference[b][index]
        expected.append(ReferenceFit(k: k, replicate: b + 1, wcss: w, logWCSS: log(w)))
      }
    }
    #expect(result.references == expected)
    for (index, row) in result.metrics.enumerated() {
      let tibshirani = GapStatistic.summarize(wcss: row.wcss, referenceWCSS: byReference.map { $0[index] })
      #expect(row.gap == tibshirani.gap)
      #expect(row.gapSE == tibshirani.se)
    }
  }

  @Test("capped references give the same numbers with 1 and 2 threads")
  func cappedThreadIndependence() throws {
    let data = SweepTests.twoBlobs()
    let one = try Sweep.run(data, options: Self.options(threads: 1, size: 60))
    let two = try Sweep.run(data, options: Self.options(threads: 2, size: 60))
    #expect(one.referencePlan.isCapped)
    #expect(one.references == two.references)
    #expect(one.metrics == two.metrics)
    #expect(one.structure == two.structure)
    #expect(one.decision == two.decision)
  }

  @Test("capped references: s_k is widened, the structure test runs on the references' size, structure is found")
  func cappedSweep() throws {
    let data = SweepTests.twoBlobs()
    let result = try Sweep.run(data, options: Self.options(size: 60))
    let b = 5.0
    for row in result.metrics {
      let sd = try #require(row.gapSD)
      #expect(try #require(row.gapSE) > sd * (1 + 1 / b).squareRoot())
    }
    let test = try #require(result.structure.gapTest)
    #expect(test.references == 5)
    #expect(result.structure.hasStructure == true)
    #expect(result.decision.k == 2)
  }

  @Test("the correction to n on a hand-computed case: two references, m = 100, h = 50, n = 400")
  func correctionByHand() {
    // ℓ(m) = ln W − ln m = 0 and 0.2; ℓ(h) = −0.1 and 0.1; weight (1/100 − 1/400)/(1/50 − 1/100) = 0.75;
    // e = ℓ(m) + 0.75 (ℓ(m) − ℓ(h)) + ln 400 = ln 400 + 0.075 and ln 400 + 0.275: mean ln 400 + 0.175,
    // variance 0.01 (divisor B), v = 0.01 / 2; the moved deviations ±0.1 · √(100/400) = ±0.05.
    #expect(abs(ReferenceCorrection.extrapolationWeight(size: 100, halfSize: 50, rowCount: 400) - 0.75) < 1e-15)
    let moved = ReferenceCorrection.move(
      wcss: [100, 100 * exp(0.2)], size: 100, half: [50 * exp(-0.1), 50 * exp(0.1)], halfSize: 50, to: 400)
    #expect(abs(log(moved.wcss[0]) - (log(400) + 0.125)) < 1e-12)
    #expect(abs(log(moved.wcss[1]) - (log(400) + 0.225)) < 1e-12)
    #expect(abs(moved.meanVariance - 0.005) < 1e-15)
    let withoutBias = ReferenceCorrection.move(
      wcss: [100, 100 * exp(0.2)], size: 100, half: nil, halfSize: 50, to: 400)
    #expect(abs(log(withoutBias.wcss[0]) - (log(400) + 0.05)) < 1e-12)
    #expect(abs(withoutBias.meanVariance - 0.01 / 2) < 1e-15)
  }

  @Test("at m = n the widened s_k is Tibshirani's sd_k · √(1 + 1/B)")
  func standardErrorAtFullSize() {
    let wcss = [12.0, 15.0, 11.0, 14.5]
    let moved = ReferenceCorrection.move(wcss: wcss, size: 500, half: nil, halfSize: 250, to: 500)
    for (a, b) in zip(moved.wcss, wcss) { #expect(abs(a - b) <= 1e-12 * b) }
    let tibshirani = GapStatistic.summarize(wcss: 9, referenceWCSS: wcss)
    let widened = GapStatistic.summarize(
      logW: log(9), referenceLogW: moved.wcss.map { log($0) }, meanVariance: moved.meanVariance)
    #expect(abs(widened.se - tibshirani.se) < 1e-12)
    #expect(abs(widened.gap - tibshirani.gap) < 1e-12)
    // sd_m · √(m/n + 1/B) for m < n without the bias term.
    let capped = ReferenceCorrection.move(wcss: wcss, size: 500, half: nil, halfSize: 250, to: 2000)
    let sdM = GapStatistic.summarize(wcss: 9, referenceWCSS: wcss).sd
    let se = GapStatistic.summarize(
      logW: log(9), referenceLogW: capped.wcss.map { log($0) }, meanVariance: capped.meanVariance
    ).se
    #expect(abs(se - sdM * (500.0 / 2000 + 1 / 4.0).squareRoot()) < 1e-12)
  }

  @Test("a reference size below 2 and an iteration cap below 1 are refused")
  func validation() {
    #expect(throws: KSelectError.invalidParameter(ParameterError(.referenceSize, .atLeast(2), got: .integer(1)))) {
      try Self.options(size: 1).validate()
    }
    #expect(
      throws: KSelectError.invalidParameter(ParameterError(.referenceMaxIterations, .atLeast(1), got: .integer(0)))
    ) { try Self.options(iterations: 0).validate() }
  }
}
