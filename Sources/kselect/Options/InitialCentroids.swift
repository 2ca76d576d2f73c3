import KSelect

/// Reads the centroids given with `--init` and maps them into the clustering's space.
enum InitialCentroids {
  /// Loads `path`: the columns named as the features when all are present (so a centroids.csv
  /// from an earlier report works as it is), otherwise every numeric column, which must then
  /// number d. Values are in the input's units and are scaled like the data.
  /// - Throws: `KSelectError` when the file cannot be read or does not hold k points of dimension d.
  static func load(path: String, for input: ClusteringInput, clusterCount k: Int) throws -> [Double] {
    let names = input.loaded.dataset.featureNames
    var loaded: LoadedData
    do {
      loaded = try DataLoader.load(path: path, options: LoadOptions(columns: names))
    } catch KSelectError.invalidParameter {
      loaded = try DataLoader.load(path: path)
    }
    let centroids = loaded.dataset
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
