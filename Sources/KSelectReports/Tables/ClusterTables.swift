import KSelect

/// The per-row and per-cluster tables of one clustering: `assignments.csv` and `centroids.csv`.
///
/// Their headers never repeat a name. kselect's own columns (`row`, `cluster`, `silhouette`,
/// `distance`; `cluster`, `size`) keep their names, since programs read them by name; an id or
/// feature column of the input named like one of them is written with `input_` in front
/// (`input_size`), and with one more `input_` while that name is also taken by another column of
/// the input. Every other name is written as in the input. See `OutputColumns`.
public enum ClusterTables {
  /// `assignments.csv`: `row`, the id column when one was named, `cluster` (1-based),
  /// `silhouette` (empty when not computed or undefined) and `distance` (Euclidean, in the
  /// scaled space, to the centroid as centroids.csv writes it, mapped into that space: what
  /// `kselect assign` computes for the same point).
  public static func assignments(
    input: ClusteringInput, result: KMeansResult, silhouettes: [Double]? = nil
  ) -> String {
    let published = input.scaler.transform(input.scaler.restore(result.centroids))
    let squared = NearestCentroids.squaredDistances(input.scaled, centroids: published, labels: result.labels)
    return assignments(loaded: input.loaded, labels: result.labels, squaredDistances: squared, silhouettes: silhouettes)
  }

  /// `assignments.csv` for `labels` (0-based) and squared distances of the rows of `loaded`.
  public static func assignments(
    loaded: LoadedData, labels: [Int], squaredDistances: [Double], silhouettes: [Double]?
  ) -> String {
    var header = ["row"]
    if let idColumn = loaded.idColumn { header += OutputColumns.assignments(idColumn: idColumn) }
    header += ["cluster", "silhouette", "distance"]
    var rows = [[String]]()
    rows.reserveCapacity(labels.count)
    for i in labels.indices {
      var row = [String(loaded.sourceRows[i])]
      if let ids = loaded.ids { row.append(CSVFormat.text(ids[i])) }
      row.append(String(labels[i] + 1))
      row.append(CSVFormat.number(silhouettes?[i]))
      row.append(CSVFormat.number(squaredDistances[i].squareRoot()))
      rows.append(row)
    }
    return CSVFormat.table(header: header, rows: rows)
  }

  /// `centroids.csv`: `cluster` (1-based), `size`, then one column per feature in the input's
  /// original units (scaling undone), named as `OutputColumns.centroids(features:)` says.
  public static func centroids(input: ClusteringInput, result: KMeansResult) -> String {
    let names = OutputColumns.centroids(features: input.loaded.dataset.featureNames)
    let original = input.scaler.restore(result.centroids)
    let d = result.dimension
    let rows = (0..<result.clusterCount).map { r in
      [String(r + 1), String(result.sizes[r])] + (0..<d).map { CSVFormat.number(original[r * d + $0]) }
    }
    return CSVFormat.table(header: OutputColumns.centroidsOwn + names, rows: rows)
  }
}

/// The names the input's columns get in `assignments.csv` and `centroids.csv`, so that no header
/// repeats a name (pandas would rename the second `cluster` to `cluster.1`, R to `cluster.1` too,
/// and a program reading `cluster` could get the feature instead).
public enum OutputColumns {
  /// The prefix of an input column whose name kselect's own columns already use.
  public static let prefix = "input_"
  /// kselect's own columns of `assignments.csv`.
  public static let assignmentsOwn = ["row", "cluster", "silhouette", "distance"]
  /// kselect's own columns of `centroids.csv`.
  public static let centroidsOwn = ["cluster", "size"]

  /// The id column's name in `assignments.csv`.
  public static func assignments(idColumn: String) -> [String] { distinct([idColumn], avoiding: assignmentsOwn) }

  /// The features' names in `centroids.csv`, in order.
  public static func centroids(features: [String]) -> [String] { distinct(features, avoiding: centroidsOwn) }

  /// `names` (distinct, as the loader guarantees) with each one that is in `own` prefixed with
  /// `prefix` until it is neither in `own` nor among `names` nor an earlier result.
  /// - Complexity: O(n) set operations for n names, each prefix added at most n + |own| times.
  public static func distinct(_ names: [String], avoiding own: [String]) -> [String] {
    var taken = Set(own).union(names)
    let reserved = Set(own)
    return names.map { name in
      guard reserved.contains(name) else { return name }
      var candidate = prefix + name
      while taken.contains(candidate) { candidate = prefix + candidate }
      taken.insert(candidate)
      return candidate
    }
  }
}
