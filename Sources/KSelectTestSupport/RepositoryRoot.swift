import Foundation

/// The repository's root folder, for the data sets and scripts the tests read: three levels
/// above this file (Sources/KSelectTestSupport/RepositoryRoot.swift).
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
