import Foundation

/// Upper estimates of the memory a run needs, checked before the memory is allocated so that an
/// oversized run is refused with a clear message instead of being killed by the system.
///
/// A run goes through phases — reading the input, fitting the data for every k, the gap
/// statistic's reference fits, the criteria, writing the report — and its peak is the largest
/// phase: what the earlier phases keep plus the phase's own working set. Each phase counts the
/// buffers the code allocates in it (see `MemoryEstimate+Fits.swift` and
/// `MemoryEstimate+Phases.swift`); all arithmetic saturates, so absurd option values give a huge
/// estimate, never a trap. The process itself adds `baselineBytes`.
public enum MemoryEstimate {
  /// The process before any data: the Swift runtime, Foundation, GSL, the threads' stacks (about
  /// 27 MiB measured for a sweep of 3 points), with room to spare.
  public static let baselineBytes = 40 << 20

  /// One phase of a run: what it is, its peak, and what lowers it.
  public struct Phase: Sendable, Equatable {
    /// What the run does in this phase ("the gap statistic's reference fits").
    public let name: String
    /// The peak of the phase in bytes (saturated at `Int.max`).
    public let bytes: Int
    /// What lowers it.
    public let remedies: [MemoryRemedy]
  }

  /// A run's estimate: its phases, each with its peak.
  public struct Estimate: Sendable, Equatable {
    /// What is estimated ("the sweep", "the fit").
    public let subject: String
    /// The shape and settings the estimate is for, as a phrase for messages.
    public let context: String
    /// The phases in the order the run goes through them.
    public let phases: [Phase]

    /// The run's peak: the largest phase plus the process itself.
    public var bytes: Int { (ByteCount(largest.bytes) + ByteCount(baselineBytes)).value }

    /// The phase with the largest peak.
    public var largest: Phase { phases.max { $0.bytes < $1.bytes } ?? Phase(name: "", bytes: 0, remedies: []) }

    /// Throws unless the estimate fits in `limit` bytes.
    /// - Throws: `KSelectError.insufficientMemory` with a `MemoryRefusal`: the estimate, the
    ///   limit, the largest phase and the parameters that lower it.
    public func check(limit: Int) throws {
      let needed = bytes
      guard needed > limit else { return }
      throw KSelectError.insufficientMemory(
        .refused(MemoryRefusal(subject: subject, context: context, estimate: needed, limit: limit, largest: largest)))
    }
  }

  /// The peak bytes of `Sweep.run` on `rowCount` × `columnCount` data with `options`, beyond the
  /// data themselves (without the process's baseline, the input file and the report).
  /// - Complexity: O(1).
  public static func sweep(rowCount n: Int, columnCount d: Int, options: SweepOptions) -> Int {
    sweepPhases(rowCount: n, columnCount: d, options: options, resident: 0).map(\.bytes).max() ?? 0
  }

  /// Throws unless `Sweep.run`'s estimate fits in `limit` bytes.
  /// - Throws: `KSelectError.insufficientMemory` with the estimate, the limit and what to change.
  public static func check(rowCount n: Int, columnCount d: Int, options: SweepOptions, limit: Int) throws {
    try Estimate(
      subject: "the sweep",
      context: context(rows: "\(n)", features: "\(d)", kMax: max(options.kMin, min(options.kMax, n)), options: options),
      phases: sweepPhases(rowCount: n, columnCount: d, options: options, resident: 8 * ByteCount(n) * ByteCount(d))
    ).check(limit: limit)
  }

  /// The machine's physical memory in bytes.
  public static var physicalMemory: Int { Int(clamping: ProcessInfo.processInfo.physicalMemory) }

  /// "1.5 GiB", "340 MiB", "64 KiB": a byte count for messages.
  public static func describe(_ bytes: Int) -> String {
    let kib = Double(bytes) / 1024
    let mib = kib / 1024
    if mib >= 1024 * 1024 { return String(format: "%.1f TiB", mib / (1024 * 1024)) }
    if mib >= 1024 { return String(format: "%.1f GiB", mib / 1024) }
    if mib >= 1 { return String(format: "%.0f MiB", mib) }
    return kib >= 1 ? String(format: "%.0f KiB", kib) : "\(bytes) bytes"
  }

  /// The shape and settings of a sweep, as a phrase for messages.
  static func context(rows: String, features: String, kMax: Int, options: SweepOptions) -> String {
    "\(rows) rows × \(features) features, k = \(options.kMin)…\(kMax), \(options.fit.restarts) restarts, "
      + "\(options.references) references, \(options.fit.parallelism.threads) threads"
  }
}
