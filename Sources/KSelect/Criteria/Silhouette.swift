import _KSelectKernels

/// Silhouette widths (Rousseeuw 1987) with Euclidean distances, computed exactly in blocks.
///
/// For point i in cluster C: a(i) is the mean distance to the other points of C, b(i) the
/// smallest mean distance to the points of another cluster, s(i) = (b − a) / max(a, b), and
/// s(i) = 0 when C has one point. Memory is linear in n (blocks of points), never O(n²).
public enum Silhouette {
  /// Points per block of parallel work.
  static let blockRows = 64

  /// s(i) for every point, or `nil` when the silhouette is undefined (fewer than 2 clusters).
  ///
  /// The distances go through a blocked SIMD kernel (4 points × 8 others per tile) as
  /// sqrt(max(0, ‖x‖² − 2x·y + ‖y‖²)) on centred data, sorted by cluster so that each tile adds
  /// into one cluster's sum; pairs so close that the expanded form would cancel (d² below 10⁻⁴
  /// of ‖x‖² + ‖y‖², the point itself included) are recomputed directly.
  /// - Complexity: O(n² d) time, O(n d) memory (a transposed copy of the data), never O(n²).
  public static func pointValues(
    _ data: Dataset, labels: [Int], clusterCount k: Int, parallelism: Parallelism = .allCores
  ) -> [Double]? {
    guard k >= 2 else { return nil }
    let n = data.rowCount
    let d = data.columnCount
    var counts = [Int](repeating: 0, count: k)
    for label in labels { counts[label] += 1 }
    let sizes = counts
    let layout = PanelLayout(data, labels: labels, clusterCount: k)
    let blocks = (n + blockRows - 1) / blockRows
    let variant = AssignmentKernel.bestVariant
    let perBlock: [[Double]] = layout.centred.withUnsafeBufferPointer { xs in
      layout.norms.withUnsafeBufferPointer { xn in
        layout.panels.withUnsafeBufferPointer { ps in
          layout.panelNorms.withUnsafeBufferPointer { pn in
            layout.panelWeights.withUnsafeBufferPointer { pw in
              layout.panelStart.withUnsafeBufferPointer { start in
                labels.withUnsafeBufferPointer { ls in
                  let inputs = KernelInputs(
                    x: xs.baseAddress!, norms: xn.baseAddress!, panels: ps.baseAddress!,
                    panelNorms: pn.baseAddress!, panelWeights: pw.baseAddress!,
                    panelStart: start.baseAddress!, labels: ls.baseAddress!)
                  return parallelism.map(blocks) { block in
                    let rows = (block * blockRows)..<min(n, (block + 1) * blockRows)
                    var sums = [Double](repeating: 0, count: rows.count * k)
                    sums.withUnsafeMutableBufferPointer { out in
                      ksk_silhouette_sums(
                        variant, inputs.x + rows.lowerBound * d, inputs.norms + rows.lowerBound,
                        rows.count, d, inputs.panels, inputs.panelNorms, inputs.panelWeights,
                        inputs.panelStart, k, out.baseAddress!)
                    }
                    return rows.enumerated().map { offset, i in
                      width(sums: Array(sums[(offset * k)..<((offset + 1) * k)]), sizes: sizes, own: inputs.labels[i])
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return perBlock.flatMap { $0 }
  }

  /// Read-only buffers shared by the blocks. Nobody writes them while the blocks run, which is
  /// what makes the unchecked `Sendable` conformance sound.
  private struct KernelInputs: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let norms: UnsafePointer<Double>
    let panels: UnsafePointer<Double>
    let panelNorms: UnsafePointer<Double>
    let panelWeights: UnsafePointer<Double>
    let panelStart: UnsafePointer<Int64>
    let labels: UnsafePointer<Int>
  }

  /// The data centred (distances do not change; the expanded form loses less) and regrouped by
  /// cluster into panels of 8 points stored transposed (d × 8), each cluster's last panel padded
  /// with weight-0 lanes.
  struct PanelLayout {
    /// The centred data, row-major, in the original row order.
    var centred: [Double]
    /// ‖x‖² of every centred row.
    var norms: [Double]
    /// Panels of 8 points, transposed; cluster r owns panels panelStart[r]..<panelStart[r + 1].
    var panels: [Double]
    /// ‖y‖² of every panel lane.
    var panelNorms: [Double]
    /// 1 for a lane holding a point, 0 for padding.
    var panelWeights: [Double]
    /// The first panel of every cluster, and the panel count at the end (k + 1 entries).
    var panelStart: [Int64]

    init(_ data: Dataset, labels: [Int], clusterCount k: Int) {
      let n = data.rowCount
      let d = data.columnCount
      let lanes = Int(KSK_LANES)
      let means = data.columnMeans()
      var centred = data.values
      var norms = [Double](repeating: 0, count: n)
      for i in 0..<n {
        var norm = 0.0
        for j in 0..<d {
          centred[i * d + j] -= means[j]
          norm += centred[i * d + j] * centred[i * d + j]
        }
        norms[i] = norm
      }
      var members = [[Int]](repeating: [], count: k)
      for i in 0..<n { members[labels[i]].append(i) }
      var start = [Int64](repeating: 0, count: k + 1)
      for r in 0..<k { start[r + 1] = start[r] + Int64((members[r].count + lanes - 1) / lanes) }
      let panelCount = Int(start[k])
      var panels = [Double](repeating: 0, count: max(1, panelCount * d * lanes))
      var panelNorms = [Double](repeating: 0, count: max(1, panelCount * lanes))
      var panelWeights = [Double](repeating: 0, count: max(1, panelCount * lanes))
      for r in 0..<k {
        for (position, i) in members[r].enumerated() {
          let panel = Int(start[r]) + position / lanes
          let lane = position % lanes
          for j in 0..<d { panels[(panel * d + j) * lanes + lane] = centred[i * d + j] }
          panelNorms[panel * lanes + lane] = norms[i]
          panelWeights[panel * lanes + lane] = 1
        }
      }
      self.centred = centred.isEmpty ? [0] : centred
      self.norms = norms.isEmpty ? [0] : norms
      self.panels = panels
      self.panelNorms = panelNorms
      self.panelWeights = panelWeights
      self.panelStart = start
    }
  }

  /// The naive reference: s(i) from direct distances, one point at a time. For tests.
  static func naivePointValues(_ data: Dataset, labels: [Int], clusterCount k: Int) -> [Double]? {
    guard k >= 2 else { return nil }
    let n = data.rowCount
    let d = data.columnCount
    var sizes = [Int](repeating: 0, count: k)
    for label in labels { sizes[label] += 1 }
    return data.values.withUnsafeBufferPointer { xs in
      (0..<n).map { i in
        var sums = [Double](repeating: 0, count: k)
        for other in 0..<n {
          sums[labels[other]] += AssignmentKernel.squaredDistance(
            xs.baseAddress! + i * d, xs.baseAddress! + other * d, d).squareRoot()
        }
        return width(sums: sums, sizes: sizes, own: labels[i])
      }
    }
  }

  /// s(i) from the sums of distances of point i to every cluster.
  static func width(sums: [Double], sizes: [Int], own: Int) -> Double {
    guard sizes[own] > 1 else { return 0 }
    let a = sums[own] / Double(sizes[own] - 1)
    var b = Double.infinity
    for r in sums.indices where r != own && sizes[r] > 0 { b = min(b, sums[r] / Double(sizes[r])) }
    guard b.isFinite else { return 0 }
    let denominator = max(a, b)
    return denominator > 0 ? (b - a) / denominator : 0
  }

  /// The mean silhouette width, or `nil` when undefined.
  public static func mean(_ values: [Double]?) -> Double? {
    guard let values, !values.isEmpty else { return nil }
    return values.reduce(0, +) / Double(values.count)
  }
}
