import ArgumentParser
import Foundation
import KSelect
import KSelectReports

/// The one place where errors become messages on standard error and exit codes (library errors
/// worded with the command line's flags, `ParameterNaming.flags`):
/// 0 success, 64 usage error, 65 bad data, 69 a resource is unavailable (memory, gnuplot for
/// `render`), 73 cannot write the output (figures and standard output included), 74 I/O error;
/// 128 + n after signal n comes from `Interruptions`.
enum Exits {
  /// Runs `body`; a library or report error is printed as `kselect: message` and turned into
  /// the documented exit code. Neither a success nor a failure ends the process while a
  /// signal's cleanup runs (`Interruptions`): that one ends it, with 128 + the signal.
  static func mapping(_ body: () throws -> Void) throws {
    do {
      try body()
      ReportCleanup.waitForAnyCleanup()
    } catch let error as KSelectError {
      fail(error.message(naming: .flags), code: code(for: error))
    } catch let error as ReportError {
      fail(error.message(naming: .flags), code: 73)
    } catch let error as RenderError {
      fail(error.description, code: error == .gnuplotMissing ? 69 : 73)
    } catch let error as OutputError {
      fail(error.description, code: 73)
    } catch let error as CommandError {
      fail(error.message, code: error.code)
    }
  }

  /// The exit code of a library error.
  static func code(for error: KSelectError) -> Int32 {
    switch error {
    case .invalidParameter: return 64
    case .badData, .badCell, .unusableData, .numerical: return 65
    case .unreadableInput: return 74
    case .insufficientMemory: return 69
    }
  }

  private static func fail(_ message: String, code: Int32) -> Never {
    ReportCleanup.waitForAnyCleanup()
    printNote(message)
    Foundation.exit(code)
  }
}

/// Writes `kselect: message` to standard error. Names and cell text are escaped where messages
/// quote them; this escapes any control character left (all but line breaks) once more, so that
/// nothing read from a file can send a terminal escape sequence.
func printNote(_ message: String) {
  StandardStreams.error("kselect: \(DisplayText.escaped(message, keepingLineBreaks: true))\n")
}

/// A failure the command itself words, with its exit code.
struct CommandError: Error {
  /// The message a user sees.
  let message: String
  /// The exit code.
  let code: Int32
}
