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
    let toProbe = Hopkins.nearestDistances(data, queries: [0, 1], excluding: nil, parallelism: .serial)
    #expect(toProbe == [1])
    let own = Hopkins.nearestDistances(data, queries: [0, 0, 3, 4, 10, 0], excluding: [0, 1, 3], parallelism: .serial)
    #expect(own == [5, 0, (49.0 + 16).squareRoot()])
  }

  @Test("sampling without replacement draws distinct rows")
  func distinctSample() {
    let random = RandomSource(seed: 4)
    let rows = Hopkins.sampleWithoutReplacement(50, from: 60, using: random)
    #expect(Set(rows).count == 50 && rows.allSatisfy { (0..<60).contains($0) })
  }

  @Test("uniform data: p-values are uniform (Beta(m, m) null law), clustered data: tiny p-values")
  func calibration() throws {
    // 200 uniform data sets of 300 points in [-1, 1]²: under the null the p-values are uniform on
    // (0, 1); the Kolmogorov–Smirnov distance of 200 of them exceeds 0.115 with probability 1 %.
    var pValues = [Double]()
    for seed in 0..<200 {
      let data = Generators.uniformSquare(count: 300, seed: UInt64(seed))
      let window = try ReferenceSampler(data, space: .box)
      let result = Hopkins.test(
        data, window: window, sampleSize: 30, using: RandomSource(seed: UInt64(seed)), parallelism: .serial)
      #expect(result.sampleSize == 30 && result.dimension == 2)
      pValues.append(result.pValue)
    }
    pValues.sort()
    let ks = pValues.enumerated().map { i, p in max(abs(p - Double(i) / 200), abs(p - Double(i + 1) / 200)) }.max()!
    #expect(ks < 0.115)
    let (blobs, _) = Generators.gaussianBlobs(count: 300, clusterCount: 4, seed: 9)
    let clustered = Hopkins.test(
      blobs, window: try ReferenceSampler(blobs, space: .box), sampleSize: 30, using: RandomSource(seed: 1))
    #expect(clustered.statistic > 0.7 && clustered.pValue < 1e-4)
  }

  @Test("a constant feature does not count in the window's dimension")
  func degenerateWindow() throws {
    let data = Dataset(rows: (0..<50).map { [Double($0 % 7), 1, Double($0 % 5)] })
    let window = try ReferenceSampler(data, space: .box)
    #expect(window.extentDimension == 2)
    let result = Hopkins.test(data, window: window, sampleSize: 5, using: RandomSource(seed: 2))
    #expect(result.dimension == 2)
  }

  @Test("the same seed gives the same result whatever the thread count")
  func threadIndependence() throws {
    let (data, _) = Generators.gaussianBlobs(count: 400, clusterCount: 3, seed: 5)
    let window = try ReferenceSampler(data, space: .box)
    let one = Hopkins.test(data, window: window, sampleSize: 40, using: RandomSource(seed: 8), parallelism: .serial)
    let two = Hopkins.test(
      data, window: window, sampleSize: 40, using: RandomSource(seed: 8), parallelism: Parallelism(threads: 3))
    #expect(one == two)
  }
}
