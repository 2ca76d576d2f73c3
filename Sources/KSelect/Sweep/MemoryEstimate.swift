import Foundation

/// An upper estimate of the memory a sweep needs, checked before any work starts so that an
/// oversized run is refused with a clear message instead of being killed by the system.
public enum MemoryEstimate {
  /// Bytes a sweep over `rowCount` × `columnCount` data needs with `options`:
  /// the data's copies (loaded, scaled, centred), every k's labels, distances and silhouettes
  /// kept for the report, and each thread's working set (a reference data set, every restart's
  /// outcome and every polished one — labels and distances — kept until the best is chosen, then
  /// the larger of a run's labels, distances and bounds, capped like the bounded algorithms cap
  /// them, and its k-means++ seeding's distances and candidate lists, which are freed before the
  /// run allocates).
  /// - Complexity: O(1).
  public static func sweep(rowCount n: Int, columnCount d: Int, options: SweepOptions) -> Int {
    let ks = max(0, options.kMax - options.kMin + 1)
    let data = 3 * 8 * n * d
    let perK = ks * n * (16 + (options.silhouetteSample == nil ? 8 : 0))
    let bounds = 8 * min(n * options.kMax, 1 << 24)
    let fitting = 32 * n + bounds
    let seeding = Seeder.workingBytes(rowCount: n, clusterCount: options.kMax)
    let outcomes = 2 * options.fit.restarts * 12 * n
    let perThread = 16 * n * d + outcomes + max(fitting, seeding)
    return data + perK + options.fit.parallelism.threads * perThread
  }

  /// The machine's physical memory in bytes.
  public static var physicalMemory: Int { Int(ProcessInfo.processInfo.physicalMemory) }

  /// "1.5 GiB", "340 MiB": a byte count for messages.
  public static func describe(_ bytes: Int) -> String {
    let mib = Double(bytes) / 1_048_576
    return mib >= 1024 ? String(format: "%.1f GiB", mib / 1024) : String(format: "%.0f MiB", max(mib, 1))
  }

  /// Throws unless the sweep's estimate fits in `limit` bytes.
  /// - Throws: `KSelectError.insufficientMemory` with the estimate, the limit and what to change.
  public static func check(rowCount n: Int, columnCount d: Int, options: SweepOptions, limit: Int) throws {
    let needed = sweep(rowCount: n, columnCount: d, options: options)
    guard needed <= limit else {
      throw KSelectError.insufficientMemory(
        "the sweep would need about \(describe(needed)) (n = \(n), d = \(d), k = \(options.kMin)…\(options.kMax), "
          + "\(options.fit.parallelism.threads) threads), more than the \(describe(limit)) allowed; "
          + "lower --k-max, use --silhouette-sample, use fewer --threads, or raise --max-memory")
    }
  }
}
