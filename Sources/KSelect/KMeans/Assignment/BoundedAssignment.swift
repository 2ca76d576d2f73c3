import _KSelectKernels

/// The assignment step of Hamerly's (2010) and Elkan's (2003) accelerated Lloyd iterations:
/// bounds on the distances from every point to the centroids let most points keep their label
/// without computing distances.
///
/// The labels are exactly those of the blocked kernel, ties included. A centroid j is ruled out
/// for point x only when a lower bound L on ‖x − c_j‖ and an upper bound u on the distance to the
/// assigned centroid satisfy L² − u² > m(x), a margin m(x) = 10⁻⁹ (‖x‖² + max‖y‖²) far above the
/// rounding of the expanded form ‖c‖² − 2x·c the kernel compares and of the bounds themselves
/// (Hamerly tightens u with ‖x − c‖ summed directly); every label it assigns comes from the
/// expanded form, evaluated by the same C code as the kernel. Labels therefore never depend on
/// the algorithm.
struct BoundedAssignment: AssignmentStep {
  /// `.hamerly` or `.elkan`.
  let algorithm: KMeansAlgorithm
  let data: PreparedData
  let clusterCount: Int
  let parallelism: Parallelism
  /// The kernel variant (`.best` unless a test asks for another).
  let variant: KernelVariant
  /// An upper bound on the distance from every point to its centroid.
  private var upper: [Double]
  /// Lower bounds: the distance to the second-nearest centroid (Hamerly, n), or to every
  /// centroid (Elkan, n × k).
  private var lower: [Double]
  /// The centroids of the previous assignment, `nil` before the first.
  private var previous: [Double]?
  /// max(‖x‖², ‖c‖²) seen so far, the scale of the pruning margin.
  private var scale: Double

  /// Prepares bounds for `data`; the first `assign` computes every distance.
  init(
    algorithm: KMeansAlgorithm, data: PreparedData, clusterCount k: Int, parallelism: Parallelism,
    variant: KernelVariant = .best
  ) {
    precondition(algorithm == .hamerly || algorithm == .elkan)
    self.algorithm = algorithm
    self.data = data
    self.clusterCount = k
    self.parallelism = parallelism
    self.variant = variant
    let n = data.rowCount
    scale = data.largestRowNorm
    upper = [Double](repeating: .infinity, count: n)
    lower = [Double](repeating: 0, count: algorithm == .elkan ? n * k : n)
  }

  /// Forgets what is known about point `i` (after an empty-cluster repair moved it).
  mutating func invalidate(row i: Int) {
    upper[i] = .infinity
    if algorithm == .elkan {
      for j in 0..<clusterCount { lower[i * clusterCount + j] = 0 }
    } else {
      lower[i] = 0
    }
  }

  /// Brings `labels` up to date for `centroids` (row-major k × d); the distances are left as
  /// they were.
  mutating func assign(_ centroids: [Double], labels: inout [Int32], distances: inout [Double]) -> Bool {
    assign(centroids, labels: &labels)
    return false
  }

