import Testing

@testable import KSelect

@Suite("Criteria: gap reference sampler")
struct ReferenceSamplerTests {
  /// n points on a tilted, stretched 3-D cloud: strongly correlated columns with different ranges.
  static func tiltedCloud(n: Int, seed: UInt64) -> Dataset {
    let random = RandomSource(seed: seed)
    var rows = [[Double]]()
    for _ in 0..<n {
      let t = 10 * random.uniform() - 5
      let u = random.uniform() - 0.5
      let v = 0.2 * random.uniform()
      rows.append([100 + t + u, -3 + 2 * t - u + v, 7 + 0.5 * t + 3 * v])
    }
    return Dataset(rows: rows)
  }

  @Test("box: every point inside the feature ranges, column means near the midpoints")
  func box() throws {
    let data = Self.tiltedCloud(n: 4000, seed: 11)
    let sampler = try ReferenceSampler(data, space: .box)
    let reference = sampler.sample(using: RandomSource(seed: 5))
    #expect(reference.rowCount == data.rowCount && reference.columnCount == data.columnCount)
    let means = reference.columnMeans()
    for j in 0..<data.columnCount {
      let column = (0..<data.rowCount).map { data.values[$0 * data.columnCount + j] }
      let low = column.min()!
      let high = column.max()!
      #expect(sampler.lowerBounds[j] == low && sampler.upperBounds[j] == high)
      for i in 0..<reference.rowCount {
        let value = reference.values[i * reference.columnCount + j]
        #expect(value >= low && value <= high)
      }
      // The mean of n uniforms on [low, high] has sd (high − low) / sqrt(12 n); allow 5 sd.
      let band = 5 * (high - low) / (12.0 * Double(reference.rowCount)).squareRoot()
      #expect(abs(means[j] - (low + high) / 2) < band, "column \(j)")
    }
  }

  @Test("pca: orthonormal axes, points inside the rotated box, projected means near the midpoints")
  func pca() throws {
    let data = Self.tiltedCloud(n: 4000, seed: 12)
    let sampler = try ReferenceSampler(data, space: .pca)
    let d = data.columnCount
    let m = sampler.lowerBounds.count
    #expect(m == d)
    for p in 0..<m {
      for q in 0..<m {
        var dot = 0.0
        for a in 0..<d { dot += sampler.axes[a * m + p] * sampler.axes[a * m + q] }
        #expect(abs(dot - (p == q ? 1 : 0)) < 1e-12)
      }
    }
    // The rotated box is much thinner than the feature box: its last axis spans a fraction of it.
    #expect(sampler.upperBounds[m - 1] - sampler.lowerBounds[m - 1] < 1.5)
    let reference = sampler.sample(using: RandomSource(seed: 6))
    var sums = [Double](repeating: 0, count: m)
    for i in 0..<reference.rowCount {
      for j in 0..<m {
        var coordinate = 0.0
        for a in 0..<d { coordinate += (reference.values[i * d + a] - sampler.center[a]) * sampler.axes[a * m + j] }
        #expect(coordinate >= sampler.lowerBounds[j] - 1e-9 && coordinate <= sampler.upperBounds[j] + 1e-9)
        sums[j] += coordinate
      }
    }
    for j in 0..<m {
      let width = sampler.upperBounds[j] - sampler.lowerBounds[j]
      let band = 5 * width / (12.0 * Double(reference.rowCount)).squareRoot()
      let mean = sums[j] / Double(reference.rowCount)
      #expect(abs(mean - (sampler.lowerBounds[j] + sampler.upperBounds[j]) / 2) < band, "axis \(j)")
    }
    // The data themselves lie in the box they define.
    #expect(data.columnMeans().enumerated().allSatisfy { abs($0.element - sampler.center[$0.offset]) < 1e-12 })
  }

  @Test("pca with n < d: the references stay on the segment through the two points")
  func fewerRowsThanColumns() throws {
    let p0: [Double] = [1, 2, 3, 4, 5]
    let p1: [Double] = [3, -2, 3, 8, 0]
    let sampler = try ReferenceSampler(Dataset(rows: [p0, p1]), space: .pca)
    // One sampling axis per direction n points can span, min(n, d) = 2; two points span one, so
    // only one axis has width.
    #expect(sampler.lowerBounds.count == 2)
    #expect(zip(sampler.lowerBounds, sampler.upperBounds).filter { $0.1 - $0.0 > 1e-9 }.count == 1)
    let reference = sampler.sample(using: RandomSource(seed: 3))
    let direction = zip(p1, p0).map { $0 - $1 }
    let length2 = direction.reduce(0) { $0 + $1 * $1 }
    for i in 0..<reference.rowCount {
      let z = reference.row(i)
      let t = zip(zip(z, p0).map { $0 - $1 }, direction).reduce(0) { $0 + $1.0 * $1.1 } / length2
      #expect(t >= -1e-12 && t <= 1 + 1e-12)
      for a in 0..<5 { #expect(abs(z[a] - (p0[a] + t * direction[a])) < 1e-9) }
    }
  }

  @Test("a constant column stays constant; a single row is reproduced", arguments: ReferenceSpace.allCases)
  func degenerate(space: ReferenceSpace) throws {
    let data = Dataset(rows: [[1, 5], [2, 5], [4, 5]])
    let reference = try ReferenceSampler(data, space: space).sample(using: RandomSource(seed: 9))
    for i in 0..<3 { #expect(abs(reference.values[i * 2 + 1] - 5) < 1e-12) }
    let single = Dataset(rows: [[3, -1, 2]])
    let copy = try ReferenceSampler(single, space: space).sample(using: RandomSource(seed: 9))
    for (a, b) in zip(copy.values, single.values) { #expect(abs(a - b) < 1e-12) }
  }

  @Test("the same seed reproduces the same references; another seed does not", arguments: ReferenceSpace.allCases)
  func reproducible(space: ReferenceSpace) throws {
    let sampler = try ReferenceSampler(Self.tiltedCloud(n: 200, seed: 1), space: space)
    let first = sampler.sample(using: RandomSource(seed: 42, stream: [7]))
    let again = sampler.sample(using: RandomSource(seed: 42, stream: [7]))
    let other = sampler.sample(using: RandomSource(seed: 42, stream: [8]))
    #expect(first == again)
    #expect(first != other)
  }

  @Test("empty data are refused")
  func empty() {
    #expect(throws: KSelectError.self) {
      try ReferenceSampler(Dataset(rowCount: 0, columnCount: 2, values: []), space: .box)
    }
    #expect(throws: KSelectError.self) {
      try ReferenceSampler(Dataset(rowCount: 0, columnCount: 2, values: []), space: .pca)
    }
  }
}
