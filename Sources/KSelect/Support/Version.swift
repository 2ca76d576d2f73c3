/// The tool's version, reported by `kselect --version` and in summary.json.
public enum KSelectVersion {
  /// The current version string.
  public static let current = "0.1.0"
}
