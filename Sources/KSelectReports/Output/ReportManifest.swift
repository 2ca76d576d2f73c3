import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The marker file `.kselect-report` of a report folder: the list of the files kselect wrote
/// there, which decides whether kselect may replace the folder.
///
/// A folder is kselect's — replaceable by a rerun, `kselect render` or `kselect cluster` —
/// only when every entry in it is: each regular file listed in its manifest (or, for a
/// report written before manifests, whose marker lists nothing, each file one of the names
/// such a report holds: `legacyFiles`), each folder holding only such files, and nothing else —
/// no symbolic link, no other file, no empty folder of the user's. Anything else makes kselect
/// refuse (`ReportError.foreignEntry`), so that no user file is ever deleted.
///
/// The file is `kselect report` on its first line (older kselect versions check only that the
/// file exists), comment lines starting with `#`, then one path per line, relative to the
/// folder, with `%` written `%25`, CR `%0D` and LF `%0A`.
struct ReportManifest: Equatable {
  /// The first line of every marker.
  static let firstLine = "kselect report"
  /// The comment line that marks a manifest (a marker without it lists nothing).
  static let manifestLine = "# manifest: the files kselect wrote here, one per line (% escapes %, CR and LF)."

  /// The listed paths, or `nil` for a marker written before manifests.
  var paths: Set<String>?

  /// Reads the marker of `folder`; `nil` when it has none (it is not a report).
  static func read(in folder: URL) -> ReportManifest? {
    let marker = folder.appendingPathComponent(ReportFolder.markerName).path
    guard FileTree.kind(marker) == .file, let data = FileManager.default.contents(atPath: marker) else { return nil }
    let lines = String(decoding: data, as: UTF8.self).unicodeScalars.split(separator: "\n")
      .map { String(String.UnicodeScalarView($0)) }
    guard lines.contains(where: { $0 == manifestLine }) else { return ReportManifest(paths: nil) }
    return ReportManifest(paths: Set(lines.filter { !$0.hasPrefix("#") && $0 != firstLine }.map { decode(String($0)) }))
  }

  /// The marker's text for `paths`.
  static func text(_ paths: [String]) -> String {
    var out = firstLine + "\n" + manifestLine + "\n"
    out += "# A rerun replaces this folder only while it holds nothing but these files.\n"
    for path in paths.sorted() { out += encode(path) + "\n" }
    return out
  }

  /// One path as a manifest line.
  static func encode(_ path: String) -> String {
    path.replacingScalars(["%": "%25", "\r": "%0D", "\n": "%0A"])
  }

  private static func decode(_ line: String) -> String {
    line.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r")
      .replacingOccurrences(of: "%25", with: "%")
  }

  /// Whether `path` (a regular file, relative to the folder) is kselect's.
  func owns(_ path: String) -> Bool {
    if path == ReportFolder.markerName { return true }
    guard let paths else { return Self.isLegacyFile(path) }
    return paths.contains(path)
  }

  /// The files a report written before manifests holds: a sweep's tables and summaries, the
  /// seven scripts with their figures and three helper tables, `k=<k>/` tables, and a `cluster`
  /// run's two tables.
  static func isLegacyFile(_ path: String) -> Bool {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    switch parts.count {
    case 1:
      return legacyFiles.contains(path)
    case 2 where parts[0] == "plots":
      return legacyPlotFiles.contains(String(parts[1]))
    case 2 where parts[0].hasPrefix("k="):
      let k = parts[0].dropFirst(2)
      return !k.isEmpty && k.allSatisfy(\.isASCII) && k.allSatisfy(\.isNumber)
        && ["assignments.csv", "centroids.csv"].contains(parts[1])
    default:
      return false
    }
  }

  static let legacyFiles: Set<String> = [
    "metrics.csv", "gap_references.csv", "assignments.csv", "centroids.csv", "summary.json", "summary.md",
  ]
  static let legacyPlotFiles: Set<String> = {
    let scripts = ["elbow", "gap", "fk", "silhouette", "silhouette_profile", "clusters", "overview"]
    let helpers = ["silhouette_profile.csv", "clusters_points.csv", "clusters_centroids.csv"]
    return Set(scripts.flatMap { ["\($0).gp", "\($0).png", "\($0).svg"] } + helpers)
  }()
}

