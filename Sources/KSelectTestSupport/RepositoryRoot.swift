import Foundation

/// The repository's root folder, for the data sets and scripts the tests read: three levels
/// above this file (Sources/KSelectTestSupport/RepositoryRoot.swift).
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// A data set shipped in the repository's `Data/` folder, such as `dataFile("iris.csv")`.
public func dataFile(_ name: String) -> URL {
  repositoryRoot.appendingPathComponent("Data").appendingPathComponent(name)
}
