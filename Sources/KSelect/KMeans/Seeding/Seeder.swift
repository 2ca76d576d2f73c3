import Foundation
import _KSelectKernels

/// Chooses the initial centroids of one k-means run, on centred data.
package struct Seeder {
  let data: PreparedData
  let clusterCount: Int
  /// Threads for k-means++'s candidate evaluation; the result does not depend on them.
  var parallelism: Parallelism
  /// The seeding kernels' variant; every variant gives the same centres.
  var variant: KernelVariant

  /// A seeder of `clusterCount` centres for `data`.
  package init(
    data: PreparedData, clusterCount: Int, parallelism: Parallelism = .serial, variant: KernelVariant = .best
  ) {
    self.data = data
    self.clusterCount = clusterCount
    self.parallelism = parallelism
    self.variant = variant
  }

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
  /// depend on the thread count (nor on the kernel variant: the kernels compute every distance
  /// and sum in the order of a plain loop). For d ≥ `CloserRows.minimumDimension` the same pass
  /// lists the rows each candidate brings closer, so the chosen one's distances are written
  /// from its lists, not from a second pass over the data.
  /// - Complexity: O(n d k log k).
  package func kMeansPlusPlus(_ random: RandomSource) -> [Double] {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    let trials = Self.trialCount(clusterCount: k)
    let xs = data.centred.values
    var centres = [Double]()
    centres.reserveCapacity(k * d)
    let first = random.uniformInt(below: n)
    centres.append(contentsOf: xs[(first * d)..<((first + 1) * d)])
    guard k > 1 else { return centres }
    var closest = closestDistances(toRow: first)
    var cumulative = [Double](repeating: 0, count: n)
    var closer = d >= CloserRows.minimumDimension ? CloserRows(rowCount: n, candidateCount: trials) : nil
    for _ in 1..<k {
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
      let best = Self.lowestIndex(of: potentials(of: candidates, closest: closest, recording: &closer))
      centres.append(contentsOf: xs[(candidates[best] * d)..<((candidates[best] + 1) * d)])
      lowerClosest(&closest, toCandidate: best, row: candidates[best], listedIn: closer)
    }
    return centres
  }

  /// The number of candidates greedy k-means++ draws for each centre: 2 + ⌊ln k⌋.
  static func trialCount(clusterCount k: Int) -> Int { 2 + Int(log(Double(max(k, 1)))) }

  /// The potential Σ_i min(closest_i, ‖x_i − x_c‖²) of every candidate row c: per-chunk sums
  /// (rows in order) from the seeding kernel, added in chunk order. Records in `closer`, unless
  /// it is nil, the rows each candidate brings closer, chunk by chunk.
  /// - Precondition: `candidates.count` ≤ `closer.candidateCount`, and `closer` was made for
  ///   this data's row count.
  func potentials(of candidates: [Int], closest: [Double], recording closer: inout CloserRows?) -> [Double] {
    let partials: [[Double]]
    if var lists = closer {
      precondition(candidates.count <= lists.candidateCount && lists.rowCount == data.rowCount)
      closer = nil  // `lists` is then the only reference: no copy on write
      let capacity = lists.capacity
      let stride = lists.candidateCount
      partials = lists.withUnsafeMutablePointers { rows, values, lengths in
        let out = DisjointWrites(base: rows)
        let outValues = DisjointWrites(base: values)
        let outLengths = DisjointWrites(base: lengths)
        return chunkPotentials(of: candidates, closest: closest) { chunk in
          (
            capacity, out.base + chunk * stride * capacity, outValues.base + chunk * stride * capacity,
            outLengths.base + chunk * stride
          )
        }
      }
      closer = lists
    } else {
      partials = chunkPotentials(of: candidates, closest: closest) { _ in (0, nil, nil, nil) }
    }
    return candidates.indices.map { t in
      var potential = 0.0
      for partial in partials { potential += partial[t] }
      return potential
    }
  }

  /// Each chunk's candidate potentials from the seeding kernel, which lists the rows brought
  /// closer into the capacity and buffers `lists(chunk)` gives (none when they are nil).
  private func chunkPotentials(
    of candidates: [Int], closest: [Double],
    lists:
      @Sendable (Int) -> (
        Int, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Int64>?
      )
  ) -> [[Double]] {
    let n = data.rowCount
    let d = data.columnCount
    let lanes = (candidates.count + 3) / 4 * 4
    let panel = candidatePanel(candidates, lanes: lanes)
    let kernel = variant
    return data.centred.values.withUnsafeBufferPointer { xs in
      closest.withUnsafeBufferPointer { cl in
        panel.withUnsafeBufferPointer { p in
          let x = SharedReads(base: xs.baseAddress!)
          let near = SharedReads(base: cl.baseAddress!)
          let candidatePanel = SharedReads(base: p.baseAddress!)
          return parallelism.map(AssignmentKernel.chunkCount(n)) { chunk in
            let rows = AssignmentKernel.rows(ofChunk: chunk, rowCount: n)
            let (capacity, rowLists, valueLists, lengths) = lists(chunk)
            var sums = [Double](repeating: 0, count: lanes)
            ksk_seed_potentials(
              kernel, x.base, d, rows.lowerBound, rows.upperBound, near.base, candidatePanel.base,
              candidates.count, lanes, &sums, capacity, rowLists, valueLists, lengths)
            return sums
          }
        }
      }
    }
  }

  /// The candidate rows transposed into a d × `lanes` panel (candidate t's coordinate j at
  /// j · lanes + t), zero in the padding lanes.
  func candidatePanel(_ candidates: [Int], lanes: Int) -> [Double] {
    let d = data.columnCount
    var panel = [Double](repeating: 0, count: max(1, d * lanes))
    for (t, row) in candidates.enumerated() {
      for j in 0..<d { panel[j * lanes + t] = data.centred.values[row * d + j] }
    }
    return panel
  }

  /// The squared distance from every row to row `centre`, in fixed chunks spread over the threads.
  func closestDistances(toRow centre: Int) -> [Double] {
    let n = data.rowCount
    let d = data.columnCount
    let kernel = variant
    var closest = [Double](repeating: 0, count: n)
    data.centred.values.withUnsafeBufferPointer { xs in
      closest.withUnsafeMutableBufferPointer { cl in
        let x = SharedReads(base: xs.baseAddress!)
        let out = DisjointWrites(base: cl.baseAddress!)
        parallelism.forEach(AssignmentKernel.chunkCount(n)) { chunk in
          let rows = AssignmentKernel.rows(ofChunk: chunk, rowCount: n)
          ksk_seed_update(kernel, x.base, d, rows.lowerBound, rows.upperBound, x.base + centre * d, 1, out.base)
        }
      }
    }
    return closest
  }

  /// Lowers every `closest[i]` to the squared distance from row i to `row`, candidate `t` of the
  /// last `potentials` call: a chunk whose list in `closer` is complete is written from it, any
  /// other chunk (every chunk when `closer` is nil) recomputed from the data; both give the same
  /// numbers. Fixed chunks, spread over the threads.
  func lowerClosest(_ closest: inout [Double], toCandidate t: Int, row: Int, listedIn closer: CloserRows?) {
    let n = data.rowCount
    let d = data.columnCount
    let kernel = variant
    data.centred.values.withUnsafeBufferPointer { xs in
      closest.withUnsafeMutableBufferPointer { cl in
        let x = SharedReads(base: xs.baseAddress!)
        let out = DisjointWrites(base: cl.baseAddress!)
        /// Recomputes the chunk's rows from the data.
        @Sendable func recompute(_ rows: Range<Int>) {
          ksk_seed_update(kernel, x.base, d, rows.lowerBound, rows.upperBound, x.base + row * d, 0, out.base)
        }
        guard let lists = closer else {
          parallelism.forEach(AssignmentKernel.chunkCount(n)) {
            recompute(AssignmentKernel.rows(ofChunk: $0, rowCount: n))
          }
          return
        }
        let capacity = lists.capacity
        let stride = lists.candidateCount
        lists.withUnsafePointers { rowLists, valueLists, lengthLists in
          let listedRows = SharedReads(base: rowLists)
          let listedValues = SharedReads(base: valueLists)
          let lengths = SharedReads(base: lengthLists)
          parallelism.forEach(AssignmentKernel.chunkCount(n)) { chunk in
            let rows = AssignmentKernel.rows(ofChunk: chunk, rowCount: n)
            let list = chunk * stride + t
            let length = Int(lengths.base[list])
            guard length <= capacity else { return recompute(rows) }
            for e in (list * capacity)..<(list * capacity + length) {
              out.base[rows.lowerBound + Int(listedRows.base[e])] = listedValues.base[e]
            }
          }
        }
      }
    }
  }

  /// The index of the smallest value; the first one on ties (strict `<`).
  static func lowestIndex(of values: [Double]) -> Int {
    var best = 0
    var bestValue = Double.infinity
    for (index, value) in values.enumerated() where value < bestValue {
      best = index
      bestValue = value
    }
    return best
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
