/// Everything that can go wrong in the library, as values that say what went wrong: which
/// parameter and what bound, which file, line and column, which estimate and limit.
///
/// `description` words an error with the library's parameter names (`k_min`);
/// `message(naming:)` words it with a front end's. The command-line tool maps each case to an
/// exit code and every `Parameter` to its flag in one place (`Exits`).
public enum KSelectError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The input file does not exist, is a directory, or cannot be read.
  case unreadableInput(path: String, reason: String)
  /// The input parsed, but its contents are not usable data; `location` names file, line and column.
  case badData(location: SourceLocation, message: String)
  /// A feature cell at `location` is not a usable number (see `CellProblem`).
  case badCell(location: SourceLocation, problem: CellProblem)
  /// The data as a whole cannot be clustered as asked (no rows, no numeric column, k too large…).
  case unusableData(path: String, message: String)
  /// A parameter is out of its allowed range.
  case invalidParameter(ParameterError)
  /// The run would need more memory than allowed.
  case insufficientMemory(MemoryShortage)
  /// A GSL routine reported a failure.
  case numerical(String)

  /// The message with the library's parameter names (paths with their control characters
  /// escaped, see `DisplayText`).
  public var description: String { message(naming: .library) }

  /// The message a user sees, with the parameters named by `naming`.
  public func message(naming: ParameterNaming) -> String {
    switch self {
    case .unreadableInput(let path, let reason): return "\(DisplayText.escaped(path)): cannot read input: \(reason)"
    case .badData(let location, let message): return "\(location): \(message)"
    case .badCell(let location, let problem): return "\(location): \(problem.message(naming: naming))"
    case .unusableData(let path, let message): return "\(DisplayText.escaped(path)): \(message)"
    case .invalidParameter(let error): return error.message(naming: naming)
    case .insufficientMemory(let shortage): return shortage.message(naming: naming)
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
