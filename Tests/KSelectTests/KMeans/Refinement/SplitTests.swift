import KSelectTestSupport
import Testing
import _KSelectKernels

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
    let rows = Array(0..<120)
    let expected = try #require(withMatrix.split(rows))
    let found = try #require(withoutMatrix.split(rows))
    #expect(abs(found.gain - expected.gain) <= 1e-9 * expected.gain)
    for j in 0..<d {
      #expect(abs(found.first[j] - expected.first[j]) < 1e-9)
      #expect(abs(found.second[j] - expected.second[j]) < 1e-9)
    }
    #expect(found.first[d...].allSatisfy { $0 == 0 } && found.second[d...].allSatisfy { $0 == 0 })
  }

  @Test(
    "every variant of the scatter product equals the plain loop bit for bit",
    arguments: [(1, 1), (7, 3), (40, 121), (33, 500)])
  func scatterProductVariants(rows m: Int, dimension d: Int) {
    let data = blobs(rows: 2 * m, dimension: d, centres: 2, seed: UInt64(m * 1000 + d))
    let rows = stride(from: 1, to: 2 * m, by: 2).map { $0 }
    let random = RandomSource(seed: 5)
    let centre = (0..<d).map { _ in random.uniform() - 0.5 }
    let axis = (0..<d).map { _ in random.uniform() - 0.5 }
    var expected = [Double](repeating: 0, count: d)
    for i in rows {
      var projection = 0.0
      for j in 0..<d { projection += (data.values[i * d + j] - centre[j]) * axis[j] }
      for j in 0..<d { expected[j] += (data.values[i * d + j] - centre[j]) * projection }
    }
    for variant in kernelVariants {
      var found = [Double](repeating: .nan, count: d)
      ksk_scatter_product(variant, data.values, d, rows, rows.count, centre, axis, &found)
      #expect(found.map(\.bitPattern) == expected.map(\.bitPattern), "variant \(variant)")
    }
  }

  @Test("a wide fit (6 rows, 20,000 features) is polished without a d × d matrix")
  func wideFit() throws {
    let data = blobs(rows: 6, dimension: 20_000, centres: 2, seed: 8)
    let fit = try KMeans.fit(data, clusterCount: 3, options: KMeansOptions(restarts: 2, parallelism: .serial))
    #expect(fit.sizes.reduce(0, +) == 6 && fit.sizes.allSatisfy { $0 > 0 })
  }
}
