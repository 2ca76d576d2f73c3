/// The squared Euclidean distance Σ_j (a_j − b_j)² between two points of dimension `d`, summed
/// in index order without fused operations: the one definition every Swift computation of the
/// library uses, bit-identical to the C kernels' `ks_sqdist`.
/// - Complexity: O(d).
@inline(__always)
package func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
  var sum = 0.0
  for j in 0..<d {
    let delta = a[j] - b[j]
    sum += delta * delta
  }
  return sum
}

/// `squaredDistance` of the `d` coordinates that start at `a[aStart]` and at `b[bStart]` (rows
/// of row-major buffers, say).
/// - Complexity: O(d).
@inline(__always)
func squaredDistance(_ a: [Double], _ aStart: Int, _ b: [Double], _ bStart: Int, _ d: Int) -> Double {
  guard d > 0 else { return 0 }
  return a.withUnsafeBufferPointer { pa in
    b.withUnsafeBufferPointer { pb in squaredDistance(pa.baseAddress! + aStart, pb.baseAddress! + bStart, d) }
  }
}
