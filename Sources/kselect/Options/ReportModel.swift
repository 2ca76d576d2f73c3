import Foundation
import KSelect
import KSelectReports

/// What `kselect assign` needs from a report folder: the features, the scaling map and one k's
/// centroids, all in the clustering's space.
struct ReportModel {
  /// The features, named as in the input the report was made from.
  let features: [String]
  /// The report's scaling map.
  let scaler: Scaler
  /// The number of clusters.
  let clusterCount: Int
  /// The centroids in the clustering's (scaled) space, row-major.
  let centroids: [Double]

  /// Reads `folder`: its `scaling.csv` (or, for a report written before that file existed,
  /// summary.json's features when its scaling is `none`), and the centroids of `k` —
  /// `centroids.csv` when k is the recommended k (summary.json's `recommended_k`; a `cluster`
  /// report's one k) or not given, `k=<k>/centroids.csv` otherwise.
  /// - Throws: `CommandError` with exit 64 for a k the report has no centroids for, 65 for a
  ///   report that lacks what is needed; `KSelectError` when a file cannot be read.
  init(folder: String, k: Int?) throws {
    let base = URL(fileURLWithPath: folder)
    let summary = Self.summary(base)
    let scalingPath = base.appendingPathComponent(ScalingTable.path).path
    if FileManager.default.fileExists(atPath: scalingPath) {
      (features, scaler) = try Self.scaling(scalingPath)
    } else if let summary, summary.scaling == Scaling.none.rawValue, let names = summary.features {
      features = names
      scaler = Scaler(scaling: .none, offsets: names.map { _ in 0 }, factors: names.map { _ in 1 })
    } else {
      throw CommandError(
        message:
          "\(DisplayText.escaped(folder)) has no \(ScalingTable.path): it is not a kselect report, or one written "
          + "before reports recorded their scaling; make the report again",
        code: 65)
    }
    let recommended = summary?.recommendedK
    let file: String
    if let k, let recommended, k != recommended {
      file = "k=\(k)/centroids.csv"
      guard FileManager.default.fileExists(atPath: base.appendingPathComponent(file).path) else {
        throw CommandError(
          message:
            "--k \(k): \(DisplayText.escaped(folder)) has centroids for k = \(recommended) only "
            + "(a sweep with --all-k writes them for every k)",
          code: 64)
      }
    } else {
      file = "centroids.csv"
    }
    let path = base.appendingPathComponent(file).path
    let loaded = try DataLoader.load(
      path: path, options: LoadOptions(columns: OutputColumns.centroids(features: features)))
    let count = loaded.dataset.rowCount
    if let k, k != count {
      throw CommandError(
        message: "--k \(k): \(DisplayText.escaped(path)) holds the centroids of k = \(count)", code: 64)
    }
    clusterCount = count
    centroids = scaler.transform(loaded.dataset.values)
  }

  /// The features and scaling map of `scaling.csv`.
  private static func scaling(_ path: String) throws -> (features: [String], scaler: Scaler) {
    let numbers = try DataLoader.load(
      path: path, options: LoadOptions(columns: ["offset", "factor"], idColumn: "feature"))
    let methods = try DataLoader.load(path: path, options: LoadOptions(columns: ["offset"], idColumn: "scaling"))
    let names = numbers.ids ?? []
    let kinds = Set(methods.ids ?? [])
    guard kinds.count == 1, let kind = kinds.first.flatMap(Scaling.init(rawValue:)) else {
      throw KSelectError.unusableData(path: path, message: "the scaling column must name one of none, zscore, minmax")
    }
    let values = numbers.dataset.values
    let factors = stride(from: 1, to: values.count, by: 2).map { values[$0] }
    guard !factors.contains(0) else {
      throw KSelectError.unusableData(path: path, message: "a factor is 0")
    }
    let offsets = stride(from: 0, to: values.count, by: 2).map { values[$0] }
    return (names, Scaler(scaling: kind, offsets: offsets, factors: factors))
  }

  /// The keys of summary.json that matter here, when the report has one.
  private static func summary(_ base: URL) -> (recommendedK: Int?, scaling: String?, features: [String]?)? {
    guard let data = try? Data(contentsOf: base.appendingPathComponent("summary.json")),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    let input = object["input"] as? [String: Any]
    return (object["recommended_k"] as? Int, input?["scaling"] as? String, input?["features"] as? [String])
  }
}
