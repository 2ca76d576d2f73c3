/// Everything that can go wrong in the library, with messages that tell the user what to do.
///
/// The command-line tool maps each case to an exit code in one place (`KSelectError.exitCode`).
public enum KSelectError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The input file does not exist, is a directory, or cannot be read.
  case unreadableInput(path: String, reason: String)
  /// The input parsed, but its contents are not usable data; `location` names file, line and column.
  case badData(location: SourceLocation, message: String)
  /// The data as a whole cannot be clustered as asked (no rows, no numeric column, k too large…).
  case unusableData(path: String, message: String)
  /// A parameter is out of its allowed range.
  case invalidParameter(String)
  /// The run would need more memory than allowed.
  case insufficientMemory(String)
  /// A GSL routine reported a failure.
  case numerical(String)

  /// The message a user sees (paths with their control characters escaped, see `DisplayText`).
  public var description: String {
    switch self {
    case .unreadableInput(let path, let reason): return "\(DisplayText.escaped(path)): cannot read input: \(reason)"
    case .badData(let location, let message): return "\(location): \(message)"
    case .unusableData(let path, let message): return "\(DisplayText.escaped(path)): \(message)"
    case .invalidParameter(let message): return message
    case .insufficientMemory(let message): return message
    case .numerical(let message): return "numerical failure: \(message)"
    }
  }
}

/// A place in an input file: the file, the 1-based physical line and the 1-based column
/// (field number) where a problem starts.
public struct SourceLocation: Equatable, Sendable, CustomStringConvertible {
  /// The file's path as the user gave it.
  public var path: String
  /// The 1-based physical line number in the file (the header is line 1).
  public var line: Int
  /// The 1-based field number, or `nil` when the problem concerns a whole line.
  public var column: Int?

  /// Creates a location.
  public init(path: String, line: Int, column: Int? = nil) {
    self.path = path
    self.line = line
    self.column = column
  }

  /// `path:line:column` (or `path:line` without a column), the form editors and compilers use;
  /// control characters in the path are escaped.
  public var description: String {
    let path = DisplayText.escaped(self.path)
    if let column { return "\(path):\(line):\(column)" }
    return "\(path):\(line)"
  }
}
