import KSelect
import KSelectReports

/// Reads the centroids given with `--init` and maps them into the clustering's space.
enum InitialCentroids {
  /// Loads `path`: the columns named as an earlier report's centroids.csv names the features
  /// (`OutputColumns`: `input_size` for a feature `size`) when all are present, so that such a
  /// file works as it is; else the columns named as the features; otherwise every numeric
  /// column, which must then number d. Values are in the input's units and are scaled like the
  /// data.
  /// - Throws: `KSelectError` when the file cannot be read or does not hold k points of dimension d.
  static func load(path: String, for input: ClusteringInput, clusterCount k: Int) throws -> [Double] {
    let names = input.loaded.dataset.featureNames
    let written = OutputColumns.centroids(features: names)
    var loaded: LoadedData? = nil
    for columns in written == names ? [names] : [written, names] where loaded == nil {
      do {
        loaded = try DataLoader.load(path: path, options: LoadOptions(columns: columns))
      } catch KSelectError.invalidParameter {
        continue
      }
    }
    let centroids = try (loaded ?? DataLoader.load(path: path)).dataset
    guard centroids.columnCount == names.count else {
      throw KSelectError.unusableData(
        path: path,
        message:
          "initial centroids have \(centroids.columnCount) numeric columns; the data have \(names.count) features")
    }
    guard centroids.rowCount == k else {
      throw KSelectError.unusableData(path: path, message: "\(centroids.rowCount) initial centroids given for k = \(k)")
    }
    return input.scaler.transform(centroids.values)
  }
}
