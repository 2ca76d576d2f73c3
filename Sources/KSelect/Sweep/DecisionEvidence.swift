import Foundation

extension DecisionRule.Evidence {
  /// The rule's evidence from a sweep's metrics table and its references' W*_kb.
  init(metrics: [KMetrics], referenceWCSS: [[Double]], options: SweepOptions) {
    self.init(
      ks: metrics.map(\.k), logW: metrics.map(\.logWCSS), referenceLogW: referenceWCSS.map { $0.map { log($0) } },
      silhouettes: metrics.map { $0[Criterion.silhouette.rawValue] }, seFactor: options.seFactor,
      naming: options.naming)
  }
}
