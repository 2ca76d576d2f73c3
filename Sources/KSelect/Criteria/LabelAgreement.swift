import Foundation

/// How well a clustering agrees with known class labels: the cluster × label table, the
/// adjusted Rand index and the normalised mutual information, computed as scikit-learn's
/// `adjusted_rand_score` and `normalized_mutual_info_score` (arithmetic-mean normalisation)
/// compute them.
public struct LabelAgreement: Sendable, Equatable {
  /// The distinct labels, in code-point order of their text: the table's columns.
  public let labels: [String]
  /// The number of clusters: the table's rows.
  public let clusterCount: Int
  /// n_cl, the points of cluster c (0-based) with label l, row-major (`clusterCount` × labels).
  public let counts: [Int]
  /// The adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions, about 0 for
  /// independent ones, 1 when both put every point alone or all points together.
  public let adjustedRandIndex: Double
  /// The mutual information divided by the mean of the two entropies: 1 for identical partitions
  /// (and when both are a single group), 0 when either is a single group and the other is not.
  public let normalizedMutualInformation: Double

  /// Compares `clusters` (0-based, below `clusterCount`) with `labels`, one per point.
  /// - Precondition: both have the same length.
  /// - Complexity: O(n log L + k L) for n points, k clusters and L distinct labels.
  public init(clusters: [Int], clusterCount: Int, labels: [String]) {
    precondition(clusters.count == labels.count, "one label per point")
    let distinct = Array(Set(labels)).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($0.element, $0.offset) })
    let table = ContingencyTable(
      clusters, labels.map { index[$0]! }, rowLabels: clusterCount, columnLabels: distinct.count)
    self.labels = distinct
    self.clusterCount = clusterCount
    counts = table.counts
    adjustedRandIndex = Self.adjustedRand(table)
    normalizedMutualInformation = Self.normalizedMutualInformation(table)
  }

  /// The pair-confusion form scikit-learn uses: over ordered pairs of distinct points, tp pairs
  /// together in both, fp together in the clustering only, fn in the labels only, tn in neither;
  /// ARI = 2 (tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)), and 1 when fp = fn = 0.
  static func adjustedRand(_ table: ContingencyTable) -> Double {
    let n = table.counts.reduce(0, +)
    let rowTotals = (0..<table.rowLabels).map { table.rowTotal($0) }
    let columnTotals = (0..<table.columnLabels).map { b in
      (0..<table.rowLabels).reduce(0) { $0 + table.counts[$1 * table.columnLabels + b] }
    }
    let sumSquares = table.counts.reduce(0) { $0 + $1 * $1 }
    let clusteringPairs = rowTotals.reduce(0) { $0 + $1 * $1 } - sumSquares
    let labelPairs = columnTotals.reduce(0) { $0 + $1 * $1 } - sumSquares
    let tp = Double(sumSquares - n)
    let fp = Double(clusteringPairs)
    let fn = Double(labelPairs)
    let tn = Double(n * n - clusteringPairs - labelPairs - sumSquares)
    if fn == 0 && fp == 0 { return 1 }
    return 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))
  }

  /// MI / ((H(clusters) + H(labels)) / 2), natural logarithms; 1 when both have one group
  /// (or none), 0 when the mutual information is 0. Each cell's term is taken as scikit-learn
  /// takes it (terms below machine epsilon in magnitude count as 0; the sum is clipped at 0).
  static func normalizedMutualInformation(_ table: ContingencyTable) -> Double {
    let rowTotals = (0..<table.rowLabels).map { table.rowTotal($0) }.filter { $0 > 0 }
    let columnTotals = (0..<table.columnLabels).map { b in
      (0..<table.rowLabels).reduce(0) { $0 + table.counts[$1 * table.columnLabels + b] }
    }
    if rowTotals.count == columnTotals.count && rowTotals.count <= 1 { return 1 }
    guard rowTotals.count > 1, columnTotals.count > 1 else { return 0 }
    let n = Double(table.counts.reduce(0, +))
    let logN = log(n)
    var terms = [Double]()
    for a in 0..<table.rowLabels {
      for b in 0..<table.columnLabels {
        let m = table.counts[a * table.columnLabels + b]
        guard m > 0 else { continue }
        let share = Double(m) / n
        let outer = Double(table.rowTotal(a)) * Double(columnTotals[b])
        let term = share * (log(Double(m)) - logN) + share * (-log(outer) + logN + logN)
        terms.append(abs(term) < Double.ulpOfOne ? 0 : term)
      }
    }
    let mutualInformation = max(0, terms.reduce(0, +))
    guard mutualInformation != 0 else { return 0 }
    let mean = (entropy(rowTotals) + entropy(columnTotals)) / 2
    return mutualInformation / mean
  }

  /// −Σ p log p of the group sizes (natural logarithm), as log(a) − log(b) per term.
  static func entropy(_ sizes: [Int]) -> Double {
    guard sizes.count > 1 else { return 0 }
    let total = Double(sizes.reduce(0, +))
    return -sizes.reduce(0.0) { sum, size in
      sum + (Double(size) / total) * (log(Double(size)) - log(total))
    }
  }
}
