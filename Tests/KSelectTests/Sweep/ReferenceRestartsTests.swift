import Testing

@testable import KSelect

@Suite("the reference fits' own restarts")
struct ReferenceRestartsTests {
  static func options(restarts: Int = 4, referenceRestarts: Int? = nil, threads: Int = 2, exact: Bool = true)
    -> SweepOptions
  {
    SweepOptions(
      kMin: 1, kMax: 5, fit: KMeansOptions(restarts: restarts, parallelism: Parallelism(threads: threads)),
      references: 6, referenceRestarts: referenceRestarts, exactReferences: exact, resamples: 0, stabilitySplits: 0)
  }

  @Test("referenceRestarts changes the reference fits only, which equal those of a sweep with that many restarts")
  func referencesOnly() throws {
    let data = SweepTests.twoBlobs()
    let full = try Sweep.run(data, options: Self.options())
    let cheap = try Sweep.run(data, options: Self.options(referenceRestarts: 1))
    let single = try Sweep.run(data, options: Self.options(restarts: 1))
    #expect(cheap.fits == full.fits)
    #expect(cheap.references == single.references)
    #expect(cheap.references != full.references)
    #expect(zip(cheap.metrics, full.metrics).allSatisfy { $0.wcss == $1.wcss && $0.fk == $1.fk })
  }

  @Test("with exact references nil keeps the data's restarts: the sweep is the one without the option")
  func exactIsTheDataRestarts() throws {
    let data = SweepTests.twoBlobs()
    let unset = try Sweep.run(data, options: Self.options())
    let same = try Sweep.run(data, options: Self.options(referenceRestarts: 4))
    #expect(unset.references == same.references)
    #expect(unset.metrics == same.metrics)
    #expect(Self.options().referenceFit.restarts == 4)
    #expect(Self.options(exact: false).referenceFit.restarts == SweepOptions.defaultReferenceRestarts)
  }

  @Test("the same seed gives the same references with 1 and 2 threads")
  func threadIndependence() throws {
    let data = SweepTests.twoBlobs()
    let one = try Sweep.run(data, options: Self.options(referenceRestarts: 2, threads: 1))
    let two = try Sweep.run(data, options: Self.options(referenceRestarts: 2, threads: 2))
    #expect(one.references == two.references)
    #expect(one.metrics == two.metrics)
  }

  @Test("the memory estimate's reference phase counts the reference restarts' k-means++ centres")
  func memoryEstimate() {
    func referencePhase(_ referenceRestarts: Int?) -> Int? {
      MemoryEstimate.sweepPhases(
        rowCount: 5000, columnCount: 32, options: Self.options(restarts: 10, referenceRestarts: referenceRestarts),
        resident: 0
      ).first { $0.name == "the gap statistic's reference fits" }?.bytes
    }
    let full = referencePhase(nil)
    #expect(full != nil)
    #expect(referencePhase(10) == full)
    #expect(referencePhase(1)! < full!)
  }

  @Test("zero, negative and too many reference restarts are refused", arguments: [0, -3, 1_000_000_000])
  func validation(value: Int) throws {
    let expected = KSelectError.invalidParameter(
      ParameterError(.referenceRestarts, .between(1, KMeansOptions.maximumRestarts), got: .integer(value)))
    #expect(throws: expected) { try Self.options(referenceRestarts: value).validate() }
  }
}
