import Foundation
import KSelectTestSupport
import Testing
import _KSelectKernels

@testable import KSelect

/// Σ_j (x_a − x_b)² for rows a and b of the row-major `x` with `d` columns, the plain loop in j
/// order.
private func plainDistance(_ x: [Double], _ d: Int, _ a: Int, _ b: Int) -> Double {
  var sum = 0.0
  for j in 0..<d {
    let delta = x[a * d + j] - x[b * d + j]
    sum += delta * delta
  }
  return sum
}

/// Greedy k-means++ exactly as Seeder.swift computed it before the seeding kernels: scalar
/// distances in j order, per-chunk potentials (rows in order) added in chunk order, the first
/// candidate kept on ties. Serial; the draws use the same stream as `Seeder`.
private func referenceSeeding(_ data: PreparedData, clusterCount k: Int, random: RandomSource) -> [Double] {
  let n = data.rowCount
  let d = data.columnCount
  let x = data.centred.values
  let distance = { (a: Int, b: Int) in plainDistance(x, d, a, b) }
  let trials = 2 + Int(log(Double(k)))
  let first = random.uniformInt(below: n)
  var centres = Array(x[(first * d)..<((first + 1) * d)])
  var closest = (0..<n).map { distance($0, first) }
  for _ in 1..<max(k, 1) {
    var cumulative = [Double]()
    var running = 0.0
    for value in closest {
      running += value
      cumulative.append(running)
    }
    let candidates = (0..<trials).map { _ in
      min(n - 1, Seeder.firstIndex(in: cumulative, reaching: random.uniformPositive() * running))
    }
    var best = candidates[0]
    var bestPotential = Double.infinity
    for candidate in candidates {
      var potential = 0.0
      for chunk in 0..<AssignmentKernel.chunkCount(n) {
        var sum = 0.0
        for i in AssignmentKernel.rows(ofChunk: chunk, rowCount: n) { sum += min(closest[i], distance(i, candidate)) }
        potential += sum
      }
      if potential < bestPotential {
        bestPotential = potential
        best = candidate
      }
    }
    centres += x[(best * d)..<((best + 1) * d)]
    for i in 0..<n { closest[i] = min(closest[i], distance(i, best)) }
  }
  return centres
}

@Suite("k-means++ seeding kernels")
struct SeederKernelTests {
  /// Rows spanning two full chunks and a partial third (a row count that is not a multiple of 4).
  static let rowCount = 2 * AssignmentKernel.chunkRows + 37

