import Foundation
import _KSelectKernels

/// Per-cluster coordinate sums and sizes of a labelling, carried from one labelling to the next.
///
/// The first labelling, and any that changes more than an eighth of the rows, is summed afresh:
/// fixed chunks of rows, each summed in row order, combined in chunk order. Otherwise only the
/// rows whose label changed move their coordinates from the old cluster's sum to the new one's,
/// in row order; late Lloyd iterations move few points, so most calls cost one scan of the
/// labels. Every number depends only on the sequence of labellings — never on the thread count
/// or on the iteration variant, which all produce the same labellings. The sums differ from a
/// fresh summation only by the rounding of the moves: each add or subtract rounds by at most
/// half an ulp of the sum it changes, and a run sums afresh at its start.
struct RunningClusterSums {
  let data: PreparedData
  let clusterCount: Int
  let parallelism: Parallelism
  /// The labelling `sums` and `counts` describe; empty before the first call.
  private var labels: [Int32] = []
  private var sums: [Double]
  private var counts: [Int]

  /// Rows per chunk of a fresh summation: fixed for given k and d, so that the thread count never
  /// changes a sum, and at least k·d/2, so that the chunks' partial sums take at most two values
  /// per row.
  static func chunkRows(clusterCount k: Int, dimension d: Int) -> Int { max(2048, k * d / 2) }

  /// Sums for `data` with `clusterCount` clusters; the first `totals` sums afresh.
  init(data: PreparedData, clusterCount k: Int, parallelism: Parallelism) {
    self.data = data
    self.clusterCount = k
    self.parallelism = parallelism
    sums = [Double](repeating: 0, count: k * data.columnCount)
    counts = [Int](repeating: 0, count: k)
  }

  /// The sums (k × d, row-major) and sizes of the clusters of `newLabels`.
  mutating func totals(for newLabels: [Int32]) -> (sums: [Double], counts: [Int]) {
    if let changed = labels.isEmpty ? nil : Self.changedRows(labels, newLabels, limit: newLabels.count / 8) {
      move(changed, to: newLabels)
    } else {
      (sums, counts) = Self.freshTotals(data, newLabels, clusterCount: clusterCount, parallelism: parallelism)
    }
    labels = newLabels
    return (sums, counts)
  }

  /// Moves each row of `rows` (in order) from its cluster in `labels` to its cluster in `newLabels`.
  private mutating func move(_ rows: [Int], to newLabels: [Int32]) {
    let d = data.columnCount
    data.centred.values.withUnsafeBufferPointer { xs in
      sums.withUnsafeMutableBufferPointer { s in
        for i in rows {
          let (from, to) = (Int(labels[i]), Int(newLabels[i]))
          counts[from] -= 1
          counts[to] += 1
          for j in 0..<d {
            let value = xs[i * d + j]
            s[from * d + j] -= value
            s[to * d + j] += value
          }
        }
      }
    }
  }

  /// The rows, in order, where `old` and `new` differ; `nil` when there are more than `limit`.
  private static func changedRows(_ old: [Int32], _ new: [Int32], limit: Int) -> [Int]? {
    let block = 64
    var rows = [Int]()
    return old.withUnsafeBufferPointer { o in
      new.withUnsafeBufferPointer { w in
        var start = 0
        while start < o.count {
          let end = min(o.count, start + block)
          if memcmp(o.baseAddress! + start, w.baseAddress! + start, (end - start) * MemoryLayout<Int32>.stride) != 0 {
            for i in start..<end where o[i] != w[i] { rows.append(i) }
            if rows.count > limit { return nil }
          }
          start = end
        }
        return rows
      }
    }
  }

  /// Sums of `labels`' clusters from scratch: fixed chunks (`ksk_cluster_sums`, row order),
  /// combined in chunk order.
  static func freshTotals(
    _ data: PreparedData, _ labels: [Int32], clusterCount k: Int, parallelism: Parallelism
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
                x.base, d, rows.lowerBound, rows.upperBound, l.base, k, sumsOut.base + chunk * k * d,
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
