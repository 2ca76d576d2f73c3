/// The phases of the commands: reading the input, the sweep's fits, references and criteria,
/// one fit, and writing the report.
extension MemoryEstimate {
  /// The sweep's phases on n × d data, each including `resident` (what the caller keeps: the
  /// input) and what earlier phases keep: the prepared data, the shared k-means++ centres and
  /// every k's fit.
  static func sweepPhases(rowCount: Int, columnCount: Int, options: SweepOptions, resident: ByteCount) -> [Phase] {
    let s = SweepShape(rowCount: rowCount, columnCount: columnCount, options: options)
    let kept =
      resident + prepared(n: s.n, d: s.d) + prefixes(restarts: s.restarts, seededK: s.kMax, d: s.d) + s.fitsKept
    let dataFit = fit(s.fitShape(threads: s.threadCount))
    let sweepDistinct = ByteCount.min(s.n, s.kMax) * (8 * s.d + 96)
    var phases = [
      Phase(
        name: "fitting the data for every k", bytes: (kept + ByteCount.max(sweepDistinct, dataFit)).value,
        remedies: [MemoryRemedy(.lower, .kMax, .restarts), MemoryRemedy(.useFewer, .threads)])
    ]
    if options.references > 0 {
      let workers = ByteCount(min(s.threadCount, options.references))
      let sample = 16 * s.n * s.d + 8 * s.n
      let referenceRestarts = ByteCount(options.referenceFit.restarts)
      let referenceFit = FitShape(
        rowCount: rowCount, dimension: columnCount, clusterCount: s.kMax.value, seededK: s.kMax.value,
        options: options.referenceFit, threads: 1)
      let worker = ByteCount.max(
        sample,
        prepared(n: s.n, d: s.d) + prefixes(restarts: referenceRestarts, seededK: s.kMax, d: s.d) + fit(referenceFit)
      )
      let sampler: ByteCount = options.referenceSpace == .pca ? 8 * s.d * s.axes + 16 * s.d : 16 * s.d
      let setUp: ByteCount = options.referenceSpace == .pca ? principalComponents(n: s.n, d: s.d) : 0
      phases.append(
        Phase(
          name: "the gap statistic's reference fits",
          bytes: (kept + ByteCount.max(setUp, sampler + s.referenceResults + workers * worker)).value,
          remedies: [MemoryRemedy(.useFewer, .references, .threads), MemoryRemedy(.lower, .kMax)]))
    }
    if options.stabilitySplits > 0 {
      phases.append(stabilityPhase(s, rowCount: rowCount, options: options, kept: kept + s.referenceResults))
    }
    let subsample = Resampling.subsampleSize(rowCount: rowCount)
    if options.resamples > 0, subsample >= 2 {
      let shape = Resampling.subsampleOptions(options)
      let one = SweepShape(rowCount: subsample, columnCount: columnCount, options: shape)
      let m = ByteCount(subsample)
      let worker =
        8 * m * s.d + prepared(n: m, d: s.d) + prefixes(restarts: one.restarts, seededK: s.kMax, d: s.d) + one.fitsKept
        + ByteCount.max(fit(one.fitShape(threads: 1)), criteria(one))
      let workers = ByteCount(min(s.threadCount, options.resamples))
      phases.append(
        Phase(
          name: "the subsamples of the selection frequencies",
          bytes: (kept + s.referenceResults + workers * worker).value,
          remedies: [MemoryRemedy(.useFewer, .resamples, .threads), MemoryRemedy(.lower, .kMax)]))
    }
    phases.append(
      Phase(
        name: "the silhouettes and the other criteria",
        bytes: (kept + s.referenceResults + criteria(s) + 16 * s.kMax * s.d).value,
        remedies: (options.silhouetteSample == nil ? [MemoryRemedy(.sample(2000), .silhouetteSample)] : [])
          + [MemoryRemedy(.lower, .kMax)]))
    return phases
  }

