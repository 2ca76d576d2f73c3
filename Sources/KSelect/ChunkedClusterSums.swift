import Foundation
import _KSelectKernels

/// Per-cluster coordinate sums and counts of a labelling, kept per chunk of rows so that the
/// next labelling recomputes only the chunks where some label changed.
///
/// Late Lloyd iterations move few points, so most chunks are reused, and within a changed chunk
/// only the clusters that gained or lost a row are recomputed (`ksk_cluster_sums_update`). Each
/// chunk's sums are accumulated in row order and the chunks are combined in chunk order, so the
/// totals are bit-identical to a full recomputation, whatever changed and whatever the thread
/// count.
struct ChunkedClusterSums {
  let data: PreparedData
  let clusterCount: Int
  let parallelism: Parallelism
  /// The labelling the per-chunk partials describe; empty before the first call.
  private var labels: [Int32] = []
  private var partialSums: [Double]
  private var partialCounts: [Int64]

  /// Rows per chunk: small, so that a few moved points leave most chunks clean, but at least
  /// k·d/2, so that the partial sums never take more than two values per row.
  let chunkRows: Int

  /// An empty cache for `data` with `clusterCount` clusters.
  init(data: PreparedData, clusterCount k: Int, parallelism: Parallelism) {
    self.data = data
    self.clusterCount = k
    self.parallelism = parallelism
    chunkRows = max(32, k * data.columnCount / 2)
    let chunks = (data.rowCount + chunkRows - 1) / chunkRows
    partialSums = [Double](repeating: 0, count: max(1, chunks * k * data.columnCount))
    partialCounts = [Int64](repeating: 0, count: max(1, chunks * k))
  }

  /// The sums (k × d, row-major) and sizes of the clusters of `newLabels`.
  mutating func totals(for newLabels: [Int32]) -> (sums: [Double], counts: [Int]) {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    let chunks = (n + chunkRows - 1) / chunkRows
    let stale: [Int] =
      labels.isEmpty
      ? Array(0..<chunks)
      : labels.withUnsafeBytes { old in
        newLabels.withUnsafeBytes { new in
          (0..<chunks).filter { chunk in
            let rows = Self.rows(ofChunk: chunk, rowsPerChunk: chunkRows, rowCount: n)
            let size = MemoryLayout<Int32>.stride
            return memcmp(old.baseAddress! + rows.lowerBound * size, new.baseAddress! + rows.lowerBound * size, rows.count * size) != 0
          }
        }
      }
    let rowsPerChunk = chunkRows
    let known = !labels.isEmpty
    data.centred.values.withUnsafeBufferPointer { xs in
      newLabels.withUnsafeBufferPointer { ls in
        labels.withUnsafeBufferPointer { previous in
          partialSums.withUnsafeMutableBufferPointer { ps in
            partialCounts.withUnsafeMutableBufferPointer { pc in
              let x = SharedReads(base: xs.baseAddress!)
              let l = SharedReads(base: ls.baseAddress!)
              let old = SharedReads(base: known ? previous.baseAddress! : ls.baseAddress!)
              let sumsOut = DisjointWrites(base: ps.baseAddress!)
              let countsOut = DisjointWrites(base: pc.baseAddress!)
              parallelism.forEach(stale.count) { index in
                let chunk = stale[index]
                let rows = Self.rows(ofChunk: chunk, rowsPerChunk: rowsPerChunk, rowCount: n)
                let (sums, counts) = (sumsOut.base + chunk * k * d, countsOut.base + chunk * k)
                if known {
                  ksk_cluster_sums_update(x.base, d, rows.lowerBound, rows.upperBound, old.base, l.base, k, sums, counts)
                } else {
                  ksk_cluster_sums(x.base, d, rows.lowerBound, rows.upperBound, l.base, k, sums, counts)
                }
              }
            }
          }
        }
      }
    }
    labels = newLabels
    var sums = [Double](repeating: 0, count: k * d)
    var counts = [Int](repeating: 0, count: k)
    for chunk in 0..<chunks {
      for index in 0..<(k * d) { sums[index] += partialSums[chunk * k * d + index] }
      for r in 0..<k { counts[r] += Int(partialCounts[chunk * k + r]) }
    }
    return (sums, counts)
  }

  /// The rows of chunk `chunk` of `rowCount` rows cut into chunks of `rowsPerChunk`.
  private static func rows(ofChunk chunk: Int, rowsPerChunk: Int, rowCount: Int) -> Range<Int> {
    (chunk * rowsPerChunk)..<min(rowCount, (chunk + 1) * rowsPerChunk)
  }
}
