import Testing

@testable import KSelect

/// Random points in [0, 1)^d from a fixed seed.
private func randomData(rows: Int, columns: Int, seed: UInt64) -> Dataset {
  let random = RandomSource(seed: seed)
  return Dataset(rowCount: rows, columnCount: columns, values: (0..<(rows * columns)).map { _ in random.uniform() })
}

@Suite("k-means core")
struct KMeansTests {
  @Test("centroids are the means of their points on a hand example")
  func handExample() throws {
    // Two obvious groups: {(0,0),(0,2)} and {(10,0),(10,2)}; means (0,1) and (10,1); W = 4 × 1 = 4.
    let data = Dataset(rows: [[0, 0], [0, 2], [10, 0], [10, 2]])
    let result = try KMeans.fit(data, clusterCount: 2, options: KMeansOptions(seed: 1))
    let centroids = Set((0..<2).map { result.centroid($0) })
    #expect(centroids == [[0, 1], [10, 1]])
    #expect(abs(result.wcss - 4) < 1e-12)
    #expect(result.sizes == [2, 2])
    #expect(result.converged)
  }

  @Test("uneven hand example: three points and one, W = 8")
  func unevenHandExample() throws {
    // {(0,0),(2,0),(1,3)} has mean (1,1) and squared distances 2, 2, 4 (W = 8); (20,20) alone.
    let data = Dataset(rows: [[0, 0], [2, 0], [1, 3], [20, 20]])
    let result = try KMeans.fit(data, clusterCount: 2, options: KMeansOptions(seed: 3))
    let big = result.labels[0]
    #expect(result.labels == [big, big, big, 1 - big])
    #expect(result.centroid(big) == [1, 1])
    #expect(result.centroid(1 - big) == [20, 20])
    #expect(abs(result.wcss - 8) < 1e-12)
    #expect(result.squaredDistances.map { ($0 * 1e9).rounded() / 1e9 } == [2, 2, 4, 0])
  }

  @Test("strict convergence: no label changes, centroids equal the means")
  func strictConvergence() throws {
    let data = Dataset(rows: [[0, 0], [0, 1], [5, 5], [5, 6]])
    let options = KMeansOptions(tolerance: 0, seeding: .given([0, 0, 5, 5]), refines: false)
    let result = try KMeans.fit(data, clusterCount: 2, options: options)
    #expect(result.converged)
    // Iteration 1 moves the centroids to the means; iteration 2 sees no label change.
    #expect(result.iterations == 2)
    #expect(result.centroids == [0, 0.5, 5, 5.5])
  }

  @Test("the tolerance is tol × mean feature variance and stops a run before the labels settle")
  func toleranceStop() throws {
    let data = randomData(rows: 400, columns: 2, seed: 5)
    let prepared = PreparedData(data)
    let columnVariances = (0..<2).map { j -> Double in
      let column = (0..<400).map { data.values[$0 * 2 + j] }
      let mean = column.reduce(0, +) / 400
      return column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 400
    }
    #expect(abs(prepared.meanVariance - (columnVariances[0] + columnVariances[1]) / 2) < 1e-12)
    let strict = try KMeans.fit(
      data, clusterCount: 8, options: KMeansOptions(restarts: 1, tolerance: 0, seed: 2, refines: false))
    let loose = try KMeans.fit(
      data, clusterCount: 8, options: KMeansOptions(restarts: 1, tolerance: 1e-2, seed: 2, refines: false))
    #expect(strict.converged && loose.converged)
    #expect(loose.iterations < strict.iterations)
    // A stop on tolerance leaves labels consistent with the final centroids.
    let centred = loose.centroids.enumerated().map { $0.element - prepared.means[$0.offset % 2] }
    var labels = [Int32](repeating: 0, count: 400)
    var distances = [Double](repeating: 0, count: 400)
    AssignmentKernel.assignAll(
      points: prepared.centred.values, rowCount: 400, dimension: 2, centroids: centred, clusterCount: 8,
      parallelism: .serial, labels: &labels, distances: &distances)
    #expect(labels.map { Int($0) } == loose.labels)
  }

  @Test("the iteration cap: converged is false and iterations equals the cap")
  func iterationCap() throws {
    let data = randomData(rows: 500, columns: 2, seed: 9)
    let result = try KMeans.fit(
      data,
      clusterCount: 10, options: KMeansOptions(restarts: 1, maxIterations: 2, tolerance: 0, seeding: .forgy, seed: 1))
    #expect(!result.converged)
    #expect(result.iterations == 2)
  }

  @Test("an empty cluster is re-seeded with the farthest point, never dropped")
  func emptyClusterRepair() throws {
    // The third centroid is far from every point, so it starts empty.
    let data = Dataset(rows: [[0, 0], [1, 0], [0, 1], [10, 0], [11, 0], [30, 0]])
    let run = LloydRun(
      data: PreparedData(data), clusterCount: 3, maxIterations: 300, absoluteTolerance: 0,
      parallelism: .serial, refines: false)
    let prepared = PreparedData(data)
    let initial = [0.0, 0, 10, 0, 1000, 1000].enumerated().map { $0.element - prepared.means[$0.offset % 2] }
    var labels = [Int32](repeating: 0, count: 6)
    var distances = [Double](repeating: 0, count: 6)
    AssignmentKernel.assignAll(
      points: prepared.centred.values, rowCount: 6, dimension: 2, centroids: initial, clusterCount: 3,
      parallelism: .serial, labels: &labels, distances: &distances)
    #expect(!labels.contains(2))
    var sums = RunningClusterSums(data: prepared, clusterCount: 3, parallelism: .serial)
    sums.update(to: labels)
    var moved = [Int]()
    let updated = run.updatedCentroids(
      labels: &labels, distances: &distances, old: initial, moved: &moved, sums: &sums)
    #expect(moved == [5])
    // (30,0) is 20 from its centroid (10,0): the farthest point, so it founds cluster 2.
    #expect(labels[5] == 2)
    #expect(updated[4] + prepared.means[0] == 30)
    let result = try KMeans.fit(
      data, clusterCount: 3, options: KMeansOptions(seeding: .given([0, 0, 10, 0, 1000, 1000])))
    #expect(result.sizes.count == 3)
    #expect(result.sizes.allSatisfy { $0 > 0 })
    #expect(result.sizes.reduce(0, +) == 6)
  }

