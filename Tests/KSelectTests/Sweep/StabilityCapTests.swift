import Testing

@testable import KSelect

@Suite("Stability pass: halves capped in size")
struct StabilityCapTests {
  @Test("half sizes: ⌊n/2⌋ and ⌈n/2⌉ up to the cap, the cap above")
  func sizes() {
    #expect(SplitHalves.sizes(rowCount: 101) == [50, 51])
    #expect(SplitHalves.sizes(rowCount: 100, maximumHalfSize: 50) == [50])
    #expect(SplitHalves.sizes(rowCount: 101, maximumHalfSize: 50) == [50, 51])
    #expect(SplitHalves.sizes(rowCount: 102, maximumHalfSize: 50) == [50])
    #expect(SplitHalves.sizes(rowCount: 1_000_000, maximumHalfSize: 5_000) == [5_000])
  }

  @Test("capped halves hold the cap's rows each, drawn from the whole data")
  func cappedHalves() {
    let data = PreparedData(Dataset(rows: (0..<200).map { [Double($0)] }))
    let halves = SplitHalves(data, maximumHalfSize: 30, random: RandomSource(seed: 3))
    #expect(halves.rows(0).rowCount == 30 && halves.rows(1).rowCount == 30)
    let values = (0..<2).flatMap { h in (0..<30).map { halves.rows(h).values[$0] } }
    #expect(Set(values).count == 60)
    let spread = (values.max() ?? 0) - (values.min() ?? 0)
    #expect(spread > 100)
  }

  @Test("a cap at or above n/2 changes nothing; a capped pass is the same on 1 and 3 threads")
  func capAndThreads() {
    let data = PreparedData(CriteriaPredictionStrengthTests.blobs(perBlob: 40, centres: [[0, 0], [5, 0], [2, 4]]))
    let fit = KMeansOptions(restarts: 2, seed: 9)
    let ks = [1, 2, 3, 4]
    let uncapped = StabilityPass.compute(data, ks: ks, splits: 4, fit: fit, parallelism: .serial)
    let atHalf = StabilityPass.compute(data, ks: ks, splits: 4, fit: fit, maximumHalfSize: 60, parallelism: .serial)
    #expect(uncapped == atHalf)
    let capped = StabilityPass.compute(data, ks: ks, splits: 4, fit: fit, maximumHalfSize: 25, parallelism: .serial)
    let cappedThreads = StabilityPass.compute(
      data, ks: ks, splits: 4, fit: fit, maximumHalfSize: 25, parallelism: Parallelism(threads: 3))
    #expect(capped == cappedThreads)
    #expect(capped != uncapped)
    #expect(PredictionStrength.choose(ks: ks, strengths: capped.predictionStrength, threshold: 0.8) == 3)
  }

  @Test("the sweep caps its halves with stabilityHalfSize; the subsamples use resampleRestarts")
  func sweepOptions() throws {
    #expect(SweepOptions().stabilityHalfSize == SweepOptions.defaultStabilityHalfSize)
    #expect(throws: KSelectError.self) { try SweepOptions(stabilityHalfSize: 1).validate() }
    #expect(throws: KSelectError.self) { try SweepOptions(resampleRestarts: 0).validate() }
    let options = Resampling.subsampleOptions(SweepOptions(fit: KMeansOptions(restarts: 10)))
    #expect(options.fit.restarts == SweepOptions.defaultResampleRestarts)
    #expect(options.silhouetteSampleSize(rowCount: 10_000) == Resampling.silhouetteSample)
    #expect(options.silhouetteSampleSize(rowCount: Resampling.silhouetteSample) == nil)
    let exact = Resampling.subsampleOptions(SweepOptions(exactSilhouettes: true, resampleRestarts: nil))
    #expect(exact.silhouetteSampleSize(rowCount: 10_000) == nil && exact.fit.restarts == KMeansOptions().restarts)
  }
}
