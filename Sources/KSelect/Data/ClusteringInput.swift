/// A loaded input together with the scaling fitted to it: what every command clusters.
public struct ClusteringInput: Sendable {
  /// The data as read, in the input's units.
  public let loaded: LoadedData
  /// The scaling map fitted to the loaded data.
  public let scaler: Scaler
  /// The data in the space the clustering uses.
  public let scaled: Dataset

  /// Loads `path` and fits `scaling` to it.
  /// - Throws: whatever `DataLoader.load` throws.
  public init(path: String, options: LoadOptions, scaling: Scaling) throws {
    self.init(loaded: try DataLoader.load(path: path, options: options), scaling: scaling)
  }

  /// Fits `scaling` to already loaded data.
  public init(loaded: LoadedData, scaling: Scaling) {
    self.loaded = loaded
    scaler = Scaler(fitting: scaling, to: loaded.dataset)
    scaled = scaler.apply(to: loaded.dataset)
  }

  /// Things the user should know about the input: left-out columns, dropped rows, values too
  /// small to square, constant features. One sentence each, names with their control characters
  /// escaped, parameters named as `naming` names them.
  public func notes(naming: ParameterNaming = .library) -> [String] {
    var notes = [String]()
    for (reason, names) in loaded.exclusionGroups {
      let list = names.map { DisplayText.escaped($0) }.joined(separator: ", ")
      switch reason {
      case .notNumeric: notes.append("non-numeric columns left out: \(list)")
      case .notSelected: notes.append("columns not named by \(naming.name(.columns)) left out: \(list)")
      case .excluded: notes.append("columns excluded by \(naming.name(.excludedColumns)): \(list)")
      }
    }
    if !loaded.droppedRows.isEmpty {
      let shown = loaded.droppedRows.prefix(10).map(String.init).joined(separator: ", ")
      let more = loaded.droppedRows.count > 10 ? ", …" : ""
      notes.append("dropped \(loaded.droppedRows.count) incomplete row(s) (rows \(shown)\(more))")
    }
    let largest = scaled.largestCentredMagnitude()
    if largest > 0, largest < PreparedData.smallestSquarableMagnitude {
      notes.append(
        "the values are tiny (centred magnitude up to \(largest)): their squared distances underflow double "
          + "precision, so W_k reads 0; rescale them (\(naming.name(.scaling)) zscore)")
    }
    if !scaler.constantColumns.isEmpty {
      let names = scaler.constantColumns.map { DisplayText.escaped(loaded.dataset.featureNames[$0]) }
        .joined(separator: ", ")
      notes.append(
        scaler.scaling == .none
          ? "constant feature(s): \(names) (they carry no information for clustering)"
          : "constant feature(s): \(names) (left unscaled: their spread is zero)")
    }
    return notes
  }
}
