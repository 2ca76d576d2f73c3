import Foundation
import KSelect

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a report folder atomically: every file goes into a temporary folder beside the
/// target, which replaces the target in one step only once it is complete.
///
/// An interrupted run therefore leaves the previous report exactly as it was; the temporary
/// folder (`.<name>.kselect-tmp-<pid>`) a killed run leaves behind is removed by the next run.
/// An existing target is replaced only when it is a folder of kselect's own — its marker
/// `.kselect-report` lists every file in it (`ReportManifest`) — and holds none of the run's
/// inputs; otherwise `ReportError` says why and nothing is touched. Symbolic links and `..` in
/// the target are resolved first, so a link to a report is replaced through the link.
public final class ReportFolder {
  /// The marker file that identifies a folder as a kselect report and lists its files.
  public static let markerName = ".kselect-report"
  /// The prefix of temporary folders, followed by the target's name and the writer's pid.
  static let temporaryInfix = ".kselect-tmp-"

  /// Where the finished report goes, as given (for messages).
  public let target: URL
  /// `target` with symbolic links and `..` resolved: the folder actually replaced.
  public let location: URL
  /// Where files are written until `commit()`.
  public let staging: URL
  /// The files the run reads: a folder holding one of them is never replaced.
  public let inputs: [String]
  private var committed = false

  /// Prepares to write a report into `target`.
  /// - Parameters:
  ///   - target: the report folder.
  ///   - inputs: the files the run reads (its data, the initial centroids), which `target` must not hold.
  /// - Throws: `ReportError.notAReport`, `.foreignEntry` or `.holdsInput` when `target` exists
  ///   and may not be replaced, `ReportError.cannotWrite` if the staging folder cannot be made.
  public init(target: URL, inputs: [String] = []) throws {
    self.target = target.standardizedFileURL
    self.inputs = inputs
    location = Self.resolved(self.target)
    let parent = location.deletingLastPathComponent()
    let name = location.lastPathComponent
    staging = parent.appendingPathComponent(".\(name)\(Self.temporaryInfix)\(getpid())")
    try Self.checkReplaceable(location, shownAs: self.target, inputs: inputs)
    do {
      try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw ReportError.cannotWrite(path: parent.path, reason: Self.reason(error))
    }
    try ReportCleanup.locked {
      Self.removeStaleStaging(in: parent, for: name)
      FileTree.removeTree(staging)
      do {
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        ReportCleanup.register(staging: staging)
        try Data(ReportManifest.text([]).utf8).write(to: staging.appendingPathComponent(Self.markerName))
      } catch {
        // The staging folder is an implementation detail: the message names the user's folder.
        throw ReportError.cannotWrite(path: self.target.path, reason: Self.reason(error))
      }
    }
  }

  deinit {
    guard !committed else { return }
    ReportCleanup.locked {
      FileTree.removeTree(staging)
      ReportCleanup.unregister(staging: staging)
    }
  }

  /// Writes `contents` to `relativePath` inside the report (folders are created as needed).
  /// - Throws: `ReportError.cannotWrite`.
  public func write(_ contents: String, to relativePath: String) throws {
    try write(Data(contents.utf8), to: relativePath)
  }

  /// Writes `data` to `relativePath` inside the report (folders are created as needed).
  /// - Throws: `ReportError.cannotWrite`.
  public func write(_ data: Data, to relativePath: String) throws {
    let url = staging.appendingPathComponent(relativePath)
    try ReportCleanup.locked {
      do {
        try list([relativePath])
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
      } catch {
        throw ReportError.cannotWrite(
          path: target.appendingPathComponent(relativePath).path, reason: Self.reason(error))
      }
    }
  }

