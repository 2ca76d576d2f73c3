import Testing

@testable import KSelect

@Suite("synthetic data generators")
struct GeneratorTests {
  @Test("uniform: n points inside [-1, 1]², reproducible per seed, different across seeds")
  func uniform() {
    let data = Generators.uniformSquare(count: 500, seed: 3)
    #expect(data.rowCount == 500 && data.columnCount == 2)
    #expect(data.values.allSatisfy { abs($0) <= 1 })
    #expect(Generators.uniformSquare(count: 500, seed: 3).values == data.values)
    #expect(Generators.uniformSquare(count: 500, seed: 4).values != data.values)
    // Uniform on [-1, 1]: mean 0 and variance 1/3, within five standard errors.
    let mean = data.values.reduce(0, +) / 1000
    let variance = data.values.reduce(0) { $0 + $1 * $1 } / 1000 - mean * mean
    #expect(abs(mean) < 5 * (1.0 / 3 / 1000).squareRoot())
    #expect(abs(variance - 1.0 / 3) < 0.05)
  }

  @Test("gaussian: counts split evenly, inside the square, reproducible, seeds differ", arguments: [1, 3, 7])
  func gaussian(k: Int) {
    let (data, labels) = Generators.gaussianBlobs(count: 200, clusterCount: k, seed: 9)
    #expect(data.rowCount == 200 && labels.count == 200)
    #expect(data.values.allSatisfy { abs($0) <= 1 })
    let counts = (0..<k).map { blob in labels.filter { $0 == blob }.count }
    #expect(counts.max()! - counts.min()! <= 1)
    #expect(Generators.gaussianBlobs(count: 200, clusterCount: k, seed: 9).data.values == data.values)
    #expect(Generators.gaussianBlobs(count: 200, clusterCount: k, seed: 10).data.values != data.values)
  }

  @Test("gaussian: blob spreads lie in the sigma range [0.05, 0.5]")
  func sigmaRange() {
    for seed in 1...10 {
      let (data, labels) = Generators.gaussianBlobs(count: 2000, clusterCount: 2, seed: UInt64(seed))
      for blob in 0..<2 {
        let rows = labels.indices.filter { labels[$0] == blob }
        // The per-axis standard deviation; truncation to the square can only shrink it.
        let xs = rows.map { data.values[$0 * 2] }
        let mean = xs.reduce(0, +) / Double(xs.count)
        let sd = (xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)).squareRoot()
        #expect(sd > 0.05 * 0.85 && sd < 0.5 * 1.1, "seed \(seed) blob \(blob): sd \(sd)")
      }
    }
  }
}
