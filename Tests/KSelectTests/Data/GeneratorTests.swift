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

  @Test("gaussian: centres separated by the layout's distance, every point within 4σ per axis and inside the cube")
  func separable() throws {
    for (k, d) in [(6, 2), (10, 2), (10, 5), (3, 1), (4, 12)] {
      for seed in 1...5 {
        let layout = try #require(BlobLayout.make(clusterCount: k, dimension: d, seed: UInt64(seed)))
        #expect(layout.spread == BlobLayout.defaultSpread(clusterCount: k, dimension: d, separation: 6))
        for a in 0..<k {
          for b in 0..<a {
            let squared = (0..<d).reduce(0.0) { sum, j in
              let delta = layout.centres[a * d + j] - layout.centres[b * d + j]
              return sum + delta * delta
            }
            #expect(squared.squareRoot() >= 6 * layout.spread, "k \(k) d \(d) seed \(seed)")
          }
        }
        let (data, labels) = Generators.gaussianBlobs(count: 40 * k, layout: layout, seed: UInt64(seed))
        #expect(data.columnCount == d && data.values.allSatisfy { abs($0) <= 1 })
        for i in 0..<data.rowCount {
          for j in 0..<d {
            #expect(abs(data.values[i * d + j] - layout.centres[labels[i] * d + j]) <= 4 * layout.spread)
          }
        }
      }
    }
  }

  @Test("gaussian: the spread given is every blob's per-axis standard deviation")
  func spread() throws {
    let layout = try #require(BlobLayout.make(clusterCount: 2, dimension: 3, spread: 0.05, separation: 8, seed: 4))
    #expect(layout.spread == 0.05 && layout.separation == 8)
    let (data, labels) = Generators.gaussianBlobs(count: 8000, layout: layout, seed: 4)
    for blob in 0..<2 {
      for j in 0..<3 {
        let xs = labels.indices.filter { labels[$0] == blob }.map { data.values[$0 * 3 + j] }
        let mean = xs.reduce(0, +) / Double(xs.count)
        let sd = (xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)).squareRoot()
        // 4000 draws: the sd's standard error is about 1.1 %; truncation at 4σ lowers it 0.03 %.
        #expect(abs(sd / 0.05 - 1) < 0.05, "blob \(blob) axis \(j): sd \(sd)")
        #expect(abs(mean - layout.centres[blob * 3 + j]) < 0.005)
      }
    }
  }

  @Test("gaussian: blobs that cannot fit give no layout")
  func noRoom() {
    #expect(BlobLayout.make(clusterCount: 5, dimension: 2, spread: 0.2, separation: 50, seed: 1) == nil)
    #expect(BlobLayout.make(clusterCount: 2, dimension: 1, spread: 0.2, separation: 0, seed: 1) != nil)
  }
}
