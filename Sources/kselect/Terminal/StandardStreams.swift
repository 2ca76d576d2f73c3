import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Standard output and standard error, written with `write(2)` so that every failure — a full
/// disk, a closed pipe, a closed descriptor — is seen: output that cannot be written ends the run
/// with exit code 73 and a message, never with a crash or a silent success.
///
/// SIGPIPE is ignored, so a reader that goes away (`kselect sweep … --json | head -c 10`) makes
/// the write fail with EPIPE, reported like any other write error, instead of killing the
/// process. A standard stream that was closed when the program started (`>&-`) is held by
/// /dev/null opened read-only, so that no file the program opens takes its number and every write
/// to it still fails (EBADF), as writing a closed stream does.
enum StandardStreams {
  /// Ignores SIGPIPE, holds closed standard streams, and makes the exit check that whatever the
  /// argument parser printed through the C library (help text, usage errors) reached standard
  /// output.
  static func prepare() {
    for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) < 0 {
      let null = open("/dev/null", O_RDONLY)
      if null >= 0, null != descriptor {
        dup2(null, descriptor)
        close(null)
      }
    }
    signal(SIGPIPE, SIG_IGN)
    atexit {
      guard fflush(nil) != 0 else { return }
      let reason = String(cString: strerror(errno))
      _ = StandardStreams.write("kselect: cannot write to standard output: \(reason)\n", to: STDERR_FILENO)
      _exit(73)
    }
  }

  /// Writes `text` to standard output.
  /// - Throws: `OutputError` with the system's reason when any byte cannot be written.
  static func output(_ text: String) throws {
    if let failure = write(text, to: STDOUT_FILENO) { throw OutputError(reason: failure) }
  }

  /// Writes `text` to standard error. A failure is ignored: standard error is where failures
  /// are reported, so there is nowhere left to report its own (the exit code still tells).
  static func error(_ text: String) {
    _ = write(text, to: STDERR_FILENO)
  }

  /// Writes every byte of `text` to `descriptor`, retrying interrupted and partial writes.
  /// - Returns: `nil` on success, else the system's reason.
  static func write(_ text: String, to descriptor: Int32) -> String? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBytes { buffer -> String? in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return String(cString: strerror(errno))
        }
        offset += written
      }
      return nil
    }
  }
}

/// Standard output could not be written.
struct OutputError: Error {
  /// The system's reason ("No space left on device", "Broken pipe").
  let reason: String
  /// What was already done and stays valid ("the report was written to Reports/iris").
  var done: String? = nil

  /// The message a user sees.
  var description: String {
    "cannot write to standard output: \(reason)" + (done.map { " (\($0))" } ?? "")
  }
}