  /// The stability criteria's splits (`StabilityPass`), one split per thread: its two halves of
  /// up to ⌈n/2⌉ rows, at most `stabilityHalfSize` (selected, and prepared for the fits), their shared k-means++ centres, one
  /// fit at a time on a half with the stability restarts, both halves' results at one k, and
  /// the transferred labels, distances and cross-tabulation.
  static func stabilityPhase(_ s: SweepShape, rowCount: Int, options: SweepOptions, kept: ByteCount) -> Phase {
    let half = ByteCount(min(rowCount - rowCount / 2, options.stabilityHalfSize))
    var halfFit = options.fit
    halfFit.restarts = options.stabilityRestarts
    let shape = FitShape(
      rowCount: half.value, dimension: s.d.value, clusterCount: s.kMax.value, seededK: s.kMax.value,
      options: halfFit, threads: 1)
    let restarts = ByteCount(options.stabilityRestarts)
    let worker =
      2 * (8 * half * s.d + prepared(n: half, d: s.d) + prefixes(restarts: restarts, seededK: s.kMax, d: s.d))
      + fit(shape) + 2 * result(shape) + 20 * half + 8 * s.kMax * s.kMax
    let workers = ByteCount(min(s.threadCount, options.stabilitySplits))
    return Phase(
      name: "the stability criteria's splits", bytes: (kept + workers * worker).value,
      remedies: [
        MemoryRemedy(.useFewer, .stabilitySplits, .stabilityRestarts, .threads), MemoryRemedy(.lower, .kMax),
      ])
  }

  /// Exact silhouettes of every k at once (a centred copy, the labels' slot offsets, the values
  /// per block and joined, each thread's panel and per-cluster sums), or those of a sample of
  /// every k at once (the slot offsets of every point, the sample's rows, their draw and values).
  static func criteria(_ s: SweepShape) -> ByteCount {
    guard let sample = s.silhouetteSample else {
      return silhouettes(
        n: s.n, d: s.d, labellings: s.labellingsFromTwo, clusterSum: s.clusterSumFromTwo, threads: s.threads)
    }
    let m = ByteCount(sample)
    let labellings = s.labellingsFromTwo
    return 4 * s.n * labellings + 16 * s.n + 96 * m + 24 * m * labellings
      + s.threads * (64 * s.d + 136 * s.clusterSumFromTwo + 512 * labellings + 4096)
  }

  /// `Silhouette.pointValues` for `labellings` labellings whose cluster counts add up to
  /// `clusterSum`.
  static func silhouettes(
    n: ByteCount, d: ByteCount, labellings: ByteCount, clusterSum: ByteCount, threads: ByteCount
  ) -> ByteCount {
    8 * n * d + 16 * n + 20 * n * labellings + threads * (64 * d + 136 * clusterSum + 512 * labellings + 4096)
  }

  /// `PrincipalComponents` of n × d data: three d × d matrices when n ≥ d, the transposed data,
  /// the axes and an n × n matrix otherwise.
  static func principalComponents(n: ByteCount, d: ByteCount) -> ByteCount {
    (n >= d ? 24 * d * d : 16 * n * d + 8 * n * n) + 32 * d
  }

  /// Reading and parsing the input (`DataLoader`, `ChunkedReader`): a stream's buffer (twice
  /// what it holds, as it grows) or, for a mapped file, only the pages being read (the survey's
  /// 8 MiB window, a wave of one 4 MiB chunk per thread and a record beyond it); one double per
  /// cell reserved for every line; the chunks in flight (up to 8 doubles per byte, their ids),
  /// each thread's record (spans of the header's fields, a quoted field's copy); the row
  /// numbers, the ids and the header; and a compacted copy of the features when they are under
  /// half of the columns.
  public static func loading(_ survey: InputSurvey, threads: Int = Parallelism.allCores.threads) -> Phase {
    let bytes = ByteCount(survey.byteCount)
    let rows = ByteCount(survey.rowBound)
    let fields = ByteCount(survey.headerFieldCount)
    let cellColumns = ByteCount(survey.headerFieldCount - (survey.hasIdColumn ? 1 : 0))
    let record = ByteCount.min(bytes, ByteCount(CSVTokenizer.maximumRecordBytes))
    let wave = ByteCount(threads) * ByteCount.min(bytes, ByteCount(ChunkedReader.defaultChunkBytes))
    let file = survey.isStream ? 2 * bytes : ByteCount.min(bytes, ByteCount(8 << 20) + wave + record)
    let inFlight = (survey.hasIdColumn ? 16 : 8) * wave + ByteCount(threads) * (record + 24 * fields + 4096)
    let compacted = 2 * survey.featureBound < survey.headerFieldCount ? 8 * rows * ByteCount(survey.featureBound) : 0
    let peak = file + 8 * rows * cellColumns + inFlight + 9 * rows + ids(survey) + 96 * fields + compacted
    return Phase(name: "reading the input", bytes: peak.value, remedies: [MemoryRemedy(.nameFewer, .columns)])
  }

