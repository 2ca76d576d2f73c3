import Foundation

/// A fresh path in the system's temporary folder, `kselect-<label>-<UUID>`, that no other test
/// uses; the folder is not created.
public func temporaryFolder(_ label: String) -> URL {
  FileManager.default.temporaryDirectory.appendingPathComponent("kselect-\(label)-\(UUID())")
}
