import _KSelectKernels

/// The nearest-centroid search at the heart of every Lloyd iteration.
///
/// Rows are processed in fixed chunks of `chunkRows` so that per-chunk partial results, summed in
/// chunk order, give the same numbers whatever the thread count.
package enum AssignmentKernel {
  /// Rows per chunk of parallel work.
  static let chunkRows = 2048

  /// The number of chunks covering `rowCount` rows.
  static func chunkCount(_ rowCount: Int) -> Int { (rowCount + chunkRows - 1) / chunkRows }

  /// The rows of chunk `chunk`.
  static func rows(ofChunk chunk: Int, rowCount: Int) -> Range<Int> {
    (chunk * chunkRows)..<min(rowCount, (chunk + 1) * chunkRows)
  }

  /// The blocked kernel: for every row in `rows`, the nearest centroid by the expanded form
  /// ‖c‖² − 2x·c (lowest index on ties) and, unless `distances` is nil, the exact squared
  /// distance Σ (x − c)² to it. Tiles of 4 points × 8 centroids; ‖x‖² is constant per point, so
  /// the argmin needs only the expanded part.
  static func assign(
    points: UnsafePointer<Double>, rows: Range<Int>, dimension d: Int, panel: CentroidPanel.Pointers,
    labels: UnsafeMutablePointer<Int32>, distances: UnsafeMutablePointer<Double>?,
    variant: KernelVariant = .best
  ) {
    ksk_assign(
      variant, points, d, rows.lowerBound, rows.upperBound, panel.transposed, panel.norms,
      panel.paddedCount, panel.centroids, labels, distances)
  }

  /// Assigns every row of `points` (n × d, row-major) to its nearest centroid with the blocked
  /// kernel of `variant`, in fixed chunks spread over the threads of `parallelism`; the exact
  /// squared distances too unless `writesDistances` is false (then `distances` is left as it
  /// was).
  package static func assignAll(
    points: [Double], rowCount n: Int, dimension d: Int, centroids: [Double], clusterCount k: Int,
    parallelism: Parallelism, variant: KernelVariant = .best, writesDistances: Bool = true,
    labels: inout [Int32], distances: inout [Double]
  ) {
    let panel = CentroidPanel(centroids, count: k, dimension: d)
    points.withUnsafeBufferPointer { xs in
      labels.withUnsafeMutableBufferPointer { ls in
        distances.withUnsafeMutableBufferPointer { ds in
          panel.withPointers { pointers in
            let x = SharedReads(base: xs.baseAddress!)
            let l = DisjointWrites(base: ls.baseAddress!)
            let dist = DisjointWrites(base: ds.baseAddress!)
            parallelism.forEach(chunkCount(n)) { chunk in
              assign(
                points: x.base, rows: rows(ofChunk: chunk, rowCount: n), dimension: d, panel: pointers,
                labels: l.base, distances: writesDistances ? dist.base : nil, variant: variant)
            }
          }
        }
      }
    }
  }
}

/// Centroids laid out for the blocked kernels: transposed (d × k̃, k̃ = k rounded up to a multiple
/// of 8), with their squared norms (+∞ in the padding, so padding never wins an argmin), next to
/// the row-major copy used for exact distances.
struct CentroidPanel {
  /// The number of centroids, k.
  let count: Int
  /// The dimension, d.
  let dimension: Int
  /// k rounded up to a multiple of the kernel's lane count.
  let paddedCount: Int
  /// Row-major centroids (k × d).
  let centroids: [Double]
  /// Transposed centroids (d × paddedCount), zero in the padding.
  let transposed: [Double]
  /// ‖c‖² for every centroid, +∞ in the padding.
  let norms: [Double]

  /// Lays out `centroids` (row-major k × d).
  init(_ centroids: [Double], count k: Int, dimension d: Int) {
    let lanes = Int(KSK_LANES)
    let padded = max(lanes, (k + lanes - 1) / lanes * lanes)
    var transposed = [Double](repeating: 0, count: max(1, d * padded))
    var norms = [Double](repeating: .infinity, count: padded)
    for r in 0..<k {
      var norm = 0.0
      for j in 0..<d {
        let value = centroids[r * d + j]
        transposed[j * padded + r] = value
        norm += value * value
      }
      norms[r] = norm
    }
    self.count = k
    self.dimension = d
    self.paddedCount = padded
    self.centroids = centroids.isEmpty ? [0] : centroids  // never empty: its address is taken
    self.transposed = transposed
    self.norms = norms
  }

  /// The panel's buffers as raw pointers, valid only inside `body`.
  /// Parallel chunks only read them, which is why `Pointers` may cross threads.
  func withPointers<R>(_ body: (Pointers) -> R) -> R {
    transposed.withUnsafeBufferPointer { t in
      norms.withUnsafeBufferPointer { n in
        centroids.withUnsafeBufferPointer { c in
          body(
            Pointers(
              transposed: t.baseAddress!, norms: n.baseAddress!, centroids: c.baseAddress!,
              paddedCount: paddedCount))
        }
      }
    }
  }

  /// Read-only raw views of a panel for the C kernels. Nobody writes the buffers while parallel
  /// chunks read them, which is what makes the unchecked `Sendable` conformance sound.
  struct Pointers: @unchecked Sendable {
    let transposed: UnsafePointer<Double>
    let norms: UnsafePointer<Double>
    let centroids: UnsafePointer<Double>
    let paddedCount: Int
  }
}
