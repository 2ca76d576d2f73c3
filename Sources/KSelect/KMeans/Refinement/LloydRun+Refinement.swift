/// The local search that polishes every converged Lloyd run (`KMeansOptions.refines`).
///
/// Lloyd's algorithm stops at the first partition whose points are each nearest their own
/// centroid; many such partitions are poor. Three moves, each evaluated with the exact change
/// in W_k, lead away from them, and a move is kept only when W_k strictly falls:
///
/// 1. Single-point transfers (Hartigan & Wong 1979): moving x from cluster A to cluster B
///    changes W_k by n_B/(n_B+1)·‖x−μ_B‖² − n_A/(n_A−1)·‖x−μ_A‖². A partition with no
///    improving transfer is also a Lloyd fixed point (Telgarsky & Vattani 2010).
/// 2. Transfer chains (after Kernighan & Lin 1970): between two neighbouring clusters, the
///    points that lie nearest the other cluster's centroid move one at a time, each time the
///    one that costs least, for up to `chainLength` steps; the best prefix of the chain is kept
///    when it lowers W_k. This finds the joint moves of a few points that no single transfer
///    can make.
/// 3. Remove and split (Ismkhan 2018, "I-k-means−+"): one cluster is dissolved into its
///    neighbours and another is split in two along its principal axis; the pairs are tried in
///    order of their estimated gain, and a round ends after `failedSplitsPerRound` trials that
///    do not lower W_k. This moves a centroid between distant parts of the data.
///
/// After every kept move Lloyd and single-point transfers run again, so the result is a Lloyd
/// fixed point no worse than plain Lloyd's from the same seeding. Everything here runs serially
/// within one restart and in a fixed order, so the thread count never changes a number.
extension LloydRun {
  /// The longest transfer chain tried between two clusters.
  static let chainLength = 8
  /// Remove-and-split trials that may fail before a round of the search ends.
  static let failedSplitsPerRound = 3
  /// Lloyd iterations after which a trial move must have come below the current W_k.
  static let trialIterations = 20
  /// The largest dimension for which a split forms its d × d scatter matrix (see `PointSubsets`).
  static var scatterDimensionLimit: Int { PointSubsets.scatterDimensionLimit }

  /// The outcome of the local search started from a Lloyd outcome; the input itself when the
  /// run hit its iteration cap.
  package func refined(_ start: Outcome) -> Outcome {
    guard clusterCount > 1, start.converged, start.iterations < maxIterations else { return start }
    var best = transferStable(start)
    search: while best.iterations < maxIterations {
      let neighbours = Neighbours(self, labels: best.labels)
      if let moved = bestChain(best.labels, neighbours), let candidate = accepted(moved, over: best) {
        best = candidate
        continue search
      }
      var failures = 0
      for centroids in removeAndSplitCandidates(best.labels, neighbours) {
        if let candidate = accepted(centroids, over: best) {
          best = candidate
          continue search
        }
        failures += 1
        if failures >= Self.failedSplitsPerRound { break }
      }
      break
    }
    return best
  }

  /// Lloyd from `centroids`, made transfer-stable, when it converges below `current`'s W_k.
  /// A trial whose Lloyd iterations have not come below `current`'s W_k within
  /// `trialIterations` is abandoned: on weakly structured data such trials creep on for hundreds
  /// of iterations and seldom end below, and transfers alone seldom make up the difference.
  private func accepted(_ centroids: [Double], over current: Outcome) -> Outcome? {
    let budget = maxIterations - current.iterations
    guard budget > 0 else { return nil }
    var trial = lloyd(from: centroids, iterationBudget: min(budget, Self.trialIterations))
    guard trial.wcss < current.wcss else { return nil }
    if !trial.converged && trial.iterations < budget {
      let spent = trial.iterations
      trial = lloyd(from: trial.centroids, iterationBudget: budget - spent)
      trial.iterations += spent
    }
    var candidate = transferStable(trial)
    guard candidate.converged, candidate.wcss < current.wcss * (1 - 1e-12) else { return nil }
    candidate.iterations += current.iterations
    return candidate
  }

  /// Alternates single-point transfer passes and Lloyd until no transfer lowers W_k.
  func transferStable(_ start: Outcome) -> Outcome {
    var outcome = start
    var labels = outcome.labels
    while outcome.iterations < maxIterations, let polished = polish(&labels) {
      let resumed = lloyd(from: polished, iterationBudget: maxIterations - outcome.iterations)
      guard resumed.wcss <= outcome.wcss else { break }
      let spent = outcome.iterations
      outcome = resumed
      outcome.iterations += spent
      labels = outcome.labels
    }
    return outcome
  }
}
