import Testing

@testable import KSelect

@Suite("Parameter errors: values a caller matches, worded with any naming")
struct ParameterErrorTests {
  /// The `ParameterError` that `validate()` throws for `options`, or `nil`.
  private func refusal(_ options: SweepOptions) -> ParameterError? {
    do {
      try options.validate()
    } catch KSelectError.invalidParameter(let error) {
      return error
    } catch {
      Issue.record("unexpected error \(error)")
    }
    return nil
  }

  @Test("every out-of-range option names its parameter, its constraint and its value")
  func validation() {
    let fit = KMeansOptions(restarts: 2)
    #expect(refusal(SweepOptions(kMin: 0)) == ParameterError(.kMin, .atLeast(1), got: .integer(0)))
    #expect(refusal(SweepOptions(kMax: -5)) == ParameterError(.kMax, .atLeast(1), got: .integer(-5)))
    #expect(refusal(SweepOptions(kMin: 5, kMax: 3)) == ParameterError(.kMin, .notAbove(.kMax, 3), got: .integer(5)))
    #expect(
      refusal(SweepOptions(references: -1))
        == ParameterError(.references, .between(0, SweepOptions.maximumReferences), got: .integer(-1)))
    #expect(refusal(SweepOptions(seFactor: -1)) == ParameterError(.seFactor, .nonNegative, got: .real(-1)))
    #expect(
      refusal(SweepOptions(kneeSensitivity: .infinity))
        == ParameterError(.kneeSensitivity, .positive, got: .real(.infinity)))
    #expect(
      refusal(SweepOptions(silhouetteSample: 1)) == ParameterError(.silhouetteSample, .atLeast(2), got: .integer(1)))
    #expect(
      refusal(SweepOptions(fit: KMeansOptions(tolerance: -1)))
        == ParameterError(.tolerance, .finiteNonNegative, got: .real(-1)))
    #expect(
      refusal(SweepOptions(fit: KMeansOptions(restarts: 0)))
        == ParameterError(.restarts, .between(1, KMeansOptions.maximumRestarts), got: .integer(0)))
    #expect(refusal(SweepOptions(fit: fit)) == nil)
  }

  @Test("the library's messages use its own names; another naming renames every parameter")
  func wording() {
    let order = ParameterError(.kMin, .notAbove(.kMax, 3), got: .integer(5))
    #expect(ParameterError(.kMin, .atLeast(1), got: .integer(0)).description == "k_min must be at least 1 (got 0)")
    #expect(order.description == "k_min (5) must not exceed k_max (3)")
    #expect(order.message(naming: ParameterNaming { "<\($0.rawValue)>" }) == "<k_min> (5) must not exceed <k_max> (3)")
    #expect(
      ParameterError(.columns, .namesEachColumnOnce, got: .text("a\u{1B}b")).description
        == "columns names 'a\\u{1B}b' twice")
  }

  @Test("a memory refusal names the parameters that lower it, the limit last")
  func memoryRefusal() {
    let phase = MemoryEstimate.Phase(
      name: "the fit", bytes: 1 << 30,
      remedies: [MemoryRemedy(.lower, .restarts), MemoryRemedy(.useFewer, .threads)])
    let refusal = MemoryRefusal(
      subject: "the fit", context: "3 rows", estimate: 2 << 30, limit: 1 << 20, largest: phase)
    #expect(refusal.parameters == [.restarts, .threads, .memoryLimit])
    #expect(
      refusal.message(naming: .library)
        == "the fit would need about 2.0 GiB (\(2 << 30) bytes; 3 rows), more than the 1 MiB allowed; the largest "
        + "part is the fit (1.0 GiB): lower restarts, or use fewer threads, or raise memory_limit")
  }
}
