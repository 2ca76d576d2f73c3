import Foundation

/// Chooses the initial centroids of one k-means run, on centred data.
struct Seeder {
  let data: PreparedData
  let clusterCount: Int
  /// Threads for k-means++'s candidate evaluation; the result does not depend on them.
  var parallelism: Parallelism = .serial

  /// Initial centroids, row-major (k × d), in the centred space.
  func initialCentroids(_ seeding: Seeding, random: RandomSource) -> [Double] {
    switch seeding {
    case .kMeansPlusPlus: return kMeansPlusPlus(random)
    case .forgy: return forgy(random)
    case .randomPartition: return randomPartition(random)
    case .given(let centroids):
      let d = data.columnCount
      return centroids.enumerated().map { index, value in (value - data.means[index % d]) * data.scale }
    }
  }

  /// Greedy k-means++: the first centre uniform; each next centre the best (lowest potential)
  /// of 2 + ⌊ln k⌋ candidates drawn with probability proportional to D(x)².
  ///
  /// The candidates are evaluated together in one pass over the data, spread over the threads in
  /// fixed chunks whose partial potentials are added in chunk order, so the choice does not
  /// depend on the thread count.
  /// - Complexity: O(n d k log k).
  func kMeansPlusPlus(_ random: RandomSource) -> [Double] {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    let trials = 2 + Int(log(Double(k)))
    let chunks = AssignmentKernel.chunkCount(n)
    var centres = [Double]()
    centres.reserveCapacity(k * d)
    var closest = [Double](repeating: 0, count: n)
    var cumulative = [Double](repeating: 0, count: n)
    data.centred.values.withUnsafeBufferPointer { xs in
      let x = SharedReads(base: xs.baseAddress!)
      let first = random.uniformInt(below: n)
      centres.append(contentsOf: xs[(first * d)..<((first + 1) * d)])
      closest.withUnsafeMutableBufferPointer { cl in
        let out = DisjointWrites(base: cl.baseAddress!)
        parallelism.forEach(chunks) { chunk in
          for i in AssignmentKernel.rows(ofChunk: chunk, rowCount: n) {
            out.base[i] = AssignmentKernel.squaredDistance(x.base + i * d, x.base + first * d, d)
          }
        }
      }
      for _ in 1..<max(k, 1) {
        var running = 0.0
        for i in 0..<n {
          running += closest[i]
          cumulative[i] = running
        }
        var candidates = [Int]()
        for _ in 0..<trials {
          let target = random.uniformPositive() * running
          candidates.append(min(n - 1, Self.firstIndex(in: cumulative, reaching: target)))
        }
        let chosen = candidates
        // Potential of every candidate, per chunk.
        let partials: [[Double]] = closest.withUnsafeBufferPointer { cl in
          let near = SharedReads(base: cl.baseAddress!)
          return parallelism.map(chunks) { chunk in
            var sums = [Double](repeating: 0, count: chosen.count)
            for i in AssignmentKernel.rows(ofChunk: chunk, rowCount: n) {
              let xi = x.base + i * d
              let current = near.base[i]
              for (t, candidate) in chosen.enumerated() {
                sums[t] += min(current, AssignmentKernel.squaredDistance(xi, x.base + candidate * d, d))
              }
            }
            return sums
          }
        }
        var bestTrial = 0
        var bestPotential = Double.infinity
        for t in 0..<chosen.count {
          var potential = 0.0
          for partial in partials { potential += partial[t] }
          if potential < bestPotential {
            bestPotential = potential
            bestTrial = t
          }
        }
        let best = chosen[bestTrial]
        centres.append(contentsOf: xs[(best * d)..<((best + 1) * d)])
        closest.withUnsafeMutableBufferPointer { cl in
          let out = DisjointWrites(base: cl.baseAddress!)
          parallelism.forEach(chunks) { chunk in
            for i in AssignmentKernel.rows(ofChunk: chunk, rowCount: n) {
              out.base[i] = min(out.base[i], AssignmentKernel.squaredDistance(x.base + i * d, x.base + best * d, d))
            }
          }
        }
      }
    }
    return centres
  }

  /// k distinct rows drawn uniformly without replacement.
  func forgy(_ random: RandomSource) -> [Double] {
    let n = data.rowCount
    let d = data.columnCount
    var indices = Array(0..<n)
    var centres = [Double]()
    for r in 0..<clusterCount {
      let pick = r + random.uniformInt(below: n - r)
      indices.swapAt(r, pick)
      centres.append(contentsOf: data.centred.values[(indices[r] * d)..<((indices[r] + 1) * d)])
    }
    return centres
  }

  /// The means of a uniformly random labelling; a label no point drew takes a random point.
  func randomPartition(_ random: RandomSource) -> [Double] {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    var sums = [Double](repeating: 0, count: k * d)
    var counts = [Int](repeating: 0, count: k)
    for i in 0..<n {
      let label = random.uniformInt(below: k)
      counts[label] += 1
      for j in 0..<d { sums[label * d + j] += data.centred.values[i * d + j] }
    }
    for r in 0..<k {
      if counts[r] == 0 {
        let i = random.uniformInt(below: n)
        for j in 0..<d { sums[r * d + j] = data.centred.values[i * d + j] }
      } else {
        for j in 0..<d { sums[r * d + j] /= Double(counts[r]) }
      }
    }
    return sums
  }

  /// The first index whose cumulative value is at least `target` (binary search).
  static func firstIndex(in cumulative: [Double], reaching target: Double) -> Int {
    var low = 0
    var high = cumulative.count
    while low < high {
      let mid = (low + high) / 2
      if cumulative[mid] < target { low = mid + 1 } else { high = mid }
    }
    return low
  }
}
