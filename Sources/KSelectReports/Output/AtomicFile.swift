import Foundation

/// Writes a single file atomically: to a temporary file beside it, then renamed into place.
public enum AtomicFile {
  /// Writes `contents` to `url`; a reader never sees a half-written file.
  /// - Throws: `ReportError.cannotWrite`.
  public static func write(_ contents: String, to url: URL) throws {
    do {
      try Data(contents.utf8).write(to: url, options: .atomic)
    } catch {
      throw ReportError.cannotWrite(path: url.path, reason: (error as NSError).localizedDescription)
    }
  }
}
