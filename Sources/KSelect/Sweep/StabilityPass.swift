/// The stability criteria's one pass over M random 2-fold splits of the data: prediction strength
/// (`PredictionStrength`) and normalised instability (`Instability`) read the same fits.
///
/// Split s permutes the rows with its own random stream (tag, s) and takes the first ⌊n/2⌋ rows
/// as half A, the others as half B — or, when ⌊n/2⌋ is above the cap h
/// (`SweepOptions.stabilityHalfSize`), draws 2h distinct rows and takes the first h as A, the
/// others as B, so that the pass costs the same for any n above 2h; each half is clustered for every k ≥ 2 of the sweep, one k
/// after another with shared k-means++ prefixes, on streams (tag, s, 0) and (tag, s, 1). At
/// every k each half is the test half once: its points are assigned to the other half's nearest
/// centroid, and the cross-tabulation of its own labels against the assigned ones gives both
/// criteria's values for that direction. A split runs on one thread and the splits spread over
/// the threads, so no value depends on the thread count.
struct StabilityPass: Sendable, Equatable {
  /// ps(k) for every k of the sweep (1 at k = 1; `nil` where no split had k distinct points in
  /// both halves).
  let predictionStrength: [StrengthValue?]
  /// The normalised instability for every k of the sweep (0 at k = 1; `nil` where
  /// `predictionStrength` is).
  let instability: [StrengthValue?]

  /// The stream tag of the splits' randomness.
  static let streamTag: UInt64 = 0x7072_6564

  /// The pass with the sweep's settings: `stabilitySplits` splits, each half fitted with the
  /// sweep's k-means settings but `stabilityRestarts` restarts; progress is reported once per
  /// split. `nil` when the sweep has no stability splits.
  static func compute(_ prepared: PreparedData, ks: [Int], options: SweepOptions) -> StabilityPass? {
    guard options.stabilitySplits > 0 else { return nil }
    var fit = options.fit
    fit.restarts = options.stabilityRestarts
    let splits = options.stabilitySplits
    let done = ProgressCounter()
    return compute(
      prepared, ks: ks, splits: splits, fit: fit, maximumHalfSize: options.stabilityHalfSize,
      parallelism: options.fit.parallelism
    ) {
      options.progress?(SweepProgress(stage: .stability, done: done.increment(), total: splits))
    }
  }

  /// The pass over `splits` splits.
  ///
  /// - Parameters:
  ///   - data: The prepared data.
  ///   - ks: The numbers of clusters, increasing.
  ///   - splits: M, at least 1.
  ///   - fit: The halves' k-means settings (`parallelism` is ignored: each split runs on one
  ///     thread).
  ///   - maximumHalfSize: h, the most rows of a half (at least 1).
  ///   - parallelism: Threads for the splits and for the random labellings' baselines.
  ///   - afterSplit: Called after each split (from worker threads).
  /// - Complexity: M times two sweeps over `ks` on m = min(n/2, h) points, O(M m k d) for the
  ///   assignments, O(M k⁴) for the matchings, and `Instability.randomDisagreement` for each k
  ///   and half size.
  static func compute(
    _ data: PreparedData, ks: [Int], splits: Int, fit: KMeansOptions, maximumHalfSize: Int = .max,
    parallelism: Parallelism, afterSplit: @Sendable () -> Void = {}
  ) -> StabilityPass {
    precondition(splits >= 1, "the stability criteria need at least one split")
    let fittedKs = ks.filter { $0 >= 2 }
    var serial = fit
    serial.parallelism = .serial
    let options = serial
    let cap = maximumHalfSize
    let baselines = RandomBaselines(
      sizes: SplitHalves.sizes(rowCount: data.rowCount, maximumHalfSize: cap), ks: fittedKs, parallelism)
    let perSplit: [[SplitValues?]] = parallelism.map(splits) { split in
      let stream: [UInt64] = [streamTag, UInt64(split)]
      let halves = SplitHalves(
        data, maximumHalfSize: cap, random: RandomSource(seed: options.seed, stream: stream))
      let prefixes = (0..<2).map { _ in Seeder.Prefixes(ks: fittedKs, restarts: options.restarts) }
      let values: [SplitValues?] = fittedKs.indices.map { index in
        let k = fittedKs[index]
        let fits = (0..<2).map { h in
          halves.fit(h, clusterCount: k, options: options, stream: stream + [UInt64(h)], prefixes: prefixes[h])
        }
        guard let a = fits[0], let b = fits[1] else { return nil }
        let fromA = halves.transfer(test: b, to: 1, training: a)
        let fromB = halves.transfer(test: a, to: 0, training: b)
        let instability = [(fromA, 1), (fromB, 0)].map { table, h in
          Instability.disagreement(table) / baselines.value(size: halves.rows(h).rowCount, index: index)
        }
        return SplitValues(
          strength: (PredictionStrength.minimumStrength(fromA) + PredictionStrength.minimumStrength(fromB)) / 2,
          instability: (instability[0] + instability[1]) / 2)
      }
      afterSplit()
      return values
    }
    var strengths = [StrengthValue?]()
    var instabilities = [StrengthValue?]()
    for k in ks {
      guard let index = fittedKs.firstIndex(of: k) else {
        strengths.append(StrengthValue(mean: 1, standardError: 0, splits: splits))
        instabilities.append(StrengthValue(mean: 0, standardError: 0, splits: splits))
        continue
      }
      let values = perSplit.compactMap { $0[index] }
      strengths.append(StrengthValue(values.map(\.strength)))
      instabilities.append(StrengthValue(values.map(\.instability)))
    }
    return StabilityPass(predictionStrength: strengths, instability: instabilities)
  }