  /// What the loaded input keeps for the rest of the run: the feature matrix (twice when scaled),
  /// the source rows, the ids and the feature names.
  static func input(_ survey: InputSurvey, scaling: Scaling) -> ByteCount {
    let rows = ByteCount(survey.rowBound)
    return (scaling == .none ? 8 : 16) * rows * ByteCount(survey.featureBound) + 8 * rows + ids(survey)
      + 96 * ByteCount(survey.headerFieldCount)
  }

  /// The ids: a string per row, its text out of line when longer than 15 bytes.
  static func ids(_ survey: InputSurvey) -> ByteCount {
    survey.hasIdColumn ? 48 * ByteCount(survey.rowBound) + ByteCount(survey.idByteBound) : 0
  }

  /// The whole `kselect sweep`: reading the input, the sweep, and writing its report — every
  /// table held as text until written (with `includesEveryK`, every k's tables and their
  /// silhouettes), the principal components of the clusters plot. k_max counts up to the
  /// survey's distinct rows, as the sweep lowers it.
  public static func sweepCommand(
    _ survey: InputSurvey, scaling: Scaling, options requested: SweepOptions, includesEveryK: Bool
  ) -> Estimate {
    var options = requested
    options.kMax = max(options.kMin, min(options.kMax, survey.distinctRowBound))
    let kept = input(survey, scaling: scaling)
    var phases = [loading(survey)]
    phases += sweepPhases(rowCount: survey.rowBound, columnCount: survey.featureBound, options: options, resident: kept)
    let s = SweepShape(rowCount: survey.rowBound, columnCount: survey.featureBound, options: options)
    phases.append(report(s, survey: survey, resident: kept, includesEveryK: includesEveryK))
    return Estimate(
      subject: "the sweep",
      context: context(
        rows: "up to \(survey.rowBound)", features: "\(survey.featureBound)",
        kMax: options.kMax, options: options),
      phases: phases)
  }

  /// Writing a sweep's report: every k's fit, the recommended k's silhouettes and the reference
  /// results kept, every file's text (the `[[String]]` cells of the table being built cost
  /// about 96 bytes each, the text 25 bytes a number with twice the capacity), and the largest of
  /// the table being built, the clusters plot's principal components and projected points, the
  /// silhouettes of every k (`includesEveryK`), and a file's bytes while written.
  static func report(_ s: SweepShape, survey: InputSurvey, resident: ByteCount, includesEveryK: Bool) -> Phase {
    let ids = ByteCount(survey.idByteBound)
    let assignments = 5 * s.n
    let centroids = s.kMax * (s.d + 2)
    let shown = ByteCount.min(s.n, 20_000)
    var cells = assignments + centroids + 4 * s.n + 3 * shown + 3 * s.kMax + 17 * s.ks + 4 * s.references * s.ks
    cells = cells + 80 * s.ks + 8 * s.d + 2048
    var text = 50 * cells + 2 * ids
    var largest = ByteCount.max(assignments, centroids, 4 * s.references * s.ks)
    var working = ByteCount.max(16 * s.n, s.d > 2 ? principalComponents(n: s.n, d: s.d) + 8 * shown * s.d : 0)
    if includesEveryK {
      text = text + s.ks * (50 * (assignments + centroids) + 2 * ids)
      largest = ByteCount.max(largest, assignments + centroids)
      if s.silhouetteSample == nil {
        working = ByteCount.max(
          working,
          silhouettes(
            n: s.n, d: s.d, labellings: s.labellingsFromTwo, clusterSum: s.clusterSumFromTwo, threads: s.threads))
      }
    }
    working = ByteCount.max(working, 96 * largest + ids, 25 * largest + ids)
    let kept = resident + s.fitsKept + 8 * s.n + s.referenceResults
    return Phase(
      name: "writing the report", bytes: (kept + text + working).value,
      remedies: (includesEveryK ? [MemoryRemedy(.leaveOut, .includesEveryK)] : []) + [MemoryRemedy(.lower, .kMax)])
  }

