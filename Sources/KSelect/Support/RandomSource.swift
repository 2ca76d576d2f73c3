import CGSL

/// A seeded stream of random numbers from GSL's Mersenne Twister (`gsl_rng_mt19937`).
///
/// One instance is owned by one task at a time (it is not `Sendable`); parallel work derives an
/// independent stream per task with `RandomSource(seed:stream:)`, so results never depend on
/// which thread ran which task.
public final class RandomSource: RandomNumberGenerator {
  private let generator: UnsafeMutablePointer<gsl_rng>

  /// A generator seeded with `seed`.
  public init(seed: UInt64) {
    GSLErrors.disableAbort()
    guard let rng = gsl_rng_alloc(cgsl_rng_mt19937()) else { fatalError("gsl_rng_alloc failed: out of memory") }
    generator = rng
    gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
  }

  /// A generator for one numbered sub-stream of `seed` (a restart, a reference data set…):
  /// the pair is mixed with SplitMix64 so that neighbouring streams are unrelated.
  public convenience init(seed: UInt64, stream: [UInt64]) {
    var state = seed
    for part in stream { state = Self.splitMix(state ^ Self.splitMix(part &+ 0x9E37_79B9_7F4A_7C15)) }
    self.init(seed: state)
  }

  deinit { gsl_rng_free(generator) }

  /// A uniform double in [0, 1).
  public func uniform() -> Double { gsl_rng_uniform(generator) }

  /// A uniform double in (0, 1), never 0.
  public func uniformPositive() -> Double { gsl_rng_uniform_pos(generator) }

  /// A uniform integer in 0..<bound.
  public func uniformInt(below bound: Int) -> Int {
    precondition(bound > 0)
    if bound <= Int(UInt32.max) { return Int(gsl_rng_uniform_int(generator, UInt(bound))) }
    return Int(Double(bound) * uniform()) % bound
  }

  /// `count` distinct integers of 0..<bound, in the order drawn (a partial Fisher–Yates shuffle:
  /// exactly `count` draws of `uniformInt`).
  /// - Complexity: O(count) time and memory.
  public func distinctIndices(_ count: Int, below bound: Int) -> [Int] {
    precondition(count >= 0 && count <= bound)
    var moved = [Int: Int]()
    var out = [Int]()
    out.reserveCapacity(count)
    for i in 0..<count {
      let j = i + uniformInt(below: bound - i)
      out.append(moved[j] ?? j)
      moved[j] = moved[i] ?? i
    }
    return out
  }

  /// How `trials` independent draws fall into `cells` equally likely cells: a multinomial count
  /// per cell, from GSL's `gsl_ran_multinomial` (conditional binomials).
  /// - Precondition: `cells` ≥ 1 and 0 ≤ `trials` ≤ 2³² − 1.
  /// - Complexity: O(cells), whatever the number of trials.
  public func uniformMultinomial(trials: Int, cells: Int) -> [Int] {
    precondition(cells >= 1 && trials >= 0 && trials <= Int(UInt32.max), "multinomial counts out of range")
    let probabilities = [Double](repeating: 1, count: cells)
    var counts = [UInt32](repeating: 0, count: cells)
    gsl_ran_multinomial(generator, cells, UInt32(trials), probabilities, &counts)
    return counts.map { Int($0) }
  }

  /// A normal deviate with mean 0 and standard deviation `sigma` (GSL's ziggurat method).
  public func gaussian(sigma: Double) -> Double { gsl_ran_gaussian_ziggurat(generator, sigma) }

  /// 64 random bits (two 32-bit draws), for Swift's `RandomNumberGenerator` APIs.
  public func next() -> UInt64 {
    (UInt64(gsl_rng_get(generator)) << 32) | UInt64(gsl_rng_get(generator) & 0xFFFF_FFFF)
  }

  private static func splitMix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Turns GSL's abort-on-error default off once, so that status codes come back to Swift.
enum GSLErrors {
  private static let disabled: Void = { _ = gsl_set_error_handler_off() }()

  /// Makes GSL return status codes instead of aborting the process. Idempotent and thread-safe.
  static func disableAbort() { _ = disabled }

  /// Throws `KSelectError.numerical` when `status` is not `GSL_SUCCESS`.
  static func check(_ status: Int32, _ routine: String) throws {
    guard status == GSL_SUCCESS else {
      throw KSelectError.numerical("\(routine): \(String(cString: gsl_strerror(status)))")
    }
  }
}
