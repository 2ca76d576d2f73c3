import Testing

@testable import KSelect

@Suite("the reference fits' own polishing switch")
struct ReferencePolishingTests {
  static func options(refines: Bool = true, referenceRefines: Bool? = nil, exact: Bool = true) -> SweepOptions {
    SweepOptions(
      kMin: 1, kMax: 5, fit: KMeansOptions(restarts: 3, parallelism: Parallelism(threads: 2), refines: refines),
      references: 6, referenceRefines: referenceRefines, exactReferences: exact, resamples: 0, stabilitySplits: 0)
  }

  @Test("nil is the data's setting, with or without exact references; set wins")
  func effectiveSetting() {
    #expect(Self.options().effectiveReferenceRefines)
    #expect(!Self.options(refines: false).effectiveReferenceRefines)
    #expect(Self.options(exact: false).effectiveReferenceRefines)
    #expect(!Self.options(refines: false, exact: false).effectiveReferenceRefines)
    #expect(!Self.options(referenceRefines: false).effectiveReferenceRefines)
    #expect(Self.options(refines: false, referenceRefines: true, exact: false).effectiveReferenceRefines)
    let plain = Self.options(referenceRefines: false, exact: false)
    #expect(!plain.referencePlan(rowCount: 100).refines)
    #expect(!plain.referenceFit.refines && plain.fit.refines)
  }

  @Test("turning reference polishing off changes the references only, as plain Lloyd on the data would")
  func referencesOnly() throws {
    let data = SweepTests.twoBlobs()
    let polished = try Sweep.run(data, options: Self.options())
    let plain = try Sweep.run(data, options: Self.options(referenceRefines: false))
    let unpolishedData = try Sweep.run(data, options: Self.options(refines: false))
    #expect(plain.fits == polished.fits)
    #expect(plain.references == unpolishedData.references)
    #expect(zip(plain.metrics, polished.metrics).allSatisfy { $0.wcss == $1.wcss && $0.fk == $1.fk })
    #expect(!plain.referencePlan.refines && polished.referencePlan.refines)
  }

  @Test("polished references never have a larger W*_k than plain Lloyd from the same seedings")
  func polishingOnlyLowers() throws {
    let data = SweepTests.twoBlobs()
    let polished = try Sweep.run(data, options: Self.options())
    let plain = try Sweep.run(data, options: Self.options(referenceRefines: false))
    #expect(polished.references.count == plain.references.count)
    for (p, q) in zip(polished.references, plain.references) {
      #expect(p.k == q.k && p.replicate == q.replicate)
      #expect(p.wcss <= q.wcss * (1 + 1e-12))
    }
  }
}
