extension Seeder {
  /// The random stream of one restart's seeding, appended to the fit's own stream. Greedy
  /// k-means++ draws the same numbers for every k with the same number of candidates
  /// (`trialCount`), so its stream names that number instead of k: its centres for k are then
  /// the first k of its centres for any larger k with as many candidates. The other seedings'
  /// streams name k.
  package static func stream(_ seeding: Seeding, clusterCount k: Int, restart: Int) -> [UInt64] {
    switch seeding {
    case .kMeansPlusPlus: return [Self.prefixTag, UInt64(trialCount(clusterCount: k)), UInt64(restart)]
    case .forgy, .randomPartition, .given: return [UInt64(k), UInt64(restart)]
    }
  }

  /// The stream tag of greedy k-means++, which keeps its streams apart from the k-named ones.
  static let prefixTag: UInt64 = 0x6B70_7021

  /// Greedy k-means++ centres of every restart, drawn once for the largest k of a sweep with
  /// the same number of candidates, so that the fits of the smaller k take their first k
  /// centres instead of drawing them again: the same centres (see `stream`), at a fraction of
  /// the cost (the draws for k = 8…15 cost what k = 15 alone costs).
  ///
  /// Restart r's slot is read and written only by the fit of restart r, and the fits of one
  /// sweep run one k after another, so no two threads touch one slot.
  final class Prefixes: Sendable {
    /// The k the sweep fits.
    private let ks: [Int]
    /// Per restart: the candidates per centre and the centres (row-major) last drawn.
    private let drawn: ResultSlots<(trials: Int, centres: [Double])>

    /// Empty slots for `restarts` restarts of the fits for `ks`.
    init(ks: [Int], restarts: Int) {
      self.ks = ks
      drawn = ResultSlots(count: restarts)
    }

    /// `seeder`'s greedy k-means++ centres for `restart` (k × d, row-major), drawn from `random`
    /// (the restart's stream) unless an earlier fit drew them.
    func centres(_ seeder: Seeder, restart: Int, random: RandomSource) -> [Double] {
      let k = seeder.clusterCount
      let values = k * seeder.data.columnCount
      let trials = trialCount(clusterCount: k)
      if let slot = drawn.stored(at: restart), slot.trials == trials, slot.centres.count >= values {
        return Array(slot.centres[0..<values])
      }
      let length = ks.filter { $0 > k && trialCount(clusterCount: $0) == trials }.max() ?? k
      let longer = Seeder(
        data: seeder.data, clusterCount: length, parallelism: seeder.parallelism, variant: seeder.variant)
      let centres = longer.kMeansPlusPlus(random)
      drawn.store((trials, centres), at: restart)
      return Array(centres[0..<values])
    }
  }
}