  /// One split's values at one k, each the mean of the split's two directions.
  private struct SplitValues: Sendable {
    let strength: Double
    let instability: Double
  }
}

/// d₀(m, k) of `Instability.randomDisagreement` for the halves' sizes and every k of the pass,
/// computed once, spread over the threads (each (m, k) has its own stream).
private struct RandomBaselines {
  private let sizes: [Int]
  private let values: [[Double]]

  init(sizes: [Int], ks: [Int], _ parallelism: Parallelism) {
    self.sizes = sizes
    let flat = parallelism.map(sizes.count * ks.count) { task in
      let (m, k) = (sizes[task / ks.count], ks[task % ks.count])
      return k <= m ? Instability.randomDisagreement(size: m, clusterCount: k) : .nan
    }
    values = sizes.indices.map { Array(flat[($0 * ks.count)..<(($0 + 1) * ks.count)]) }
  }

  /// d₀ for a half of `size` points at the `index`-th k of the pass.
  func value(size: Int, index: Int) -> Double { values[sizes.firstIndex(of: size)!][index] }
}

/// A random split of the prepared data into two halves, each of at most h rows.
struct SplitHalves {
  /// The two halves' rows, in the prepared space of the whole data: ⌊n/2⌋ and ⌈n/2⌉ rows, or
  /// h and h when ⌊n/2⌋ > h.
  private let halves: [Dataset]
  /// The same rows prepared for the fits.
  private let prepared: [PreparedData]

  /// The distinct sizes of the two halves of n rows, ⌊n/2⌋ and ⌈n/2⌉, or h when ⌊n/2⌋ > h.
  static func sizes(rowCount n: Int, maximumHalfSize h: Int = .max) -> [Int] {
    n / 2 > h ? [h] : n % 2 == 0 ? [n / 2] : [n / 2, n - n / 2]
  }

  /// Splits the rows of `data` by a random permutation drawn from `random` (every row, in two
  /// halves); when ⌊n/2⌋ > h, by 2h distinct rows drawn from it (`distinctIndices`), h a half.
  init(_ data: PreparedData, maximumHalfSize h: Int = .max, random: RandomSource) {
    let n = data.rowCount
    let rows: [[Int]]
    if n / 2 > h {
      let drawn = random.distinctIndices(2 * h, below: n)
      rows = [Array(drawn[0..<h]), Array(drawn[h...])]
    } else {
      var order = Array(0..<n)
      for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, random.uniformInt(below: i + 1)) }
      rows = [Array(order[0..<(n / 2)]), Array(order[(n / 2)...])]
    }
    halves = rows.map { data.centred.selectingRows($0) }
    prepared = halves.map(PreparedData.init)
  }

  /// The rows of half `h`.
  func rows(_ h: Int) -> Dataset { halves[h] }

  /// Half `h`'s best fit at k, in the prepared space of the whole data; `nil` when the half has
  /// fewer than k distinct points (the fit refuses). Fits of one half must come in increasing k
  /// (`prefixes`).
  func fit(
    _ h: Int, clusterCount k: Int, options: KMeansOptions, stream: [UInt64], prefixes: Seeder.Prefixes
  ) -> KMeansResult? {
    try? KMeans.fit(prepared[h], clusterCount: k, options: options, stream: stream, prefixes: prefixes)
  }

  /// The test half `h`'s own labels (from `test`, its fit) against the labels of the nearest of
  /// `training`'s centroids (lowest index on ties).
  func transfer(test: KMeansResult, to h: Int, training: KMeansResult) -> ContingencyTable {
    let points = halves[h]
    var labels = [Int32](repeating: 0, count: points.rowCount)
    var distances = [Double](repeating: 0, count: points.rowCount)
    AssignmentKernel.assignAll(
      points: points.values, rowCount: points.rowCount, dimension: points.columnCount,
      centroids: training.centroids, clusterCount: training.clusterCount, parallelism: .serial,
      writesDistances: false, labels: &labels, distances: &distances)
    return ContingencyTable(
      test.labels, labels.map { Int($0) }, rowLabels: test.clusterCount, columnLabels: training.clusterCount)
  }
}
