import Foundation

/// How much of a sweep's work each stage is, so that progress can be shown as one percentage
/// and an estimated time left.
///
/// The work of a stage is counted in distance evaluations: a fit of k clusters on n × d data
/// with R restarts costs about R·n·k·d per Lloyd iteration (the iteration count is unknown
/// beforehand and taken as the same for every fit); exact silhouettes cost n²·d once for every
/// k together, sampled ones s·n·d. Each stage is counted as the sweep runs it: the references'
/// size and restarts from `SweepOptions.referencePlan`, the stability halves' cap, the
/// subsamples' restarts and silhouette samples. The estimate is a plan, not a promise: the time
/// left is the elapsed time scaled by the work left over the work done, so it corrects itself
/// as the stages go by.
public struct ProgressPlan: Sendable, Equatable {
  /// Each stage's share of the whole work, adding up to 1.
  public let shares: [SweepProgress.Stage: Double]
  /// The k fitted, in order: within the fits, k's share grows with k.
  private let ks: [Int]

  /// Lloyd iterations assumed per fit, against the single pass over pairs of the silhouettes.
  static let assumedIterations = 20.0

  /// The plan of a sweep of `options` on `rowCount` × `columnCount` data.
  public init(rowCount: Int, columnCount: Int, options: SweepOptions) {
    let n = Double(max(1, rowCount))
    let d = Double(max(1, columnCount))
    let largest = max(1, min(options.kMax, rowCount))
    let smallest = max(1, min(options.kMin, largest))
    ks = Array((smallest > 1 ? smallest - 1 : smallest)...largest)
    let sumK = Double(ks.reduce(0, +))
    let fit = { (rows: Double, restarts: Int) in Double(restarts) * rows * sumK * d * Self.assumedIterations }
    var work: [SweepProgress.Stage: Double] = [.fits: fit(n, options.fit.restarts)]
    if options.references > 0 {
      // Capped references are fitted at m points and again on their nested half.
      let plan = options.referencePlan(rowCount: rowCount)
      let points = Double(plan.size + (plan.halfSize ?? 0))
      work[.references] = Double(options.references) * fit(points, plan.restarts)
    }
    if options.stabilitySplits > 0 {
      // Both halves of every split, each fitted and each predicted by the other.
      let half = Double(min(rowCount / 2, options.stabilityHalfSize))
      work[.stability] = Double(options.stabilitySplits) * fit(2 * half, options.stabilityRestarts)
    }
    let sampled = Double(options.silhouetteSampleSize(rowCount: rowCount) ?? rowCount)
    work[.criteria] = max(1, sampled * n * d)
    let subsample = Resampling.subsampleSize(rowCount: rowCount)
    if options.resamples > 0, subsample >= 2 {
      let subsampleOptions = Resampling.subsampleOptions(options)
      let m = Double(subsample)
      let silhouettes = Double(subsampleOptions.silhouetteSampleSize(rowCount: subsample) ?? subsample) * m * d
      work[.resamples] = Double(options.resamples) * (fit(m, subsampleOptions.fit.restarts) + silhouettes)
    }
    let total = work.values.reduce(0, +)
    shares = work.mapValues { $0 / total }
  }

  /// The fraction of the whole work done, in [0, 1], when each stage reports `done` of `total`
  /// units (stages absent have not started).
  public func fraction(_ counters: [SweepProgress.Stage: (done: Int, total: Int)]) -> Double {
    var sum = 0.0
    for (stage, share) in shares {
      guard let counter = counters[stage], counter.total > 0 else { continue }
      let done = min(max(0, counter.done), counter.total)
      var part = Double(done) / Double(counter.total)
      if stage == .fits, counter.total == ks.count {
        // Fits report one k at a time, smallest first; larger k cost more.
        part = Double(ks.prefix(done).reduce(0, +)) / Double(max(1, ks.reduce(0, +)))
      }
      sum += share * part
    }
    return min(1, max(0, sum))
  }

  /// The time left, in seconds, when `fraction` of the work took `elapsed` seconds; `nil` before
  /// enough is done to say (1 % of the work and 2 s).
  public static func secondsLeft(fraction: Double, elapsed: Double) -> Double? {
    guard fraction >= 0.01, elapsed >= 2 else { return nil }
    return max(0, elapsed * (1 - fraction) / fraction)
  }

  /// "45 s", "4 min 10 s", "2 h 05 min": a duration for a progress line, rounded to what a
  /// person plans with.
  public static func describe(seconds: Double) -> String {
    let total = Int(seconds.rounded())
    if total < 60 { return "\(total) s" }
    if total < 3600 {
      let rounded = total < 600 ? total : (total + 5) / 10 * 10
      return "\(rounded / 60) min \(String(format: "%02d", rounded % 60)) s"
    }
    let minutes = (total + 30) / 60
    return "\(minutes / 60) h \(String(format: "%02d", minutes % 60)) min"
  }
}
