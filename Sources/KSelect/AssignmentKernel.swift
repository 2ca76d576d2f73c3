/// The nearest-centroid search at the heart of every Lloyd iteration.
///
/// Rows are processed in fixed chunks of `chunkRows` so that per-chunk partial results, summed in
/// chunk order, give the same numbers whatever the thread count.
enum AssignmentKernel {
  /// Rows per chunk of parallel work.
  static let chunkRows = 2048

  /// The number of chunks covering `rowCount` rows.
  static func chunkCount(_ rowCount: Int) -> Int { (rowCount + chunkRows - 1) / chunkRows }

  /// The rows of chunk `chunk`.
  static func rows(ofChunk chunk: Int, rowCount: Int) -> Range<Int> {
    (chunk * chunkRows)..<min(rowCount, (chunk + 1) * chunkRows)
  }

  /// For every row in `rows`, the index of the nearest centroid (lowest index on ties) and the
  /// squared Euclidean distance to it, written into `labels` and `distances`.
  static func assign(
    points: UnsafePointer<Double>, rows: Range<Int>, dimension d: Int,
    centroids: UnsafePointer<Double>, clusterCount k: Int,
    labels: UnsafeMutablePointer<Int32>, distances: UnsafeMutablePointer<Double>
  ) {
    for i in rows {
      let x = points + i * d
      var best = Double.infinity
      var bestIndex: Int32 = 0
      for c in 0..<k {
        let y = centroids + c * d
        var sum = 0.0
        for j in 0..<d {
          let delta = x[j] - y[j]
          sum += delta * delta
        }
        if sum < best {
          best = sum
          bestIndex = Int32(c)
        }
      }
      labels[i] = bestIndex
      distances[i] = best
    }
  }

  /// The squared Euclidean distance between two points of dimension `d`.
  @inline(__always)
  static func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
    var sum = 0.0
    for j in 0..<d {
      let delta = a[j] - b[j]
      sum += delta * delta
    }
    return sum
  }
}