  @Test("k-means++ and Forgy centres are distinct data points", arguments: [Seeding.kMeansPlusPlus, .forgy])
  func seedsAreDataPoints(seeding: Seeding) throws {
    let data = randomData(rows: 200, columns: 3, seed: 4)
    let prepared = PreparedData(data)
    let seeder = Seeder(data: prepared, clusterCount: 12)
    for stream in 0..<5 {
      let centres = seeder.initialCentroids(seeding, random: RandomSource(seed: 7, stream: [UInt64(stream)]))
      let rows = (0..<12).map { Array(centres[($0 * 3)..<(($0 + 1) * 3)]) }
      let points = Set((0..<200).map { Array(prepared.centred.values[($0 * 3)..<(($0 + 1) * 3)]) })
      #expect(rows.allSatisfy { points.contains($0) })
      #expect(Set(rows).count == 12)
    }
  }

  @Test("random partition gives the means of a labelling: all inside the data's hull box")
  func randomPartition() throws {
    let data = randomData(rows: 300, columns: 2, seed: 6)
    let prepared = PreparedData(data)
    let centres = Seeder(data: prepared, clusterCount: 3).initialCentroids(
      .randomPartition, random: RandomSource(seed: 1))
    #expect(centres.count == 6)
    // Means of about 100 uniform points lie near the centre (0 after centring).
    #expect(centres.allSatisfy { abs($0) < 0.15 })
    let result = try KMeans.fit(data, clusterCount: 3, options: KMeansOptions(seeding: .randomPartition, seed: 1))
    #expect(result.sizes.allSatisfy { $0 > 0 })
  }

  @Test("given centroids are used as they are; a wrong shape is an error")
  func givenCentroids() throws {
    let data = Dataset(rows: [[0, 0], [0, 2], [10, 0], [10, 2]])
    let result = try KMeans.fit(
      data, clusterCount: 2, options: KMeansOptions(seeding: .given([10, 1, 0, 1]), refines: false))
    #expect(result.centroids == [10, 1, 0, 1])
    #expect(result.labels == [1, 1, 0, 0])
    #expect(throws: KSelectError.self) {
      try KMeans.fit(data, clusterCount: 2, options: KMeansOptions(seeding: .given([0, 0, 1])))
    }
  }

  @Test("more restarts never raise the WCSS (restart r's stream does not depend on the count)")
  func restartsKeepTheBest() throws {
    let data = randomData(rows: 300, columns: 2, seed: 8)
    for seeding in [Seeding.kMeansPlusPlus, .forgy] {
      var previous = Double.infinity
      for restarts in 1...6 {
        let options = KMeansOptions(restarts: restarts, seeding: seeding, seed: 3, refines: false)
        let wcss = try KMeans.fit(data, clusterCount: 7, options: options).wcss
        #expect(wcss <= previous)
        previous = wcss
      }
    }
  }

  @Test("identical results with 1, 2 and 4 threads on data spanning several chunks", arguments: [1, 3, 4])
  func deterministicAcrossThreads(restarts: Int) throws {
    let data = randomData(rows: 3 * AssignmentKernel.chunkRows + 17, columns: 3, seed: 11)
    let fits = try [1, 2, 4].map { threads in
      try KMeans.fit(
        data,
        clusterCount: 6, options: KMeansOptions(restarts: restarts, seed: 5, parallelism: Parallelism(threads: threads))
      )
    }
    #expect(fits[0] == fits[1])
    #expect(fits[0] == fits[2])
  }

  @Test("k larger than the number of distinct points is an invalid parameter")
  func tooManyClusters() throws {
    let data = Dataset(rows: [[1, 1], [1, 1], [2, 2], [2, 2]])
    #expect(
      throws: KSelectError.invalidParameter(ParameterError(.clusterCount, .atMostDistinctPoints(2), got: .integer(3)))
    ) { try KMeans.fit(data, clusterCount: 3, options: KMeansOptions()) }
    #expect(try KMeans.fit(data, clusterCount: 2, options: KMeansOptions()).wcss == 0)
  }

  @Test("refinement never raises W_k and ends on a Lloyd fixed point", arguments: 2...8)
  func refinementImproves(k: Int) throws {
    let data = randomData(rows: 300, columns: 2, seed: UInt64(20 + k))
    for seed in 1...3 {
      let plain = try KMeans.fit(
        data, clusterCount: k, options: KMeansOptions(restarts: 1, seed: UInt64(seed), refines: false))
      let refined = try KMeans.fit(data, clusterCount: k, options: KMeansOptions(restarts: 1, seed: UInt64(seed)))
      #expect(refined.wcss <= plain.wcss)
      #expect(refined.converged)
      let again = try KMeans.fit(
        data, clusterCount: k, options: KMeansOptions(tolerance: 0, seeding: .given(refined.centroids), refines: false))
      #expect(again.labels == refined.labels)
    }
  }
}
