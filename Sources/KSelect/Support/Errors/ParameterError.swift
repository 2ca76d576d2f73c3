/// A parameter out of its allowed range: which parameter, what it must satisfy, and the value
/// it had.
public struct ParameterError: Sendable, Equatable, CustomStringConvertible {
  /// The parameter at fault.
  public let parameter: Parameter
  /// What the parameter must satisfy.
  public let constraint: ParameterConstraint
  /// The value it had.
  public let value: ParameterValue

  /// Creates an error.
  public init(_ parameter: Parameter, _ constraint: ParameterConstraint, got value: ParameterValue) {
    self.parameter = parameter
    self.constraint = constraint
    self.value = value
  }

  /// The message with the library's parameter names ("k_min must be at least 1 (got 0)").
  public var description: String { message(naming: .library) }

  /// The message with the parameters named by `naming`; names and cell text quoted in it are
  /// escaped (see `DisplayText`).
  public func message(naming: ParameterNaming) -> String {
    let name = naming.name(parameter)
    switch constraint {
    case .atLeast(let bound): return "\(name) must be at least \(bound) (got \(value))"
    case .between(let low, let high): return "\(name) must be between \(low) and \(high) (got \(value))"
    case .notAbove(let other, let bound): return "\(name) (\(value)) must not exceed \(naming.name(other)) (\(bound))"
    case .notWith(let other): return "\(name) (\(value)) cannot be given with \(naming.name(other))"
    case .finiteNonNegative: return "\(name) must be a finite number ≥ 0 (got \(value))"
    case .nonNegative: return "\(name) must be ≥ 0"
    case .positive: return "\(name) must be > 0"
    case .positiveFraction: return "\(name) must be in (0, 1] (got \(value))"
    case .asciiCharacter: return "\(name) must be one ASCII character"
    case .atMostDistinctPoints(let distinct):
      return parameter == .clusterCount
        ? "k = \(value) is larger than the number of distinct points (\(distinct))"
        : "\(name) \(value) exceeds the number of distinct points (\(distinct))"
    case .withinSweep(let low, let high): return "k = \(value) is not part of the sweep (\(low)…\(high))"
    case .holdsClusterCount(let k, let dimension):
      return "the initial centroids hold \(value) points of dimension \(dimension); k = \(k) needs \(k)"
    case .finiteSumOfSquares:
      return "the data's values are too large for double arithmetic (their sum of squares overflows); rescale them"
    case .namesColumn(let path, let columns):
      let list = columns.map { DisplayText.escaped($0) }.joined(separator: ", ")
      return parameter == .columns || parameter == .excludedColumns
        ? "\(name): \(value) is not a column of \(DisplayText.escaped(path)); its columns are: \(list)"
        : "\(name) \(value) is not a column of \(DisplayText.escaped(path)); its columns are: \(list)"
    case .namesSomeColumn: return "\(name) names no column"
    case .namesEachColumnOnce: return "\(name) names \(value) twice"
    case .notTheIdColumn:
      return parameter == .excludedColumns
        ? "\(name): \(value) is the id column, which is never clustered; leave it out of \(name)"
        : "\(name): \(value) is the id column and cannot be a feature"
    case .notAlso(let other):
      return "\(name): \(value) is also named by \(naming.name(other)); a column is either a feature or excluded"
    case .notTheLabelColumn: return "\(name): \(value) is the label column and cannot be a feature"
    }
  }
}

/// What a parameter must satisfy.
public enum ParameterConstraint: Sendable, Equatable {
  /// An integer of at least the bound.
  case atLeast(Int)
  /// An integer in the closed range.
  case between(Int, Int)
  /// No more than another parameter, whose value is given.
  case notAbove(Parameter, Int)
  /// Not together with another parameter, which was also given.
  case notWith(Parameter)
  /// A finite number ≥ 0.
  case finiteNonNegative
  /// A finite number ≥ 0 (worded "≥ 0").
  case nonNegative
  /// A finite number > 0.
  case positive
  /// A number in (0, 1].
  case positiveFraction
  /// One ASCII character.
  case asciiCharacter
  /// At most the number of distinct points of the data, given.
  case atMostDistinctPoints(Int)
  /// One of the sweep's k, the closed range given.
  case withinSweep(Int, Int)
  /// Exactly k points of the given dimension (the value is the count of points held).
  case holdsClusterCount(Int, dimension: Int)
  /// Values whose sum of squares is finite in double precision.
  case finiteSumOfSquares
  /// A column of the file at the path, whose columns are given.
  case namesColumn(path: String, columns: [String])
  /// At least one column.
  case namesSomeColumn
  /// Each column at most once.
  case namesEachColumnOnce
  /// Not the id column.
  case notTheIdColumn
  /// Not also a value of the other parameter.
  case notAlso(Parameter)
  /// Not the label column.
  case notTheLabelColumn
}

/// The value a parameter had.
public enum ParameterValue: Sendable, Equatable, CustomStringConvertible {
  /// An integer.
  case integer(Int)
  /// A real number.
  case real(Double)
  /// A name or other text from the user, quoted in messages.
  case text(String)

  /// The value as messages show it: text quoted and escaped.
  public var description: String {
    switch self {
    case .integer(let value): return "\(value)"
    case .real(let value): return "\(value)"
    case .text(let value): return "'\(DisplayText.escaped(value))'"
    }
  }
}
