/// Entry points for the `kselect-bench` executable, which times the kernels on their own.
/// Not part of the library's API: reached only through `@_spi(Benchmarks) import KSelect`.
@_spi(Benchmarks)
public enum KernelBenchmark {
  /// The distance-kernel variant this CPU runs ("avx2+fma" or "portable").
  public static var variantName: String { AssignmentKernel.bestVariant == 1 ? "avx2+fma" : "portable" }

  /// One assignment of every row of `data` to its nearest centroid with the blocked kernel,
  /// over the threads of `parallelism`; returns the labels.
  /// - Parameters:
  ///   - data: the points (already centred for best precision).
  ///   - centroids: row-major k × d.
  ///   - portable: use the portable variant even where AVX2/FMA is available.
  public static func assign(
    _ data: Dataset, centroids: [Double], clusterCount k: Int, parallelism: Parallelism,
    portable: Bool = false
  ) -> [Int32] {
    let n = data.rowCount
    let d = data.columnCount
    let variant: Int32 = portable ? 0 : AssignmentKernel.bestVariant
    let panel = CentroidPanel(centroids, count: k, dimension: d)
    var labels = [Int32](repeating: 0, count: n)
    var distances = [Double](repeating: 0, count: n)
    data.values.withUnsafeBufferPointer { xs in
      labels.withUnsafeMutableBufferPointer { ls in
        distances.withUnsafeMutableBufferPointer { ds in
          panel.withPointers { pointers in
            let x = SharedReads(base: xs.baseAddress!)
            let l = DisjointWrites(base: ls.baseAddress!)
            let dist = DisjointWrites(base: ds.baseAddress!)
            parallelism.forEach(AssignmentKernel.chunkCount(n)) { chunk in
              AssignmentKernel.assign(
                points: x.base, rows: AssignmentKernel.rows(ofChunk: chunk, rowCount: n), dimension: d,
                panel: pointers, labels: l.base, distances: dist.base, variant: variant)
            }
          }
        }
      }
    }
    return labels
  }
}
