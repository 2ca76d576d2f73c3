import Foundation

/// The gap statistic's reference side: B reference data sets drawn with GSL, each clustered
/// for every k with the data's k-means settings (`SweepOptions.referenceFit`: its own restarts
/// when `referenceRestarts` is set), spread over the threads.
struct ReferenceFits {
  /// W*_kb for every k and replicate, ordered by k then replicate.
  let fits: [ReferenceFit]
  /// W*_kb per k of the sweep (empty when there are no references).
  let referenceWCSS: [[Double]]

  /// The stream tag that keeps reference randomness apart from the data fits'.
  static let streamTag: UInt64 = 0x7265_6665_7265_6E63

  /// Draws and fits the references. Reference b uses random stream (tag, b) for sampling and
  /// (tag, b) followed by `Seeder.stream` for its fits' seedings, so results do not depend on
  /// which thread ran it; its k-means++ centres are shared between the k that draw them alike.
  /// The sampler's principal axes come from `prepared`, the data's centred rows.
  static func compute(_ data: Dataset, prepared: PreparedData, ks: [Int], options: SweepOptions) throws -> ReferenceFits
  {
    let count = options.references
    guard count > 0 else { return ReferenceFits(fits: [], referenceWCSS: ks.map { _ in [] }) }
    let sampler = try ReferenceSampler(data, prepared: prepared, space: options.referenceSpace)
    let done = ProgressCounter()
    var serial = options.referenceFit
    serial.parallelism = .serial
    let serialFit = serial
    let perReference: [[Double]] = try options.fit.parallelism.tryMap(count) { b in
      let random = RandomSource(seed: options.fit.seed, stream: [streamTag, UInt64(b)])
      let reference = PreparedData(sampler.sample(using: random))
      let prefixes = Seeder.Prefixes(ks: ks, restarts: serialFit.restarts)
      let wcss = try ks.map { k in
        try KMeans.fit(
          reference, clusterCount: k, options: serialFit, stream: [streamTag, UInt64(b)], prefixes: prefixes
        ).wcss
      }
      options.progress?(SweepProgress(stage: .references, done: done.increment(), total: count))
      return wcss
    }
    var fits = [ReferenceFit]()
    var byK = [[Double]]()
    for (index, k) in ks.enumerated() {
      let column = perReference.map { $0[index] }
      for (b, w) in column.enumerated() {
        fits.append(ReferenceFit(k: k, replicate: b + 1, wcss: w, logWCSS: log(w)))
      }
      byK.append(column)
    }
    return ReferenceFits(fits: fits, referenceWCSS: byK)
  }
}

/// A thread-safe counter for progress reports.
final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  /// Adds one and returns the new value.
  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}
