import Foundation
import KSelect

#if canImport(Glibc)
  import Glibc
#endif

/// Runs gnuplot on a report's scripts. Any output on standard error, warnings included, counts
/// as a failure: a figure gnuplot complained about is not trusted.
public enum Gnuplot {
  /// The gnuplot executable on `PATH`, or `nil` when gnuplot is not installed.
  public static var executable: URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("gnuplot")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }

  /// Runs `gnuplot plots/<name>.gp` for every name in `report`'s staging folder, listing the
  /// figures it will draw in the folder's marker first.
  /// - Throws: what `render(_:in:format:)` throws, `ReportError.cannotWrite`.
  public static func render(_ names: [String], in report: ReportFolder, format: PlotFormat? = nil) throws {
    let formats = format.map { [$0] } ?? PlotFormat.allCases
    try report.expect(names.flatMap { name in formats.map { "plots/\(name).\($0.rawValue)" } })
    try render(names, in: report.staging, format: format)
  }

  /// Runs `gnuplot plots/<name>.gp` for every name, from `folder`. Each gnuplot process is
  /// registered with `ReportCleanup` while it runs, so that a signal ends it.
  /// - Parameters:
  ///   - names: the scripts' base names.
  ///   - folder: the report folder (the scripts' working directory).
  ///   - format: overrides the scripts' own image format when given.
  /// - Throws: `RenderError.gnuplotMissing` when gnuplot is not installed;
  ///   `RenderError.failed` when a script exits with an error or writes to standard error.
  public static func render(_ names: [String], in folder: URL, format: PlotFormat? = nil) throws {
    guard let executable else { throw RenderError.gnuplotMissing }
    for name in names {
      let process = Process()
      process.executableURL = executable
      process.currentDirectoryURL = folder
      process.arguments = (format.map { ["-e", "format='\($0.rawValue)'"] } ?? []) + ["plots/\(name).gp"]
      let errors = Pipe()
      process.standardError = errors
      process.standardOutput = FileHandle.nullDevice
      process.standardInput = FileHandle.nullDevice
      try ReportCleanup.locked {
        do {
          try process.run()
        } catch {
          throw RenderError.failed(script: "plots/\(name).gp", message: error.localizedDescription)
        }
        ReportCleanup.register(child: process.processIdentifier)
      }
      let output = String(decoding: readAll(errors.fileHandleForReading), as: UTF8.self)
      process.waitUntilExit()
      ReportCleanup.unregister(child: process.processIdentifier)
      let message = output.trimmingCharacters(in: .whitespacesAndNewlines)
      guard process.terminationStatus == 0, message.isEmpty else {
        throw RenderError.failed(
          script: "plots/\(name).gp",
          message: message.isEmpty ? "gnuplot exited with status \(process.terminationStatus)" : message)
      }
    }
  }
}

/// Everything `handle` gives until end of file, retrying a read a signal interrupted
/// (Foundation's `readDataToEndOfFile()` traps on EINTR).
private func readAll(_ handle: FileHandle) -> Data {
  var data = Data()
  var buffer = [UInt8](repeating: 0, count: 4096)
  while true {
    let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
    if count > 0 {
      data.append(contentsOf: buffer[0..<count])
    } else if count == 0 || errno != EINTR {
      return data
    }
  }
}

/// Failures of drawing the figures.
public enum RenderError: Error, Equatable, CustomStringConvertible {
  /// gnuplot is not on `PATH`.
  case gnuplotMissing
  /// A script failed or gnuplot warned while running it; `message` is what gnuplot said.
  case failed(script: String, message: String)

  /// The message a user sees.
  public var description: String {
    switch self {
    case .gnuplotMissing:
      return "gnuplot is not installed (Debian: apt-get install gnuplot-nox); the scripts are in plots/"
    case .failed(let script, let message):
      return
        "gnuplot failed on \(DisplayText.escaped(script)): \(DisplayText.escaped(message, keepingLineBreaks: true))"
    }
  }
}
