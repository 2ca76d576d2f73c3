import Foundation
import _KSelectKernels

/// Per-cluster coordinate sums and sizes of a labelling, carried from one labelling to the next.
///
/// The first labelling, and any that changes more than an eighth of the rows, is summed afresh:
/// fixed chunks of rows, each summed in row order, combined in chunk order. Otherwise only the
/// rows whose label changed move their coordinates from the old cluster's sum to the new one's,
/// in row order; late Lloyd iterations move few points, so most calls cost one scan of the
/// labels. Repairs of empty clusters move their rows through `move(row:to:)`, so the sums always
/// describe the labelling Lloyd's loop holds. Every number depends only on the sequence of
/// labellings — never on the thread count or on the iteration variant, which all produce the
/// same labellings. The sums differ from a fresh summation only by the rounding of the moves:
/// each add or subtract rounds by at most half an ulp of the sum it changes, a cluster left
/// empty is reset to exactly zero, and a run sums afresh at its start.
struct RunningClusterSums {
  let data: PreparedData
  let clusterCount: Int
  let parallelism: Parallelism
  /// The variant of the kernels (`.best` unless a test asks for another); all give the same
  /// rows and sums.
  let variant: KernelVariant
  /// The labelling `sums` and `counts` describe, in a buffer of its own (updated in place, so the
  /// caller's labels are never copied on write); empty before the first update.
  private(set) var labels: [Int32] = []
  /// The clusters' coordinate sums, k × d row-major.
  private(set) var sums: [Double]
  /// The clusters' sizes.
  private(set) var counts: [Int]
  /// Room for the changed rows of one update (at most an eighth of the rows, and the 64 rows of
  /// `ksk_changed_rows`' last block).
  private var changedRows: [Int]

  /// Rows per chunk of a fresh summation: fixed for given k and d, so that the thread count never
  /// changes a sum, and at least k·d/2, so that the chunks' partial sums take at most two values
  /// per row.
  static func chunkRows(clusterCount k: Int, dimension d: Int) -> Int { max(2048, k * d / 2) }

  /// Sums for `data` with `clusterCount` clusters; the first update sums afresh.
  init(
    data: PreparedData, clusterCount k: Int, parallelism: Parallelism, variant: KernelVariant = .best
  ) {
    self.data = data
    self.clusterCount = k
    self.parallelism = parallelism
    self.variant = variant
    sums = [Double](repeating: 0, count: k * data.columnCount)
    counts = [Int](repeating: 0, count: k)
    changedRows = [Int](repeating: 0, count: data.rowCount / 8 + 64)
  }

  /// The sums (k × d, row-major) and sizes of the clusters of `newLabels`.
  mutating func totals(for newLabels: [Int32]) -> (sums: [Double], counts: [Int]) {
    update(to: newLabels)
    return (sums, counts)
  }

  /// Makes `sums` and `counts` describe `newLabels`.
  /// - Returns: whether any row's cluster differs from the last labelling (always on the first
  ///   update).
  @discardableResult
  mutating func update(to newLabels: [Int32]) -> Bool {
    let n = newLabels.count
    if labels.count == n {
      let count = ksk_changed_rows(variant, labels, newLabels, n, &changedRows, n / 8)
      if count == 0 { return false }
      if count > 0 {
        moveChangedRows(count, to: newLabels)
        return true
      }
    }
    (sums, counts) = Self.freshTotals(
      data, newLabels, clusterCount: clusterCount, parallelism: parallelism, variant: variant)
    if labels.count == n {
      labels.withUnsafeMutableBufferPointer { own in
        newLabels.withUnsafeBufferPointer { own.baseAddress!.update(from: $0.baseAddress!, count: n) }
      }
    } else {
      labels = newLabels.withUnsafeBufferPointer { Array($0) }
    }
    return true
  }

  /// Moves the first `count` rows of `changedRows`, in order, to their clusters in `newLabels`.
  private mutating func moveChangedRows(_ count: Int, to newLabels: [Int32]) {
    let rows = changedRows
    data.centred.values.withUnsafeBufferPointer { xs in
      sums.withUnsafeMutableBufferPointer { s in
        for i in rows[0..<count] {
          Self.transfer(i, from: Int(labels[i]), to: Int(newLabels[i]), x: xs, sums: s, counts: &counts)
          labels[i] = newLabels[i]
        }
      }
    }
  }

  /// Moves row `i` to cluster `r`: its coordinates leave its cluster's sum and join r's.
  mutating func move(row i: Int, to r: Int) {
    let from = Int(labels[i])
    data.centred.values.withUnsafeBufferPointer { xs in
      sums.withUnsafeMutableBufferPointer { s in Self.transfer(i, from: from, to: r, x: xs, sums: s, counts: &counts) }
    }
    labels[i] = Int32(r)
  }

  /// Row i's coordinates (of the row-major `x`) leave cluster `from`'s sum and join `to`'s. A
  /// cluster left empty gets a sum of exactly zero, so a sum never carries the rounding of points
  /// its cluster no longer has.
  private static func transfer(
    _ i: Int, from: Int, to: Int, x: UnsafeBufferPointer<Double>, sums s: UnsafeMutableBufferPointer<Double>,
    counts: inout [Int]
  ) {
    let d = s.count / counts.count
    counts[from] -= 1
    counts[to] += 1
    let emptied = counts[from] == 0
    for j in 0..<d {
      let value = x[i * d + j]
      s[from * d + j] = emptied ? 0 : s[from * d + j] - value
      s[to * d + j] += value
    }
  }

  /// Sums of `labels`' clusters from scratch: fixed chunks (`ksk_cluster_sums`, row order),
  /// combined in chunk order.
  static func freshTotals(
    _ data: PreparedData, _ labels: [Int32], clusterCount k: Int, parallelism: Parallelism,
    variant: KernelVariant = .best
  ) -> (sums: [Double], counts: [Int]) {
    let n = data.rowCount
    let d = data.columnCount
    let chunkRows = Self.chunkRows(clusterCount: k, dimension: d)
    let chunks = max(1, (n + chunkRows - 1) / chunkRows)
    var partialSums = [Double](repeating: 0, count: chunks * k * d)
    var partialCounts = [Int64](repeating: 0, count: chunks * k)
    data.centred.values.withUnsafeBufferPointer { xs in
      labels.withUnsafeBufferPointer { ls in
        partialSums.withUnsafeMutableBufferPointer { ps in
          partialCounts.withUnsafeMutableBufferPointer { pc in
            let x = SharedReads(base: xs.baseAddress!)
            let l = SharedReads(base: ls.baseAddress!)
            let sumsOut = DisjointWrites(base: ps.baseAddress!)
            let countsOut = DisjointWrites(base: pc.baseAddress!)
            parallelism.forEach(chunks) { chunk in
              let rows = (chunk * chunkRows)..<min(n, (chunk + 1) * chunkRows)
              ksk_cluster_sums(
                variant, x.base, d, rows.lowerBound, rows.upperBound, l.base, k, sumsOut.base + chunk * k * d,
                countsOut.base + chunk * k)
            }
          }
        }
      }
    }
    var sums = [Double](repeating: 0, count: k * d)
    var counts = [Int](repeating: 0, count: k)
    for chunk in 0..<chunks {
      for index in 0..<(k * d) { sums[index] += partialSums[chunk * k * d + index] }
      for r in 0..<k { counts[r] += Int(partialCounts[chunk * k + r]) }
    }
    return (sums, counts)
  }
}