  /// Copies the regular file `source` to `relativePath` inside the report.
  /// - Throws: `ReportError.cannotWrite`.
  public func copy(_ source: URL, to relativePath: String) throws {
    let url = staging.appendingPathComponent(relativePath)
    try ReportCleanup.locked {
      do {
        try list([relativePath])
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: url)
      } catch {
        throw ReportError.cannotWrite(
          path: target.appendingPathComponent(relativePath).path, reason: Self.reason(error))
      }
    }
  }

  /// Lists files a tool (gnuplot) is about to write into the staging folder, so that the folder
  /// a killed run leaves holds only listed files and the next run may remove it.
  /// - Throws: `ReportError.cannotWrite`.
  public func expect(_ relativePaths: [String]) throws {
    try ReportCleanup.locked {
      do { try list(relativePaths) } catch {
        throw ReportError.cannotWrite(path: target.path, reason: Self.reason(error))
      }
    }
  }

  /// The staged path of `relativePath`, for tools (gnuplot) that write files themselves.
  public func stagedURL(_ relativePath: String) -> URL { staging.appendingPathComponent(relativePath) }

  /// Moves the finished report into place, replacing a previous report in one atomic exchange.
  /// The marker then lists exactly the files of the new report.
  /// - Throws: `ReportError.cannotWrite` when the move fails (the previous report is kept), or
  ///   what `init` throws when the target changed since and may no longer be replaced.
  public func commit() throws {
    try ReportCleanup.locked {
      let files = FileTree.files(below: staging).filter { $0 != Self.markerName }
      do {
        try Data(ReportManifest.text(files).utf8).write(to: staging.appendingPathComponent(Self.markerName))
      } catch {
        throw ReportError.cannotWrite(path: target.path, reason: Self.reason(error))
      }
      if FileTree.kind(location.path) == .missing {
        guard rename(staging.path, location.path) == 0 else {
          throw ReportError.cannotWrite(path: target.path, reason: String(cString: strerror(errno)))
        }
      } else {
        try Self.checkReplaceable(location, shownAs: target, inputs: inputs)
        guard Self.exchange(staging.path, location.path) == 0 else {
          throw ReportError.cannotWrite(path: target.path, reason: String(cString: strerror(errno)))
        }
        // The staging path now holds the previous report: removed unless something that is not
        // kselect's appeared in it since the check (then it stays, and no later run removes it).
        FileTree.removeOwnedFolder(staging)
      }
      committed = true
      ReportCleanup.unregister(staging: staging)
      ReportCleanup.recordCommit()
    }
  }

  /// Appends `relativePaths` to the staging folder's marker.
  private func list(_ relativePaths: [String]) throws {
    let handle = try FileHandle(forWritingTo: staging.appendingPathComponent(Self.markerName))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(relativePaths.map { ReportManifest.encode($0) + "\n" }.joined().utf8))
  }

  /// Swaps two paths in one atomic step with Linux's `renameat2(RENAME_EXCHANGE)`, looked up at
  /// run time (glibc declares it only under `_GNU_SOURCE`, which Swift's Glibc module lacks).
  /// - Returns: 0 on success, −1 with `errno` set otherwise.
  static func exchange(_ first: String, _ second: String) -> Int32 {
    typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    let renameExchange: UInt32 = 2  // RENAME_EXCHANGE in <linux/fs.h>
    guard let symbol = dlsym(nil, "renameat2") else {  // nil is RTLD_DEFAULT
      errno = ENOSYS
      return -1
    }
    let function = unsafeBitCast(symbol, to: RenameAt2.self)
    return function(AT_FDCWD, first, AT_FDCWD, second, renameExchange)
  }

  /// `url` with symbolic links and `..` resolved: the real path when it exists, else its
  /// parent's real path and its name (a dangling link stays itself, and is refused).
  static func resolved(_ url: URL) -> URL {
    if let real = realPath(url.path) { return URL(fileURLWithPath: real) }
    if FileTree.kind(url.path) == .missing, let parent = realPath(url.deletingLastPathComponent().path) {
      return URL(fileURLWithPath: parent).appendingPathComponent(url.lastPathComponent)
    }
    return url
  }

  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Throws unless `url` (resolved) is absent, or a folder of kselect's that holds no input.
  static func checkReplaceable(_ url: URL, shownAs shown: URL, inputs: [String]) throws {
    switch FileTree.kind(url.path) {
    case .missing: return
    case .directory: break
    case .file, .other: throw ReportError.notAReport(path: shown.path)
    }
    guard let manifest = ReportManifest.read(in: url) else { throw ReportError.notAReport(path: shown.path) }
    for input in inputs {
      guard let real = realPath(input) else { continue }
      if real == url.path || real.hasPrefix(url.path + "/") {
        throw ReportError.holdsInput(folder: shown.path, input: input)
      }
    }
    if let entry = FileTree.firstForeignEntry(in: url, manifest: manifest) {
      throw ReportError.foreignEntry(folder: shown.path, entry: entry)
    }
  }

  /// Removes staging folders for `name` left by runs that died (their pid is gone), when they
  /// hold only what their marker lists.
  static func removeStaleStaging(in parent: URL, for name: String) {
    let prefix = ".\(name)\(temporaryInfix)"
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
    for entry in entries where entry.hasPrefix(prefix) {
      // A live writer (kill succeeds, or is refused with EPERM for another user's process)
      // keeps its folder; only a pid that no longer exists (ESRCH) marks a dead run.
      if let pid = Int32(entry.dropFirst(prefix.count)), pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH {
        continue
      }
      FileTree.removeOwnedFolder(parent.appendingPathComponent(entry))
    }
  }

  /// The system's own words for why a file operation failed ("Permission denied", "Read-only
  /// file system", …), which Foundation on Linux reports only as a generic sentence.
  private static func reason(_ error: Error) -> String {
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(code)))
    }
    if let cocoa = error as? CocoaError {
      switch cocoa.code {
      case .fileWriteNoPermission, .fileReadNoPermission: return String(cString: strerror(EACCES))
      case .fileNoSuchFile, .fileReadNoSuchFile: return String(cString: strerror(ENOENT))
      case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
      case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
      case .fileWriteFileExists: return String(cString: strerror(EEXIST))
      default: break
      }
    }
    return (error as NSError).localizedDescription
  }
}

