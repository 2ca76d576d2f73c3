/// Remove and split (Ismkhan 2018), the third move of the refinement search
/// (`LloydRun+Refinement.swift`).
extension LloydRun {
  /// Initial centroids for remove-and-split moves, best estimated gain first: cluster r is
  /// dissolved (estimated cost: Σ over its points of the runner-up minus the own squared
  /// distance) and cluster s is split by 2-means from its principal-axis halves (exact gain).
  /// The k(k − 1) candidates are ordered at once but each one's k × d centroids are made only
  /// when the search reaches it (it seldom tries more than a few).
  /// - Complexity: O(n k d + n d min(d, 120) + k² log k) to order them, O(k d) per candidate.
  func removeAndSplitCandidates(
    _ labels: [Int32], _ neighbours: Neighbours
  ) -> LazyMapSequence<[(estimate: Double, removed: Int, split: Int)], [Double]> {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    let (means, own, runnerUp) = (neighbours.means, neighbours.own, neighbours.runnerUp)
    var removal = [Double](repeating: 0, count: k)
    var members = [[Int]](repeating: [], count: k)
    for i in 0..<n {
      removal[Int(labels[i])] += runnerUp[i] - own[i]
      members[Int(labels[i])].append(i)
    }
    let splits = members.map { split($0) }
    var pairs = [(estimate: Double, removed: Int, split: Int)]()
    for r in 0..<k {
      for s in 0..<k where s != r {
        if let halves = splits[s] { pairs.append((halves.gain - removal[r], r, s)) }
      }
    }
    pairs.sort { ($0.estimate, $1.removed, $1.split) > ($1.estimate, $0.removed, $0.split) }
    return pairs.lazy.map { pair in
      var centroids = means
      let halves = splits[pair.split]!
      for j in 0..<d {
        centroids[pair.split * d + j] = halves.first[j]
        centroids[pair.removed * d + j] = halves.second[j]
      }
      return centroids
    }
  }

  /// Splits the points `rows` in two: halves on either side of the principal axis through
  /// their mean, then 2-means. `nil` when the points cannot be split.
  /// - Returns: the two means and the drop in the sum of squares.
  func split(_ rows: [Int]) -> (first: [Double], second: [Double], gain: Double)? {
    guard rows.count >= 2 else { return nil }
    return data.centred.values.withUnsafeBufferPointer { xs in
      PointSubsets(x: xs.baseAddress!, d: data.columnCount, variant: kernelVariant).split(rows)
    }
  }
}
