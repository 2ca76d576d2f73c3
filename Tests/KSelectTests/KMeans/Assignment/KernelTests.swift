import Foundation
import KSelectTestSupport
import Testing
import _KSelectKernels

@testable import KSelect

@Suite("distance kernels")
struct KernelTests {
  /// Labels and distances of the reference and blocked kernels for centroids drawn from the data.
  func compare(n: Int, d: Int, k: Int, seed: UInt64, duplicateCentroids: Bool = false) throws {
    let data = PreparedData(blobs(rows: n, dimension: d, centres: max(1, k / 2), seed: seed, duplicateEvery: 5))
    let random = RandomSource(seed: seed &+ 1)
    var centroids = [Double]()
    for r in 0..<k {
      let row = duplicateCentroids && r % 2 == 1 ? r - 1 : random.uniformInt(below: n)
      if duplicateCentroids && r % 2 == 1 {
        centroids.append(contentsOf: centroids[(row * d)..<((row + 1) * d)])
      } else {
        centroids.append(contentsOf: data.centred.values[(row * d)..<((row + 1) * d)])
      }
    }
    var referenceLabels = [Int32](repeating: -1, count: n)
    var referenceDistances = [Double](repeating: -1, count: n)
    data.centred.values.withUnsafeBufferPointer { xs in
      centroids.withUnsafeBufferPointer { cs in
        ReferenceKernel.assign(
          points: xs.baseAddress!, rows: 0..<n, dimension: d, centroids: cs.baseAddress!, clusterCount: k,
          labels: &referenceLabels, distances: &referenceDistances)
      }
    }
    let panel = CentroidPanel(centroids, count: k, dimension: d)
    for variant in kernelVariants {
      var labels = [Int32](repeating: -1, count: n)
      var distances = [Double](repeating: -1, count: n)
      data.centred.values.withUnsafeBufferPointer { xs in
        panel.withPointers { pointers in
          AssignmentKernel.assign(
            points: xs.baseAddress!, rows: 0..<n, dimension: d, panel: pointers, labels: &labels,
            distances: &distances, variant: variant)
        }
      }
      #expect(labels == referenceLabels, "n \(n) d \(d) k \(k) variant \(variant)")
      // The distance to the winner is recomputed directly, in the reference's order: bit-equal.
      #expect(distances == referenceDistances, "n \(n) d \(d) k \(k) variant \(variant)")
    }
  }

  @Test(
    "the blocked kernel gives the reference kernel's labels and exact distances",
    arguments: [
      (1, 1, 1), (3, 1, 2), (5, 2, 3), (17, 3, 8), (100, 1, 9), (257, 7, 16), (1000, 16, 32),
      (999, 33, 5), (2051, 64, 17), (64, 5, 64), (1003, 6, 4), (517, 3, 2),
    ])
  func matchesReference(shape: (Int, Int, Int)) throws {
    let (n, d, k) = shape
    try compare(n: n, d: d, k: k, seed: UInt64(n * 31 + d * 7 + k))
  }

  @Test("ties between identical centroids go to the lowest index", arguments: [(50, 2, 4), (300, 9, 13)])
  func tiesGoLow(shape: (Int, Int, Int)) throws {
    let (n, d, k) = shape
    try compare(n: n, d: d, k: k, seed: 7, duplicateCentroids: true)
    // And explicitly: with centroid 1 a copy of centroid 0, nobody is labelled 1.
    let data = PreparedData(blobs(rows: n, dimension: d, centres: 2, seed: 3))
    var centroids = Array(data.centred.values[0..<d]) + Array(data.centred.values[0..<d])
    centroids += Array(data.centred.values[d..<(2 * d)])
    let panel = CentroidPanel(centroids, count: 3, dimension: d)
    for variant in kernelVariants {
      var labels = [Int32](repeating: -1, count: n)
      var distances = [Double](repeating: 0, count: n)
      data.centred.values.withUnsafeBufferPointer { xs in
        panel.withPointers { pointers in
          AssignmentKernel.assign(
            points: xs.baseAddress!, rows: 0..<n, dimension: d, panel: pointers, labels: &labels,
            distances: &distances, variant: variant)
        }
      }
      #expect(!labels.contains(1))
      #expect(labels[0] == 0)
    }
  }

  @Test(
    "every variant lists exactly the changed rows, in order, or −1 past the limit",
    arguments: [0, 1, 63, 64, 65, 200, 1000, 4099])
  func changedRows(n: Int) throws {
    let random = RandomSource(seed: UInt64(n) + 11)
    let old = (0..<n).map { _ in Int32(random.uniformInt(below: 5)) }
    for probability in [0.0, 0.01, 0.3, 1.0] {
      var current = old
      for i in 0..<n where random.uniform() < probability { current[i] = (old[i] + 1) % 5 }
      let expected = (0..<n).filter { old[$0] != current[$0] }
      for limit in [n, expected.count, max(0, expected.count - 1)] {
        for variant in kernelVariants {
          var rows = [Int](repeating: -7, count: limit + 64)
          let count = ksk_changed_rows(variant, old, current, n, &rows, limit)
          let tag = "n \(n) p \(probability) limit \(limit) variant \(variant)"
          if expected.count > limit {
            #expect(count == -1, "\(tag)")
          } else {
            #expect(count == expected.count, "\(tag)")
            #expect(Array(rows[0..<max(0, count)]) == expected, "\(tag)")
          }
        }
      }
    }
  }
}
