/// The tool's version, reported by the command-line tool and in summary.json.
public enum KSelectVersion {
  /// The current version string.
  public static let current = "0.1.0"
}
