import Testing

@testable import KSelect

@Suite("remove-and-split: the split's principal axis")
struct SplitTests {
  /// `base` with `extra` zero columns appended.
  static func padded(_ base: Dataset, extra: Int) -> Dataset {
    Dataset(
      rowCount: base.rowCount, columnCount: base.columnCount + extra,
      values: (0..<base.rowCount).flatMap { base.row($0) + [Double](repeating: 0, count: extra) })
  }

  static func run(_ data: Dataset) -> LloydRun {
    LloydRun(
      data: PreparedData(data), clusterCount: 3, maxIterations: 100, absoluteTolerance: 0, parallelism: .serial,
      refines: true)
  }

  @Test("above the dimension limit the matrix-free product splits as the d × d matrix does")
  func matrixFreeMatchesMatrix() throws {
    let d = LloydRun.scatterDimensionLimit - 10
    let base = blobs(rows: 120, dimension: d, centres: 2, seed: 31)
    let withMatrix = Self.run(base)
    let withoutMatrix = Self.run(Self.padded(base, extra: 20))
    let rows = Array(stride(from: 0, to: 120, by: 1))
    let expected = try #require(withMatrix.split(rows))
    let found = try #require(withoutMatrix.split(rows))
    #expect(abs(found.gain - expected.gain) <= 1e-9 * expected.gain)
    for j in 0..<d {
      #expect(abs(found.first[j] - expected.first[j]) < 1e-9)
      #expect(abs(found.second[j] - expected.second[j]) < 1e-9)
    }
    #expect(found.first[d...].allSatisfy { $0 == 0 } && found.second[d...].allSatisfy { $0 == 0 })
  }

  @Test("a wide fit (6 rows, 20,000 features) is polished without a d × d matrix")
  func wideFit() throws {
    let data = blobs(rows: 6, dimension: 20_000, centres: 2, seed: 8)
    let fit = try KMeans.fit(data, options: KMeansOptions(clusterCount: 3, restarts: 2, parallelism: .serial))
    #expect(fit.sizes.reduce(0, +) == 6 && fit.sizes.allSatisfy { $0 > 0 })
  }
}
