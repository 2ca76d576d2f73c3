import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a report folder atomically: every file goes into a temporary folder beside the
/// target, which replaces the target in one step only once it is complete.
///
/// An interrupted run therefore leaves the previous report exactly as it was; the temporary
/// folder it leaves behind is removed by the next run. A folder that exists but is not a
/// kselect report (it has no marker file) is never replaced.
public final class ReportFolder {
  /// The marker file that identifies a folder as a kselect report.
  public static let markerName = ".kselect-report"
  /// The prefix of temporary folders, followed by the target's name and the writer's pid.
  static let temporaryInfix = ".kselect-tmp-"

  /// Where the finished report goes.
  public let target: URL
  /// Where files are written until `commit()`.
  public let staging: URL
  private var committed = false

  /// Prepares to write a report into `target`.
  /// - Throws: `ReportError.notAReport` if `target` exists and is not a kselect report,
  ///   `ReportError.cannotWrite` if the staging folder cannot be created.
  public init(target: URL) throws {
    self.target = target.standardizedFileURL
    let parent = self.target.deletingLastPathComponent()
    let name = self.target.lastPathComponent
    staging = parent.appendingPathComponent(".\(name)\(Self.temporaryInfix)\(getpid())")
    try Self.checkReplaceable(self.target)
    do {
      try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw ReportError.cannotWrite(path: parent.path, reason: Self.reason(error))
    }
    Self.removeStaleStaging(in: parent, for: name)
    try? FileManager.default.removeItem(at: staging)
    do {
      try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
      try Data("kselect report\n".utf8).write(to: staging.appendingPathComponent(Self.markerName))
    } catch {
      // The staging folder is an implementation detail: the message names the user's folder.
      throw ReportError.cannotWrite(path: self.target.path, reason: Self.reason(error))
    }
  }

  deinit {
    if !committed { try? FileManager.default.removeItem(at: staging) }
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
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url)
    } catch {
      throw ReportError.cannotWrite(path: target.appendingPathComponent(relativePath).path, reason: Self.reason(error))
    }
  }

  /// The staged path of `relativePath`, for tools (gnuplot) that write files themselves.
  public func stagedURL(_ relativePath: String) -> URL { staging.appendingPathComponent(relativePath) }

  /// Moves the finished report into place, replacing a previous report in one atomic exchange.
  /// - Throws: `ReportError.cannotWrite` when the move fails (the previous report is kept).
  public func commit() throws {
    let fm = FileManager.default
    if fm.fileExists(atPath: target.path) {
      try Self.checkReplaceable(target)
      guard Self.exchange(staging.path, target.path) == 0 else {
        throw ReportError.cannotWrite(path: target.path, reason: String(cString: strerror(errno)))
      }
      committed = true
      try? fm.removeItem(at: staging)  // now holds the previous report
    } else {
      guard rename(staging.path, target.path) == 0 else {
        throw ReportError.cannotWrite(path: target.path, reason: String(cString: strerror(errno)))
      }
      committed = true
    }
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

  /// Throws unless `url` is absent or a folder holding a kselect report.
  static func checkReplaceable(_ url: URL) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
    let marker = url.appendingPathComponent(markerName).path
    guard isDirectory.boolValue, FileManager.default.fileExists(atPath: marker) else {
      throw ReportError.notAReport(path: url.path)
    }
  }

  /// Removes staging folders for `name` left by runs that died (their pid is gone).
  static func removeStaleStaging(in parent: URL, for name: String) {
    let prefix = ".\(name)\(temporaryInfix)"
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
    for entry in entries where entry.hasPrefix(prefix) {
      // A live writer (kill succeeds, or is refused with EPERM for another user's process)
      // keeps its folder; only a pid that no longer exists (ESRCH) marks a dead run.
      if let pid = Int32(entry.dropFirst(prefix.count)), pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH {
        continue
      }
      try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
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
  /// A file or folder could not be written.
  case cannotWrite(path: String, reason: String)

  /// The message a user sees.
  public var description: String {
    switch self {
    case .notAReport(let path):
      return "\(path) exists and is not a kselect report; refusing to overwrite it (choose another --out)"
    case .cannotWrite(let path, let reason):
      return "cannot write \(path): \(reason)"
    }
  }
}