  @Test(
    "the seeding kernels pick the reference's centres bit for bit (both variants, 1 and 2 threads)",
    arguments: [1, 2, 10, 16, 70], [1, 2, 5, 33])
  func matchesReference(dimension d: Int, clusterCount k: Int) throws {
    for n in [Self.rowCount, 7] {
      let data = PreparedData(blobs(rows: n, dimension: d, centres: 6, seed: UInt64(d * 100 + k), duplicateEvery: 3))
      let expected = referenceSeeding(data, clusterCount: k, random: RandomSource(seed: 9, stream: [UInt64(k)]))
      for variant in kernelVariants {
        for threads in [1, 2] {
          let seeder = Seeder(
            data: data, clusterCount: k, parallelism: Parallelism(threads: threads), variant: variant)
          let centres = seeder.kMeansPlusPlus(RandomSource(seed: 9, stream: [UInt64(k)]))
          #expect(
            centres.map(\.bitPattern) == expected.map(\.bitPattern),
            "n \(n) d \(d) k \(k) variant \(variant) threads \(threads)")
        }
      }
    }
  }

  @Test("more centres than distinct rows: ties keep the first candidate, as the reference does")
  func fewDistinctRows() throws {
    let rows: [[Double]] = (0..<600).map { i in [Double(i % 3), Double(i % 3) * 0.5, 1] }
    let data = PreparedData(Dataset(rows: rows))
    for k in [2, 5, 9] {
      let expected = referenceSeeding(data, clusterCount: k, random: RandomSource(seed: 4))
      for variant in kernelVariants {
        let centres = Seeder(data: data, clusterCount: k, variant: variant).kMeansPlusPlus(RandomSource(seed: 4))
        #expect(centres.map(\.bitPattern) == expected.map(\.bitPattern), "k \(k) variant \(variant)")
      }
    }
  }

  @Test(
    "candidate potentials and closest-distance updates equal the plain loops bit for bit",
    arguments: [1, 3, 4, 10, 70], [1, 4, 5, 9])
  func potentialsAndUpdates(dimension d: Int, candidateCount: Int) throws {
    let n = Self.rowCount
    let data = PreparedData(
      blobs(rows: n, dimension: d, centres: 4, seed: UInt64(d + candidateCount), duplicateEvery: 5))
    let x = data.centred.values
    let random = RandomSource(seed: 21)
    let candidates = (0..<candidateCount).map { _ in random.uniformInt(below: n) }
    // Every other row has no centre yet, so its exact distances enter the sums unclipped.
    let closest = (0..<n).map { i in i % 2 == 0 ? Double.infinity : random.uniform() * 50 }
    let distance = { (i: Int, c: Int) in plainDistance(x, d, i, c) }
    let expected = candidates.map { c in
      (0..<AssignmentKernel.chunkCount(n)).reduce(0.0) { total, chunk in
        total
          + AssignmentKernel.rows(ofChunk: chunk, rowCount: n).reduce(0.0) { $0 + min(closest[$1], distance($1, c)) }
      }
    }
    let lowered = candidates.map { c in (0..<n).map { min(closest[$0], distance($0, c)) } }
    let replaced = (0..<n).map { distance($0, candidates[0]) }
    // Half the rows of a full chunk come closer: capacity 0 recomputes every chunk, the default
    // (a quarter of a chunk) writes only the short last chunk from its lists, a whole chunk's
    // capacity writes every chunk from its lists.
    // No lists at all (as below CloserRows.minimumDimension) recomputes every chunk too.
    for capacity in [nil, 0, Seeder.CloserRows.defaultCapacity(rowCount: n), AssignmentKernel.chunkRows] {
      for variant in kernelVariants {
        for threads in [1, 2] {
          let label = "capacity \(capacity.map(String.init) ?? "none") variant \(variant) threads \(threads)"
          let seeder = Seeder(data: data, clusterCount: 2, parallelism: Parallelism(threads: threads), variant: variant)
          var closer = capacity.map { Seeder.CloserRows(rowCount: n, candidateCount: candidateCount + 1, capacity: $0) }
          let potentials = seeder.potentials(of: candidates, closest: closest, recording: &closer)
          #expect(potentials.map(\.bitPattern) == expected.map(\.bitPattern), "\(label)")
          for (t, c) in candidates.enumerated() {
            var updated = closest
            seeder.lowerClosest(&updated, toCandidate: t, row: c, listedIn: closer)
            #expect(updated.map(\.bitPattern) == lowered[t].map(\.bitPattern), "\(label) candidate \(t)")
          }
          #expect(
            seeder.closestDistances(toRow: candidates[0]).map(\.bitPattern) == replaced.map(\.bitPattern), "\(label)")
        }
      }
    }
  }

  @Test(
    "each distance inside the potentials kernel is the plain loop's, in the 4-row tiles and the tail",
    arguments: [1, 3, 4, 10, 16, 70])
  func isolatedDistances(dimension d: Int) throws {
    let n = 23
    let data = PreparedData(blobs(rows: n, dimension: d, centres: 3, seed: UInt64(d), duplicateEvery: 4))
    let x = data.centred.values
    let candidates = [5, 0, 22, 5, 11]
    let lanes = 8
    let capacity = 2
    let seeder = Seeder(data: data, clusterCount: 2)
    let panel = seeder.candidatePanel(candidates, lanes: lanes)
    for variant in kernelVariants {
      // Rows [16, 20) run through a tile and rows 20..<23 through the tail: with every other
      // row's closest at 0 (adding exact zeros, and bringing no other row closer), each sum is
      // one row's distance, and each candidate's list holds that row alone.
      for row in 16..<n {
        var closest = [Double](repeating: 0, count: n)
        closest[row] = .infinity
        var sums = [Double](repeating: -1, count: lanes)
        var rows = [Int32](repeating: -1, count: candidates.count * capacity)
        var values = [Double](repeating: -1, count: candidates.count * capacity)
        var lengths = [Int64](repeating: -1, count: candidates.count)
        ksk_seed_potentials(
          variant, x, d, 16, n, closest, panel, candidates.count, lanes, &sums, capacity, &rows, &values, &lengths)
        for (t, c) in candidates.enumerated() {
          var expected = 0.0
          for j in 0..<d {
            let delta = x[row * d + j] - x[c * d + j]
            expected += delta * delta
          }
          let label = "d \(d) row \(row) candidate \(t) variant \(variant)"
          #expect(sums[t].bitPattern == expected.bitPattern, "\(label)")
          #expect(lengths[t] == 1, "\(label)")
          #expect(rows[t * capacity] == Int32(row - 16), "\(label)")
          #expect(values[t * capacity].bitPattern == expected.bitPattern, "\(label)")
        }
      }
    }
  }
}