  /// Brings `labels` up to date for `centroids` (row-major k × d).
  mutating func assign(_ centroids: [Double], labels: inout [Int32]) {
    let n = data.rowCount
    let d = data.columnCount
    let k = clusterCount
    let panel = CentroidPanel(centroids, count: k, dimension: d)
    for r in 0..<k { scale = max(scale, panel.norms[r]) }
    // Per-centroid movement since the last assignment, and half the distance to the nearest
    // other centroid.
    var movement = [Double](repeating: 0, count: k)
    var centreDistances = [Double](repeating: 0, count: k * k)
    var halfGap = [Double](repeating: .infinity, count: k)
    let first = previous == nil
    centroids.withUnsafeBufferPointer { c in
      if let previous {
        previous.withUnsafeBufferPointer { p in
          for r in 0..<k {
            movement[r] = squaredDistance(
              c.baseAddress! + r * d, p.baseAddress! + r * d, d
            ).squareRoot()
          }
        }
      }
      for r in 0..<k {
        for q in (r + 1)..<max(k, r + 1) {
          let distance = squaredDistance(
            c.baseAddress! + r * d, c.baseAddress! + q * d, d
          ).squareRoot()
          centreDistances[r * k + q] = distance
          centreDistances[q * k + r] = distance
          halfGap[r] = min(halfGap[r], distance / 2)
          halfGap[q] = min(halfGap[q], distance / 2)
        }
      }
    }
    var largestMove = 0.0
    var largestMover = -1
    var secondMove = 0.0
    for r in 0..<k {
      if movement[r] > largestMove {
        secondMove = largestMove
        largestMove = movement[r]
        largestMover = r
      } else if movement[r] > secondMove {
        secondMove = movement[r]
      }
    }
    let context = Context(
      k: k, d: d, algorithm: algorithm, variant: variant, first: first, scale: scale, largestMove: largestMove,
      largestMover: largestMover, secondMove: secondMove)
    data.centred.values.withUnsafeBufferPointer { xs in
      data.rowNorms.withUnsafeBufferPointer { xn in
        labels.withUnsafeMutableBufferPointer { ls in
          upper.withUnsafeMutableBufferPointer { us in
            lower.withUnsafeMutableBufferPointer { lo in
              movement.withUnsafeBufferPointer { mv in
                centreDistances.withUnsafeBufferPointer { cc in
                  halfGap.withUnsafeBufferPointer { hg in
                    panel.withPointers { pointers in
                      let shared = Shared(
                        x: xs.baseAddress!, norms: xn.baseAddress!, movement: mv.baseAddress!,
                        centreDistances: cc.baseAddress!, halfGap: hg.baseAddress!, panel: pointers)
                      let out = Outputs(
                        labels: ls.baseAddress!, upper: us.baseAddress!, lower: lo.baseAddress!)
                      parallelism.forEach(AssignmentKernel.chunkCount(n)) { chunk in
                        Self.assignChunk(
                          AssignmentKernel.rows(ofChunk: chunk, rowCount: n), context: context,
                          shared: shared, out: out)
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    previous = centroids
  }

  /// Per-assignment constants.
  private struct Context: Sendable {
    let k: Int
    let d: Int
    let algorithm: KMeansAlgorithm
    let variant: KernelVariant
    let first: Bool
    let scale: Double
    let largestMove: Double
    let largestMover: Int
    let secondMove: Double
  }

  /// Read-only inputs of one assignment. Nobody writes these buffers while the chunks run, which
  /// is what makes the unchecked `Sendable` conformance sound.
  private struct Shared: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let norms: UnsafePointer<Double>
    let movement: UnsafePointer<Double>
    let centreDistances: UnsafePointer<Double>
    let halfGap: UnsafePointer<Double>
    let panel: CentroidPanel.Pointers
  }

  /// Per-point outputs. Chunk c writes only the rows of chunk c (labels[i], upper[i] and the
  /// lower bounds of row i), so the rows written by different chunks are disjoint; that is what
  /// makes the unchecked `Sendable` conformance sound.
  private struct Outputs: @unchecked Sendable {
    let labels: UnsafeMutablePointer<Int32>
    let upper: UnsafeMutablePointer<Double>
    let lower: UnsafeMutablePointer<Double>
  }

  /// Whether a centroid whose distance is at least `bound` cannot beat one at most `upper` away.
  @inline(__always)
  private static func excludes(_ bound: Double, _ upper: Double, margin: Double) -> Bool {
    bound > upper && (bound - upper) * (bound + upper) > margin
  }

  /// A Euclidean distance from an expanded value ‖c‖² − 2x·c and ‖x‖².
  @inline(__always)
  private static func distance(_ value: Double, _ norm: Double) -> Double {
    max(0, norm + value).squareRoot()
  }

  /// Assigns the rows of one chunk: Hamerly's step runs in C (`ksk_hamerly`, the same tests
  /// with the same arithmetic), Elkan's here.
  private static func assignChunk(
    _ rows: Range<Int>, context: Context, shared: Shared, out: Outputs
  ) {
    let k = context.k
    let d = context.d
    let p = shared.panel
    let variant = context.variant
    if context.algorithm == .hamerly {
      ksk_hamerly(
        variant, shared.x, d, rows.lowerBound, rows.upperBound, shared.norms, p.centroids, p.transposed, p.norms,
        p.paddedCount, k, shared.movement, shared.halfGap, context.largestMove,
        Int64(context.largestMover), context.secondMove, context.scale, context.first ? 1 : 0,
        out.labels, out.upper, out.lower)
      return
    }
    var values = [Double](repeating: 0, count: p.paddedCount)
    var openList = [Int32](repeating: 0, count: max(k, 1))
    values.withUnsafeMutableBufferPointer { v in
      openList.withUnsafeMutableBufferPointer { o in
        let scratch = v.baseAddress!
        let candidates = o.baseAddress!
        for i in rows {
          let x = shared.x + i * d
          let norm = shared.norms[i]
          let margin = 1e-9 * (norm + context.scale)
          if context.first {
            ksk_point_values(variant, x, d, p.transposed, p.norms, p.paddedCount, scratch)
            var best = 0
            for j in 1..<max(k, 1) where scratch[j] < scratch[best] { best = j }
            out.labels[i] = Int32(best)
            out.upper[i] = distance(scratch[best], norm)
            for j in 0..<k { out.lower[i * k + j] = distance(scratch[j], norm) }
            continue
          }
          var a = Int(out.labels[i])
          var u = out.upper[i] + shared.movement[a]
          let lower = out.lower + i * k
          for j in 0..<k { lower[j] = max(0, lower[j] - shared.movement[j]) }
          if excludes(2 * shared.halfGap[a] - u, u, margin: margin) {
            out.upper[i] = u
            continue
          }
          let gap = shared.centreDistances + a * k
          var open = false
          for j in 0..<k where j != a && !excludes(max(lower[j], gap[j] - u), u, margin: margin) {
            open = true
            break
          }
          guard open else {
            out.upper[i] = u
            continue
          }
          // Tighten u, then evaluate every centroid the tight bounds leave open in one batch
          // (independent chains overlap their latency); ruled-out centroids are strictly worse
          // than a, so the argmin over a and the open ones is the kernel's argmin.
          var valueA = ksk_pair_value(variant, x, d, p.transposed, p.norms, p.paddedCount, a)
          u = distance(valueA, norm)
          lower[a] = u
          var count = 0
          for j in 0..<k where j != a && !excludes(max(lower[j], gap[j] - u), u, margin: margin) {
            candidates[count] = Int32(j)
            count += 1
          }
          if count > 0 {
            ksk_pair_values(
              variant, x, d, p.transposed, p.norms, p.paddedCount, candidates, count, scratch)
            let start = a
            for q in 0..<count {
              let j = Int(candidates[q])
              let valueJ = scratch[q]
              lower[j] = distance(valueJ, norm)
              if valueJ < valueA || (valueJ == valueA && j < a) {
                a = j
                valueA = valueJ
              }
            }
            if a != start { u = lower[a] }
          }
          out.labels[i] = Int32(a)
          out.upper[i] = u
        }
      }
    }
  }
}
