import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An input file's bytes, read whole: a regular file is mapped into memory; anything else a
/// path can name — a FIFO, a pipe such as the `/dev/fd/N` of a shell's `<(…)`, a character
/// device such as `/dev/null` — is read to its end, since it cannot be mapped or read twice.
/// `-` (and `/dev/stdin`) is standard input, mapped too when it is a regular file. Bytes that
/// start with gzip's magic number are decompressed into memory.
public struct InputFile: Sendable {
  /// The name of standard input in messages and reports.
  public static let standardInputName = "<stdin>"

  /// The path as the user gave it (`<stdin>` for `-`).
  public let path: String
  /// Every byte of the file.
  public let data: Data
  /// Whether the bytes are held in memory (read from a stream, or decompressed) rather than
  /// mapped from a file.
  public let isStream: Bool
  /// Whether the input was gzip-compressed.
  public let isCompressed: Bool

  /// Whether `path` names standard input: `-` or `/dev/stdin`.
  public static func isStandardInput(_ path: String) -> Bool { path == "-" || path == "/dev/stdin" }

  /// The data set's name for report folders and titles: the file name without its extension
  /// (`data` for `data.csv` and `data.csv.gz`); `stdin` for standard input.
  public static func dataName(of path: String) -> String {
    if isStandardInput(path) || path == standardInputName { return "stdin" }
    var url = URL(fileURLWithPath: path)
    if url.pathExtension.lowercased() == "gz" { url = url.deletingPathExtension() }
    return url.deletingPathExtension().lastPathComponent
  }

  /// Bytes read from a stream per `read` call.
  static let chunkBytes = 1 << 16

  /// Reads `path`.
  /// - Parameter byteLimit: the most bytes a stream may hold; a longer stream is refused rather
  ///   than buffered (a mapped file costs no more than its size, which is checked beforehand).
  /// - Throws: `KSelectError.unreadableInput` naming the reason (no such file, a directory,
  ///   permission denied, an I/O error), `KSelectError.insufficientMemory` for a stream longer
  ///   than `byteLimit`.
  public init(path given: String, byteLimit: Int? = nil) throws {
    let path = given == "-" ? Self.standardInputName : given
    self.path = path
    // Standard input is read from descriptor 0 itself: opening /dev/stdin fails for a socket.
    let descriptor = Self.isStandardInput(given) ? dup(STDIN_FILENO) : open(given, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw Self.unreadable(path, errno: errno) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw Self.unreadable(path, errno: errno) }
    let kind = status.st_mode & S_IFMT
    guard kind != S_IFDIR else {
      throw KSelectError.unreadableInput(path: path, reason: "it is a directory, not a file")
    }
    // Files under /proc and /sys report size 0 but have contents: they are read like streams,
    // and so is standard input when it was partly read before.
    let offset = Self.isStandardInput(given) ? lseek(descriptor, 0, SEEK_CUR) : 0
    var bytes: Data
    let mapped = kind == S_IFREG && status.st_size > 0 && offset == 0
    if mapped {
      bytes = try Self.map(descriptor, size: Int(status.st_size), path: path)
    } else {
      bytes = try Self.readToEnd(descriptor, path: path, byteLimit: byteLimit)
    }
    isCompressed = Gzip.isCompressed(bytes)
    if isCompressed { bytes = try Gzip.decompress(bytes, path: path, byteLimit: byteLimit) }
    isStream = !mapped || isCompressed
    data = bytes
  }

  /// Maps `size` bytes of the open file `descriptor`, unmapped when the data are released.
  private static func map(_ descriptor: Int32, size: Int, path: String) throws -> Data {
    let failed = UnsafeMutableRawPointer(bitPattern: -1)
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != failed else {
      throw unreadable(path, errno: errno)
    }
    return Data(bytesNoCopy: address, count: size, deallocator: .custom { pointer, count in munmap(pointer, count) })
  }

  /// Reads `descriptor` until end of file, in chunks, retrying interrupted reads.
  private static func readToEnd(_ descriptor: Int32, path: String, byteLimit: Int?) throws -> Data {
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: chunkBytes)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkBytes) }
      if count == 0 { break }
      if count < 0 {
        if errno == EINTR { continue }
        throw unreadable(path, errno: errno)
      }
      if let byteLimit, data.count + count > byteLimit {
        throw KSelectError.insufficientMemory(.streamTooLong(path: path, limit: byteLimit))
      }
      data.append(contentsOf: chunk[0..<count])
    }
    return data
  }

  /// The error for a failed `open`, `fstat`, `mmap` or `read`, in the system's words.
  private static func unreadable(_ path: String, errno code: Int32) -> KSelectError {
    switch code {
    case ENOENT: return .unreadableInput(path: path, reason: "no such file")
    case EISDIR: return .unreadableInput(path: path, reason: "it is a directory, not a file")
    case EACCES, EPERM: return .unreadableInput(path: path, reason: "permission denied")
    default: return .unreadableInput(path: path, reason: String(cString: strerror(code)))
    }
  }
}
