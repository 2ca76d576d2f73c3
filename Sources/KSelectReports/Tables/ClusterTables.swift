import KSelect

/// The per-row and per-cluster tables of one clustering: `assignments.csv` and `centroids.csv`.
public enum ClusterTables {
  /// `assignments.csv`: `row`, the id column when one was named, `cluster` (1-based),
  /// `silhouette` (empty when not computed or undefined) and `distance` (Euclidean, in the
  /// scaled space).
  public static func assignments(
    input: ClusteringInput, result: KMeansResult, silhouettes: [Double]? = nil
  ) -> String {
    let loaded = input.loaded
    var header = ["row"]
    if let idColumn = loaded.idColumn { header.append(idColumn) }
    header += ["cluster", "silhouette", "distance"]
    var rows = [[String]]()
    rows.reserveCapacity(result.labels.count)
    for i in result.labels.indices {
      var row = [String(loaded.sourceRows[i])]
      if let ids = loaded.ids { row.append(CSVFormat.text(ids[i])) }
      row.append(String(result.labels[i] + 1))
      row.append(CSVFormat.number(silhouettes?[i]))
      row.append(CSVFormat.number(result.squaredDistances[i].squareRoot()))
      rows.append(row)
    }
    return CSVFormat.table(header: header, rows: rows)
  }

  /// `centroids.csv`: `cluster` (1-based), `size`, then one column per feature in the input's
  /// original units (scaling undone).
  public static func centroids(input: ClusteringInput, result: KMeansResult) -> String {
    let names = input.loaded.dataset.featureNames
    let original = input.scaler.restore(result.centroids)
    let d = result.dimension
    let rows = (0..<result.clusterCount).map { r in
      [String(r + 1), String(result.sizes[r])] + (0..<d).map { CSVFormat.number(original[r * d + $0]) }
    }
    return CSVFormat.table(header: ["cluster", "size"] + names, rows: rows)
  }
}
