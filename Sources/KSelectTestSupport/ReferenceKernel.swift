import KSelect

/// The plain assignment kernel the blocked kernels are checked against: direct squared
/// distances Σ (x − c)², one point and one centroid at a time.
package enum ReferenceKernel {
  /// For every row in `rows`, the index of the nearest centroid (lowest index on ties) and the
  /// squared Euclidean distance to it, written into `labels` and `distances`.
  package static func assign(
    points: UnsafePointer<Double>, rows: Range<Int>, dimension d: Int,
    centroids: UnsafePointer<Double>, clusterCount k: Int,
    labels: UnsafeMutablePointer<Int32>, distances: UnsafeMutablePointer<Double>
  ) {
    for i in rows {
      var best = Double.infinity
      var bestIndex: Int32 = 0
      for c in 0..<k {
        let distance = squaredDistance(points + i * d, centroids + c * d, d)
        if distance < best {
          best = distance
          bestIndex = Int32(c)
        }
      }
      labels[i] = bestIndex
      distances[i] = best
    }
  }
}

/// Lloyd's assignment step with the reference kernel, which also writes every exact distance.
package struct ReferenceAssignment: AssignmentStep {
  let data: PreparedData
  let clusterCount: Int

  package mutating func assign(_ centroids: [Double], labels: inout [Int32], distances: inout [Double]) -> Bool {
    data.centred.values.withUnsafeBufferPointer { xs in
      centroids.withUnsafeBufferPointer { cs in
        labels.withUnsafeMutableBufferPointer { ls in
          distances.withUnsafeMutableBufferPointer { ds in
            ReferenceKernel.assign(
              points: xs.baseAddress!, rows: 0..<data.rowCount, dimension: data.columnCount,
              centroids: cs.baseAddress!, clusterCount: clusterCount, labels: ls.baseAddress!,
              distances: ds.baseAddress!)
          }
        }
      }
    }
    return true
  }

  package mutating func invalidate(row i: Int) {}
}

extension LloydRun {
  /// The same run with the reference kernel in every assignment step.
  package var withReferenceKernel: LloydRun {
    var run = self
    run.assignmentStep = { ReferenceAssignment(data: $0.data, clusterCount: $0.clusterCount) }
    return run
  }

  /// Lloyd's algorithm from `initial` (row-major k × d), refined when `refines` is set: what one
  /// restart of a fit runs.
  package func run(from initial: [Double]) -> Outcome {
    let outcome = lloyd(from: initial, iterationBudget: maxIterations)
    return refines ? refined(outcome) : outcome
  }
}
