/// Why a feature cell is not a usable number: what the cell holds, its column, and its text.
public struct CellProblem: Sendable, Equatable, CustomStringConvertible {
  /// What is wrong with a cell.
  public enum Kind: Sendable, Equatable {
    /// The cell is empty.
    case missing
    /// `NaN`, `inf` and the like.
    case nonFinite
    /// A number outside the range of a double (`1e999`).
    case outOfRange
    /// A finite number beyond the magnitude that can be clustered (1e100).
    case tooLarge
    /// Text that is not a number.
    case notANumber
  }

  /// What is wrong.
  public let kind: Kind
  /// The feature column's name as the header gives it.
  public let column: String
  /// The cell as messages show it (already escaped and shortened).
  public let text: String

  /// Creates a problem.
  public init(_ kind: Kind, column: String, text: String) {
    self.kind = kind
    self.column = column
    self.text = text
  }

  /// The message with the library's parameter names.
  public var description: String { message(naming: .library) }

  /// The message, naming the parameter that drops such rows as `naming` names it.
  public func message(naming: ParameterNaming) -> String {
    let column = DisplayText.escaped(self.column)
    let drop = "use \(naming.name(.dropIncomplete)) to drop such rows"
    switch kind {
    case .missing: return "missing value in feature column '\(column)' (\(drop))"
    case .nonFinite: return "'\(text)' in feature column '\(column)' is not a finite number"
    case .outOfRange: return "'\(text)' in feature column '\(column)' is outside the range of a double"
    case .tooLarge:
      return "'\(text)' in feature column '\(column)' is too large to cluster "
        + "(magnitudes up to 1e100 are supported: rescale the column, or \(drop))"
    case .notANumber: return "'\(text)' in feature column '\(column)' is not a number (\(drop))"
    }
  }
}
