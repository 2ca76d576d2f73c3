/// The effective settings of the gap statistic's reference fits for data of n rows: how many
/// points each reference data set has, and how each is fitted.
///
/// By default (`SweepOptions.exactReferences` false) the references are fitted with
/// `SweepOptions.defaultReferenceRestarts` restarts and the data's iteration cap, and they have
/// n points up to n = 1.5 m₀ (m₀ = `SweepOptions.defaultReferenceSize`) and m₀ points above,
/// where m₀ points plus their nested half cost fewer than n; their ln W*_k are then moved to n
/// (`ReferenceCorrection`). With exact references they have n points and the data's restarts,
/// as Tibshirani, Walther & Hastie's procedure has it. Either way the references are polished as
/// the data's fits are (`KMeansOptions.refines`). Explicit `referenceSize`, `referenceRestarts`,
/// `referenceMaxIterations` and `referenceRefines` override either.
public struct ReferencePlan: Sendable, Equatable, Codable {
  /// n, the data's rows.
  public var rowCount: Int
  /// m, the points of each reference data set (1 ≤ m ≤ n).
  public var size: Int
  /// The restarts of each reference fit.
  public var restarts: Int
  /// The Lloyd iteration cap of each reference fit.
  public var maxIterations: Int
  /// Whether each reference fit is polished after Lloyd (`KMeansOptions.refines`).
  public var refines: Bool

  /// Creates a plan from its parts.
  public init(rowCount: Int, size: Int, restarts: Int, maxIterations: Int, refines: Bool) {
    self.rowCount = rowCount
    self.size = size
    self.restarts = restarts
    self.maxIterations = maxIterations
    self.refines = refines
  }

  /// Whether the references are smaller than the data (their values are then moved to n).
  public var isCapped: Bool { size < rowCount }

  /// The size of the nested second reference (the first ⌊m/2⌋ points of each reference) from
  /// which the finite-size bias is extrapolated; `nil` when the references are not capped.
  public var halfSize: Int? { isCapped && size >= 4 ? size / 2 : nil }
}

extension SweepOptions {
  /// The reference plan for data of `n` rows.
  public func referencePlan(rowCount n: Int) -> ReferencePlan {
    let capped = Self.defaultReferenceSize
    let defaultSize = exactReferences || n <= capped + capped / 2 ? n : capped
    let size = min(n, max(1, referenceSize ?? defaultSize))
    let restarts = referenceRestarts ?? (exactReferences ? fit.restarts : Self.defaultReferenceRestarts)
    let iterations = referenceMaxIterations ?? fit.maxIterations
    return ReferencePlan(
      rowCount: n, size: size, restarts: restarts, maxIterations: min(iterations, fit.maxIterations),
      refines: effectiveReferenceRefines)
  }

  /// The k-means settings of the reference fits under `plan`: the data's, with the plan's
  /// restarts, iteration cap and polishing.
  func referenceFit(_ plan: ReferencePlan) -> KMeansOptions {
    var options = fit
    options.restarts = plan.restarts
    options.maxIterations = plan.maxIterations
    options.refines = plan.refines
    return options
  }
}
