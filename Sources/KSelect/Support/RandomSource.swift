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
