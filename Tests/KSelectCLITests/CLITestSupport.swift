import Foundation
import KSelectTestSupport
import Testing

/// Runs the built `kselect` executable and captures its output and exit code.
struct CLIRun {
  let stdout: String
  let stderr: String
  let status: Int32

  /// The `kselect` binary beside the test bundle.
  static var executable: URL {
    var url = Bundle.main.bundleURL
    for candidate in [url, url.deletingLastPathComponent()] {
      let binary = candidate.appendingPathComponent("kselect")
      if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
    }
    url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    return url.appendingPathComponent("kselect")
  }

  /// Runs `kselect arguments…` in `directory`; with `standardOutput` (a `FileHandle` or a `Pipe`
  /// the caller reads, or does not), standard output goes there instead of being captured.
  static func run(_ arguments: [String], in directory: URL? = nil, standardOutput: Any? = nil) throws -> CLIRun {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = standardOutput ?? out
    process.standardError = err
    try process.run()
    if standardOutput != nil { try out.fileHandleForWriting.close() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIRun(
      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
      status: process.terminationStatus)
  }
}