/// The entries of a folder, walked without following symbolic links.
enum FileTree {
  /// What an entry is, from `lstat`.
  enum Kind: Equatable {
    case missing, file, directory, other
  }

  /// The kind of `path` itself (a symbolic link is `other`, whatever it points to).
  static func kind(_ path: String) -> Kind {
    var info = stat()
    guard lstat(path, &info) == 0 else { return .missing }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    default: return .other
    }
  }

  /// Every entry below `root` as (relative path, kind), depth first, names sorted.
  static func entries(below root: URL) -> [(path: String, kind: Kind)] {
    var out = [(path: String, kind: Kind)]()
    func walk(_ relative: String) {
      let folder = relative.isEmpty ? root.path : root.appendingPathComponent(relative).path
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      for name in names {
        let path = relative.isEmpty ? name : relative + "/" + name
        let kind = kind(root.appendingPathComponent(path).path)
        out.append((path, kind))
        if kind == .directory { walk(path) }
      }
    }
    walk("")
    return out
  }

  /// The regular files below `root`, relative, sorted.
  static func files(below root: URL) -> [String] { entries(below: root).filter { $0.kind == .file }.map(\.path) }

  /// The first entry below `folder` that is not kselect's by `manifest`, or `nil` when all are.
  static func firstForeignEntry(in folder: URL, manifest: ReportManifest) -> String? {
    let entries = entries(below: folder)
    let owned = Set(entries.filter { $0.kind == .file && manifest.owns($0.path) }.map(\.path))
    var ownedFolders = Set<String>()
    for path in owned {
      var parts = path.split(separator: "/").dropLast()
      while !parts.isEmpty {
        ownedFolders.insert(parts.joined(separator: "/"))
        parts.removeLast()
      }
    }
    // A folder that is not kselect's but holds something is named by its first entry instead.
    let nonEmpty = Set(entries.map { $0.path.split(separator: "/").dropLast().joined(separator: "/") })
    for entry in entries {
      switch entry.kind {
      case .file where owned.contains(entry.path), .directory where ownedFolders.contains(entry.path),
        .directory where nonEmpty.contains(entry.path):
        continue
      default:
        return entry.path
      }
    }
    return nil
  }

  /// Removes `root` and everything below it, never following a link: for a staging folder this
  /// run made and still owns.
  static func removeTree(_ root: URL) {
    switch kind(root.path) {
    case .missing: return
    case .directory:
      let entries = entries(below: root)
      for entry in entries where entry.kind != .directory { unlink(root.appendingPathComponent(entry.path).path) }
      for entry in entries.reversed() where entry.kind == .directory {
        rmdir(root.appendingPathComponent(entry.path).path)
      }
      rmdir(root.path)
    case .file, .other:
      unlink(root.path)
    }
  }

  /// Removes `folder` when it is a kselect folder (a marker, and nothing foreign in it): its
  /// files, then its folders, deepest first, never following a link. Stops at the first entry
  /// that cannot be removed (one added meanwhile, say), leaving the rest.
  /// - Returns: whether the folder is gone.
  @discardableResult
  static func removeOwnedFolder(_ folder: URL) -> Bool {
    guard kind(folder.path) == .directory else { return kind(folder.path) == .missing }
    guard let manifest = ReportManifest.read(in: folder) else {
      return rmdir(folder.path) == 0  // only an empty folder, such as a staging folder just made
    }
    guard firstForeignEntry(in: folder, manifest: manifest) == nil else { return false }
    let entries = entries(below: folder)
    for entry in entries where entry.kind == .file {
      guard unlink(folder.appendingPathComponent(entry.path).path) == 0 else { return false }
    }
    for entry in entries.reversed() where entry.kind == .directory {
      guard rmdir(folder.appendingPathComponent(entry.path).path) == 0 else { return false }
    }
    return rmdir(folder.path) == 0
  }
}
