import CGSL
import Foundation
import Testing

@testable import KSelect

@Suite("Criteria: Hopkins statistic")
struct CriteriaHopkinsTests {
  @Test("H by hand, with distances raised to the window's dimension")
  func statisticByHand() {
    // D = 2: Σ U² = 1 + 4 = 5, Σ W² = 0.25 + 0.25 = 0.5, H = 5 / 5.5.
    let h = Hopkins.statistic(probeDistances: [1, 2], dataDistances: [0.5, 0.5], dimension: 2)
    #expect(abs(h - 5 / 5.5) < 1e-15)
    // D = 1 is the plain form: 3 / (3 + 1).
    #expect(abs(Hopkins.statistic(probeDistances: [1, 2], dataDistances: [0.5, 0.5], dimension: 1) - 0.75) < 1e-15)
    // Duplicated data points (W = 0) give H = 1; all distances 0 give the neutral 0.5.
    #expect(Hopkins.statistic(probeDistances: [1], dataDistances: [0], dimension: 3) == 1)
    #expect(Hopkins.statistic(probeDistances: [0], dataDistances: [0], dimension: 3) == 0.5)
  }

  @Test("large dimensions neither overflow nor underflow")
  func largeDimension() {
    // D = 400: 10^400 overflows a double, the logarithms do not. U = 10, W = 1: H = 1 / (1 + 10^-400).
    let h = Hopkins.statistic(probeDistances: [10], dataDistances: [1], dimension: 400)
    #expect(h == 1)
    let even = Hopkins.statistic(probeDistances: [1e-3, 1e-3], dataDistances: [1e-3, 1e-3], dimension: 400)
    #expect(abs(even - 0.5) < 1e-15)
  }

  @Test("nearest distances skip a data point's own row, not its duplicates")
  func nearestDistances() {
    let data = Dataset(rows: [[0, 0], [3, 4], [3, 4], [10, 0]])
    // The window: x in [0 − 10/3, 10 + 10/3] (side 50/3), y in [0 − 4/3, 4 + 4/3] (side 20/3).
    let window = TorusWindow(data)
    #expect(window.dimension == 2)
    #expect(abs(window.sides[0] - 50.0 / 3) < 1e-12 && abs(window.sides[1] - 20.0 / 3) < 1e-12)
    let toProbe = Hopkins.nearestDistances(
      data, queries: [0, 1], excluding: nil, window: window, parallelism: .serial)
    #expect(toProbe == [1])
    // Row 0 (0, 0) to (3, 4): δy = 4 wraps to 20/3 − 4 = 8/3, so √(9 + 64/9) = √145/3; to
    // (10, 0): 20/3, farther. Row 3 (10, 0) to (0, 0): |δx| = 10 wraps to 50/3 − 10 = 20/3; to
    // (3, 4): δ = (7, 4) wraps to (7, 8/3), farther.
    let own = Hopkins.nearestDistances(
      data, queries: [0, 0, 3, 4, 10, 0], excluding: [0, 1, 3], window: window, parallelism: .serial)
    #expect(abs(own[0] - 145.0.squareRoot() / 3) < 1e-12 && own[1] == 0)
    #expect(abs(own[2] - 20.0 / 3) < 1e-12)
  }

  @Test("sampling without replacement draws distinct rows")
  func distinctSample() {
    let random = RandomSource(seed: 4)
    let rows = random.distinctIndices(50, below: 60)
    #expect(Set(rows).count == 50 && rows.allSatisfy { (0..<60).contains($0) })
  }

  @Test("uniform data: p-values are uniform (Beta(m, m) null law), clustered data: tiny p-values")
  func calibration() {
    // 200 uniform data sets of 300 points in [-1, 1]²: under the null the p-values are uniform on
    // (0, 1); the Kolmogorov–Smirnov distance of 200 of them exceeds 0.115 with probability 1 %.
    var pValues = [Double]()
    for seed in 0..<200 {
      let data = Generators.uniformSquare(count: 300, seed: UInt64(seed))
      let result = Hopkins.test(data, sampleSize: 30, using: RandomSource(seed: UInt64(seed)), parallelism: .serial)
      #expect(result.sampleSize == 30 && result.dimension == 2)
      pValues.append(result.pValue)
    }
    pValues.sort()
    let ks = pValues.enumerated().map { i, p in max(abs(p - Double(i) / 200), abs(p - Double(i + 1) / 200)) }.max()!
    #expect(ks < 0.115)
    let (blobs, _) = Generators.gaussianBlobs(count: 300, clusterCount: 4, seed: 9)
    let clustered = Hopkins.test(blobs, sampleSize: 30, using: RandomSource(seed: 1))
    #expect(clustered.statistic > 0.7 && clustered.pValue < 1e-4)
  }

  @Test("uniform data in 10 dimensions: the torus window keeps the test's level")
  func levelInTenDimensions() {
    // Tibshirani et al.'s null: 200 points uniform in the unit 10-cube. At level 5 %, 200 data
    // sets reject about 10 times (binomial sd 3.1); more than 20 has probability below 0.2 %.
    // In the plain bounding box (no wrapping) edge effects make about 14 % of them reject.
    var rejections = 0
    for seed in 0..<200 {
      let random = RandomSource(seed: UInt64(seed), stream: [1])
      let data = Dataset(rowCount: 200, columnCount: 10, values: (0..<2000).map { _ in random.uniform() })
      let m = Hopkins.defaultSampleSize(rowCount: 200)
      if Hopkins.test(data, sampleSize: m, using: RandomSource(seed: UInt64(seed)), parallelism: .serial).pValue < 0.05
      {
        rejections += 1
      }
    }
    #expect(rejections <= 20)
  }

  @Test("the default sample size is a tenth of n between 5 and 100")
  func defaultSampleSize() {
    #expect(Hopkins.defaultSampleSize(rowCount: 3) == 2)
    #expect(Hopkins.defaultSampleSize(rowCount: 40) == 5)
    #expect(Hopkins.defaultSampleSize(rowCount: 151) == 16)
    #expect(Hopkins.defaultSampleSize(rowCount: 1_000_000) == 100)
  }

  @Test("a constant feature does not count in the window's dimension")
  func degenerateWindow() {
    let data = Dataset(rows: (0..<50).map { [Double($0 % 7), 1, Double($0 % 5)] })
    #expect(TorusWindow(data).dimension == 2)
    let result = Hopkins.test(data, sampleSize: 5, using: RandomSource(seed: 2))
    #expect(result.dimension == 2)
  }

  @Test("the same seed gives the same result whatever the thread count")
  func threadIndependence() {
    let (data, _) = Generators.gaussianBlobs(count: 400, clusterCount: 3, seed: 5)
    let one = Hopkins.test(data, sampleSize: 40, using: RandomSource(seed: 8), parallelism: .serial)
    let two = Hopkins.test(data, sampleSize: 40, using: RandomSource(seed: 8), parallelism: Parallelism(threads: 3))
    #expect(one == two)
  }
}
