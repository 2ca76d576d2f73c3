/// The scatter matrix Σ over `rows` of (x_i − centre)(x_i − centre)ᵀ (d × d, row-major) of the
/// row-major points `x`: the upper triangle accumulated in row order, then mirrored. The one
/// definition behind the principal components and the refinement's splits.
/// - Complexity: O(|rows| d²) time, O(d²) memory.
func scatterMatrix(
  _ x: UnsafePointer<Double>, dimension d: Int, rows: some Sequence<Int>, centre: [Double]
) -> [Double] {
  var scatter = [Double](repeating: 0, count: d * d)
  var offset = [Double](repeating: 0, count: d)
  scatter.withUnsafeMutableBufferPointer { s in
    offset.withUnsafeMutableBufferPointer { v in
      for i in rows {
        for j in 0..<d { v[j] = x[i * d + j] - centre[j] }
        for j in 0..<d {
          let vj = v[j]
          for l in j..<d { s[j * d + l] += vj * v[l] }
        }
      }
      for j in 0..<d { for l in 0..<j { s[j * d + l] = s[l * d + j] } }
    }
  }
  return scatter
}