  /// The whole `kselect cluster` with `clusterCount` clusters: reading the input (and the
  /// initial centroids' file of `initialCentroidBytes`), the fit, the silhouettes and the two
  /// tables. k counts up to the survey's distinct rows, beyond which the fit refuses it.
  public static func clusterCommand(
    _ survey: InputSurvey, scaling: Scaling, clusterCount: Int, options: KMeansOptions,
    initialCentroidBytes: Int = 0
  ) -> Estimate {
    let n = ByteCount(survey.rowBound)
    let d = ByteCount(survey.featureBound)
    let k = ByteCount(min(clusterCount, max(1, survey.distinctRowBound)))
    let kept = input(survey, scaling: scaling) + 12 * ByteCount(initialCentroidBytes) + 8 * k * d
    let shape = FitShape(
      rowCount: survey.rowBound, dimension: survey.featureBound, clusterCount: k.value, seededK: k.value,
      options: options, threads: options.parallelism.threads)
    let threads = ByteCount(options.parallelism.threads)
    let fitting = Phase(
      name: "the fit", bytes: (kept + prepared(n: n, d: d) + fit(shape)).value,
      remedies: [MemoryRemedy(.lower, .restarts), MemoryRemedy(.useFewer, .threads)])
    let ids = ByteCount(survey.idByteBound)
    let tables = 5 * n + k * (d + 2)
    let writing = Phase(
      name: "the silhouettes and the tables",
      bytes: (kept + result(shape)
        + ByteCount.max(
          silhouettes(n: n, d: d, labellings: 1, clusterSum: k, threads: threads), 146 * tables + 3 * ids)).value,
      remedies: [MemoryRemedy(.useFewer, .threads)])
    return Estimate(
      subject: "the fit",
      context: "up to \(survey.rowBound) rows × \(survey.featureBound) features, k = \(clusterCount), "
        + "\(options.restarts) restarts, \(options.parallelism.threads) threads",
      phases: [loading(survey), fitting, writing])
  }
}

/// A sweep's shape in the terms of its estimate: k_max lowered to n, the k fitted, and the sums
/// over them.
struct SweepShape {
  let n: ByteCount
  let d: ByteCount
  let kMax: ByteCount
  /// The number of k reported.
  let ks: ByteCount
  let restarts: ByteCount
  let references: ByteCount
  let threads: ByteCount
  let threadCount: Int
  /// Σ (16n + 8kd + 264) over the k fitted (k_min − 1 too when k_min > 1): every fit kept.
  let fitsKept: ByteCount
  /// W*_kb of every reference and k: per reference, as `ReferenceFit`s and as per-k columns.
  let referenceResults: ByteCount
  /// The labellings with k ≥ 2 and the sum of their k (the silhouettes' slots).
  let labellingsFromTwo: ByteCount
  let clusterSumFromTwo: ByteCount
  /// min(n, d): the principal axes.
  let axes: ByteCount
  /// The silhouette sample, when smaller than n.
  let silhouetteSample: Int?
  private let rowCount: Int
  private let columnCount: Int
  private let fit: KMeansOptions
  private let largestK: Int

  init(rowCount: Int, columnCount: Int, options: SweepOptions) {
    let largestK = max(1, min(options.kMax, rowCount))
    let smallestK = max(1, min(options.kMin, largestK))
    let reported = largestK - smallestK + 1
    let fitted = reported + (smallestK > 1 ? 1 : 0)
    n = ByteCount(rowCount)
    d = ByteCount(columnCount)
    kMax = ByteCount(largestK)
    ks = ByteCount(reported)
    restarts = ByteCount(options.fit.restarts)
    references = ByteCount(options.references)
    threadCount = options.fit.parallelism.threads
    threads = ByteCount(threadCount)
    // Σ k over smallestK…largestK, plus k_min − 1.
    let sumK = ((ByteCount(smallestK) + ByteCount(largestK)) * ByteCount(reported)).halved + ByteCount(smallestK - 1)
    fitsKept = ByteCount(fitted) * (16 * n + 264) + 8 * sumK * d
    referenceResults = references * (ByteCount(fitted) * 80 + 128)
    let fromTwo = max(2, smallestK)
    labellingsFromTwo = ByteCount(largestK >= 2 ? largestK - fromTwo + 1 : 0)
    clusterSumFromTwo = ((ByteCount(fromTwo) + ByteCount(largestK)) * labellingsFromTwo).halved
    axes = ByteCount.min(n, d)
    silhouetteSample = options.silhouetteSampleSize(rowCount: rowCount)
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.fit = options.fit
    self.largestK = largestK
  }

  /// The fit at k_max, its k-means++ centres drawn for k_max, with `threads` threads.
  func fitShape(threads: Int) -> MemoryEstimate.FitShape {
    MemoryEstimate.FitShape(
      rowCount: rowCount, dimension: columnCount, clusterCount: largestK, seededK: largestK, options: fit,
      threads: threads)
  }
}
