import Foundation

extension DecisionRule.Evidence {
  /// The rule's evidence from a sweep's metrics table and its references' W*_kb (with their
  /// Monte Carlo variances and structure curves when they are smaller than the data).
  init(
    metrics: [KMetrics], referenceWCSS: [[Double]], options: SweepOptions, meanVariance: [Double?] = [],
    structureSample: ReferenceFits.StructureSample? = nil
  ) {
    self.init(
      ks: metrics.map(\.k), logW: metrics.map(\.logWCSS), referenceLogW: referenceWCSS.map { $0.map { log($0) } },
      silhouettes: metrics.map { $0[Criterion.silhouette.rawValue] }, seFactor: options.seFactor,
      naming: options.naming)
    referenceMeanVariance = meanVariance
    structureCurves = structureSample.map { ($0.logW, $0.referenceLogW) }
  }
}
