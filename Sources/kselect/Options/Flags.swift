import KSelect

extension ParameterNaming {
  /// The command line's names: every library parameter as the flag (or argument) that sets it,
  /// so that library errors read as the options a user typed ("--k-min must be at least 1").
  static let flags = ParameterNaming { flag(of: $0) }

  /// The flag that sets `parameter`.
  private static func flag(of parameter: Parameter) -> String {
    switch parameter {
    case .data: return "<file>"
    case .columns: return "--columns"
    case .excludedColumns: return "--exclude"
    case .idColumn: return "--id-column"
    case .labelColumn: return "--label-column"
    case .dropIncomplete: return "--drop-incomplete"
    case .delimiter: return "--delimiter"
    case .scaling: return "--scaling"
    case .clusterCount: return "--k"
    case .restarts: return "--restarts"
    case .maxIterations: return "--max-iterations"
    case .tolerance: return "--tolerance"
    case .initialCentroids: return "--init"
    case .threads: return "--threads"
    case .kMin: return "--k-min"
    case .kMax: return "--k-max"
    case .references: return "--references"
    case .referenceRestarts: return "--reference-restarts"
    case .referenceSize: return "--reference-size"
    case .referenceMaxIterations: return "--reference-max-iterations"
    case .seFactor: return "--se-factor"
    case .kneeSensitivity: return "--knee-s"
    case .silhouetteSample: return "--silhouette-sample"
    case .exactSilhouettes: return "--exact-silhouettes"
    case .resamples: return "--resamples"
    case .resampleRestarts: return "--resample-restarts"
    case .stabilitySplits: return "--stability-splits"
    case .stabilityRestarts: return "--stability-restarts"
    case .stabilityHalfSize: return "--stability-half-size"
    case .predictionStrengthThreshold: return "--ps-threshold"
    case .memoryLimit: return "--max-memory"
    case .includesEveryK: return "--all-k"
    case .reportFolder: return "--out"
    }
  }
}
