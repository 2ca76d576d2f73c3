/// One way of running the assignment step of Lloyd's iterations: every point's label brought up
/// to date for new centroids. `LloydRun` runs the blocked kernel (`BlockedAssignment`) or one of
/// the bounded steps (`BoundedAssignment`), which give the same labels.
package protocol AssignmentStep {
  /// Brings `labels` up to date for `centroids` (row-major k × d).
  /// - Returns: whether `distances` now hold every point's exact squared distance to its
  ///   centroid; when not, they are left as they were.
  mutating func assign(_ centroids: [Double], labels: inout [Int32], distances: inout [Double]) -> Bool

  /// Forgets what the step knows about point `i` (an empty-cluster repair moved it).
  mutating func invalidate(row i: Int)
}

/// Plain Lloyd's assignment step: the blocked kernel evaluates every centroid for every point.
struct BlockedAssignment: AssignmentStep {
  let data: PreparedData
  let clusterCount: Int
  let parallelism: Parallelism
  let variant: KernelVariant

  /// Labels only: the exact distances are computed once they are needed.
  mutating func assign(_ centroids: [Double], labels: inout [Int32], distances: inout [Double]) -> Bool {
    AssignmentKernel.assignAll(
      points: data.centred.values, rowCount: data.rowCount, dimension: data.columnCount, centroids: centroids,
      clusterCount: clusterCount, parallelism: parallelism, variant: variant, writesDistances: false,
      labels: &labels, distances: &distances)
    return false
  }

  /// Nothing to forget: the step keeps no state between iterations.
  mutating func invalidate(row i: Int) {}
}