/// Failures of report writing, mapped by the CLI to exit code 73.
public enum ReportError: Error, Equatable, CustomStringConvertible {
  /// The target exists and is not a kselect report; it is left alone.
  case notAReport(path: String)
  /// The target is a report folder holding `entry` (relative), which kselect did not write; it
  /// is left alone.
  case foreignEntry(folder: String, entry: String)
  /// The target holds `input`, a file the run reads; it is left alone.
  case holdsInput(folder: String, input: String)
  /// A file or folder could not be written.
  case cannotWrite(path: String, reason: String)

  /// The message with the library's parameter names.
  public var description: String { message(naming: .library) }

  /// The message a user sees, naming the report folder's parameter as `naming` does.
  public func message(naming: ParameterNaming) -> String {
    let another = "choose another \(naming.name(.reportFolder))"
    switch self {
    case .notAReport(let path):
      return "\(DisplayText.escaped(path)) exists and is not a kselect report; refusing to overwrite it (\(another))"
    case .foreignEntry(let folder, let entry):
      let entry = DisplayText.escaped(entry)
      return
        "\(DisplayText.escaped(folder)) holds \(entry), which kselect did not write; refusing to replace the folder "
        + "(kselect replaces only folders holding nothing but the files it wrote: move \(entry) out, or use another folder)"
    case .holdsInput(let folder, let input):
      return "\(DisplayText.escaped(folder)) holds the input \(DisplayText.escaped(input)); refusing to replace "
        + "the folder the data are read from (\(another))"
    case .cannotWrite(let path, let reason):
      return "cannot write \(DisplayText.escaped(path)): \(reason)"
    }
  }
}
