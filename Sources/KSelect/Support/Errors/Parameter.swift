/// A parameter of the library's entry points, by the name the library gives it (`k_min`).
///
/// Errors say which parameter is at fault with one of these values, never with a command-line
/// flag; a front end that names its options otherwise supplies its own `ParameterNaming`.
public enum Parameter: String, Sendable, Hashable, CaseIterable {
  // The data and how they are read (`LoadOptions`, `ClusteringInput`).
  /// The data given to a fit, in the space the clustering uses.
  case data
  /// `LoadOptions.columns`: the feature columns by header name.
  case columns
  /// `LoadOptions.excludedColumns`: columns never clustered.
  case excludedColumns = "excluded_columns"
  /// `LoadOptions.idColumn`: the column that identifies rows.
  case idColumn = "id_column"
  /// `LoadOptions.labelColumn`: the column of known class labels.
  case labelColumn = "label_column"
  /// `LoadOptions.dropIncomplete`: drop rows with unusable feature cells.
  case dropIncomplete = "drop_incomplete"
  /// `LoadOptions.delimiter`: the field separator.
  case delimiter
  /// `ClusteringInput`'s scaling of the features.
  case scaling

  // One fit (`KMeans.fit`, `KMeansOptions`).
  /// The number of clusters k of one fit.
  case clusterCount = "k"
  /// `KMeansOptions.restarts`.
  case restarts
  /// `KMeansOptions.maxIterations`.
  case maxIterations = "max_iterations"
  /// `KMeansOptions.tolerance`.
  case tolerance
  /// `KMeansOptions.seeding`'s given centroids.
  case initialCentroids = "initial_centroids"
  /// `KMeansOptions.parallelism`'s thread count.
  case threads

  // The sweep (`SweepOptions`).
  /// `SweepOptions.kMin`.
  case kMin = "k_min"
  /// `SweepOptions.kMax`.
  case kMax = "k_max"
  /// `SweepOptions.references`: the gap statistic's reference data sets.
  case references
  /// `SweepOptions.referenceRestarts`: the restarts of each reference fit.
  case referenceRestarts = "reference_restarts"
  /// `SweepOptions.referenceSize`: the points of each reference data set.
  case referenceSize = "reference_size"
  /// `SweepOptions.referenceMaxIterations`: the iteration cap of each reference fit.
  case referenceMaxIterations = "reference_max_iterations"
  /// `SweepOptions.seFactor`.
  case seFactor = "se_factor"
  /// `SweepOptions.kneeSensitivity`.
  case kneeSensitivity = "knee_sensitivity"
  /// `SweepOptions.silhouetteSample`.
  case silhouetteSample = "silhouette_sample"
  /// `SweepOptions.exactSilhouettes`: exact silhouettes whatever n.
  case exactSilhouettes = "exact_silhouettes"
  /// `SweepOptions.resamples`: the subsamples of the selection frequencies.
  case resamples
  /// `SweepOptions.resampleRestarts`: the restarts of each subsample's fits.
  case resampleRestarts = "resample_restarts"
  /// `SweepOptions.stabilitySplits`: the split halves of the stability criteria.
  case stabilitySplits = "stability_splits"
  /// `SweepOptions.stabilityRestarts`: the restarts of each stability fit.
  case stabilityRestarts = "stability_restarts"
  /// `SweepOptions.stabilityHalfSize`: the most rows of each half of a split.
  case stabilityHalfSize = "stability_half_size"
  /// `SweepOptions.predictionStrengthThreshold`.
  case predictionStrengthThreshold = "prediction_strength_threshold"
  /// `SweepOptions.memoryLimit` (and an input stream's byte limit).
  case memoryLimit = "memory_limit"

  // The report (`SweepReport`, `ReportFolder`).
  /// `SweepReport.includesEveryK`: every k's tables.
  case includesEveryK = "includes_every_k"
  /// `ReportFolder`'s target folder.
  case reportFolder = "report_folder"
}

/// How messages name parameters: the library's own names (`k_min`), or a front end's own (a
/// command-line tool's flags, say).
public struct ParameterNaming: Sendable {
  /// The name of each parameter.
  public let name: @Sendable (Parameter) -> String

  /// A naming from `name`.
  public init(_ name: @escaping @Sendable (Parameter) -> String) {
    self.name = name
  }

  /// The library's names: `Parameter.rawValue`.
  public static let library = ParameterNaming { $0.rawValue }
}
