import Foundation
import Testing

@testable import KSelect

/// A clock the test moves by hand.
private final class FakeClock: @unchecked Sendable {
  private let lock = NSLock()
  private var seconds = 100.0
  func now() -> Double { lock.withLock { seconds } }
  func advance(_ delta: Double) { lock.withLock { seconds += delta } }
}

@Suite("Progress: the plan's shares, the time left and the lines shown")
struct ProgressMeterTests {
  static let options = SweepOptions(kMin: 1, kMax: 4, fit: KMeansOptions(restarts: 10), references: 20)

  @Test("shares follow the work: references as planned against the data's fits, fits weigh k")
  func shares() throws {
    var options = Self.options
    options.stabilitySplits = 0
    options.resamples = 0
    let plan = ProgressPlan(rowCount: 100_000, columnCount: 8, options: options)
    let fits = try #require(plan.shares[.fits])
    let references = try #require(plan.shares[.references])
    // B = 20 references of m = 10,000 points plus their nested halves of 5,000, 3 restarts each,
    // against the data's 10 restarts on 100,000 rows: 20 · 3 · 15,000 / (10 · 100,000) = 0.9.
    #expect(abs(references / fits - 0.9) < 1e-9)
    // With --exact-references they are B times the data's fits.
    var full = options
    full.exactReferences = true
    let exactPlan = ProgressPlan(rowCount: 100_000, columnCount: 8, options: full)
    #expect(abs(try #require(exactPlan.shares[.references]) / (try #require(exactPlan.shares[.fits])) - 20) < 1e-9)
    #expect(abs(plan.shares.values.reduce(0, +) - 1) < 1e-12)
    // Fits of k = 1…4 weigh 1, 2, 3, 4: after k = 1 and 2, 3/10 of the fits are done.
    #expect(abs(plan.fraction([.fits: (2, 4)]) - fits * 0.3) < 1e-12)
    #expect(abs(plan.fraction([.fits: (4, 4), .references: (10, 20)]) - (fits + references / 2)) < 1e-12)
    let everything = Dictionary(uniqueKeysWithValues: plan.shares.keys.map { ($0, (done: 3, total: 3)) })
    #expect(plan.fraction(everything) == 1)
    // A sampled silhouette is less work than the exact one.
    var sampled = options
    sampled.silhouetteSample = 1000
    let exact = try #require(plan.shares[.criteria])
    #expect(try #require(ProgressPlan(rowCount: 100_000, columnCount: 8, options: sampled).shares[.criteria]) < exact)
  }

  @Test("time left: elapsed × (1 − f) / f, once 1 % and 2 s are done")
  func timeLeft() {
    #expect(ProgressPlan.secondsLeft(fraction: 0.25, elapsed: 30) == 90)
    #expect(ProgressPlan.secondsLeft(fraction: 1, elapsed: 30) == 0)
    #expect(ProgressPlan.secondsLeft(fraction: 0.005, elapsed: 30) == nil)
    #expect(ProgressPlan.secondsLeft(fraction: 0.5, elapsed: 1) == nil)
    #expect(ProgressPlan.describe(seconds: 44.6) == "45 s")
    #expect(ProgressPlan.describe(seconds: 250) == "4 min 10 s")
    #expect(ProgressPlan.describe(seconds: 1234) == "20 min 30 s")
    #expect(ProgressPlan.describe(seconds: 7500) == "2 h 05 min")
  }

  @Test("lines: percentage, time left, counts, elapsed; rate-limited; redrawn or one per line")
  func lines() throws {
    var options = Self.options
    options.stabilitySplits = 0
    options.resamples = 0
    let plan = ProgressPlan(rowCount: 1000, columnCount: 2, options: options)
    let clock = FakeClock()
    let meter = ProgressMeter(plan: plan, firstK: 1, style: .lines, clock: { clock.now() })
    let first = try #require(meter.update(SweepProgress(stage: .fits, done: 1, total: 4)))
    #expect(first.hasSuffix("\n") && !first.contains("\r"))
    let percent = Int(plan.fraction([.fits: (1, 4)]) * 100)
    #expect(first.hasPrefix("kselect: \(percent) % · k = 1 fitted (1/4) · 0.0 s"))
    clock.advance(5)
    #expect(meter.update(SweepProgress(stage: .fits, done: 4, total: 4)) == nil)  // within 10 s
    clock.advance(5)
    let fraction = plan.fraction([.fits: (4, 4), .references: (5, 20)])
    let shown = try #require(meter.update(SweepProgress(stage: .references, done: 5, total: 20)))
    let left = try #require(ProgressPlan.secondsLeft(fraction: fraction, elapsed: 10))
    #expect(
      shown
        == "kselect: \(Int(fraction * 100)) % · about \(ProgressPlan.describe(seconds: left)) left · "
        + "k = 4 fitted (4/4) · references 5/20 · 10.0 s\n")
    #expect(meter.finish() == "")

    let redrawn = ProgressMeter(plan: plan, firstK: 1, style: .redrawn, clock: { clock.now() })
    let drawn = try #require(redrawn.update(SweepProgress(stage: .fits, done: 2, total: 4)))
    #expect(drawn.hasPrefix("\r\u{1B}[Kkselect: ") && !drawn.hasSuffix("\n"))
    #expect(redrawn.update(SweepProgress(stage: .fits, done: 3, total: 4)) == nil)
    clock.advance(0.2)
    #expect(redrawn.update(SweepProgress(stage: .fits, done: 3, total: 4)) != nil)
    #expect(redrawn.finish() == "\r\u{1B}[K")
  }
}
