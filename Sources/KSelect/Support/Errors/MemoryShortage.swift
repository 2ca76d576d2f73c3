/// Why a run cannot have the memory it needs.
public enum MemoryShortage: Sendable, Equatable, CustomStringConvertible {
  /// The run's estimate exceeds the limit: refused before anything is allocated.
  case refused(MemoryRefusal)
  /// The input at `path` is a stream longer than `limit` bytes, the most allowed to hold it.
  case streamTooLong(path: String, limit: Int)
  /// The gzip-compressed input at `path` decompresses to more than `limit` bytes.
  case decompressedTooLong(path: String, limit: Int)
  /// An allocation failed; the text says of what.
  case allocationFailed(String)

  /// The message with the library's parameter names.
  public var description: String { message(naming: .library) }

  /// The message with the parameters named by `naming`.
  public func message(naming: ParameterNaming) -> String {
    switch self {
    case .refused(let refusal): return refusal.message(naming: naming)
    case .streamTooLong(let path, let limit):
      return "\(DisplayText.escaped(path)) is a stream longer than the \(MemoryEstimate.describe(limit)) allowed to "
        + "hold it; raise \(naming.name(.memoryLimit)), or save it to a file first"
    case .decompressedTooLong(let path, let limit):
      return "\(DisplayText.escaped(path)) decompresses to more than the \(MemoryEstimate.describe(limit)) allowed to "
        + "hold it; raise \(naming.name(.memoryLimit))"
    case .allocationFailed(let what): return what
    }
  }
}

/// A run refused because its memory estimate exceeds the limit: the estimate, the limit, the
/// largest phase, and the parameters that lower the estimate.
public struct MemoryRefusal: Sendable, Equatable {
  /// What is estimated ("the sweep", "the fit").
  public let subject: String
  /// The shape and settings the estimate is for, as a phrase for messages.
  public let context: String
  /// The estimate in bytes, the process itself included.
  public let estimate: Int
  /// The limit in bytes.
  public let limit: Int
  /// The phase with the largest peak.
  public let largest: MemoryEstimate.Phase

  /// Whether the process itself, not the run's data, is most of the estimate.
  public var isMostlyBaseline: Bool { largest.bytes < MemoryEstimate.baselineBytes }

  /// The parameters that lower the estimate, then the limit that could be raised.
  public var parameters: [Parameter] {
    (isMostlyBaseline ? [] : largest.remedies.flatMap(\.parameters)) + [.memoryLimit]
  }

  /// The message with the parameters named by `naming`.
  public func message(naming: ParameterNaming) -> String {
    let limitName = naming.name(.memoryLimit)
    let advice =
      isMostlyBaseline
      ? "most of it is the program itself (\(MemoryEstimate.describe(MemoryEstimate.baselineBytes))): raise \(limitName)"
      : "the largest part is \(largest.name) (\(MemoryEstimate.describe(largest.bytes))): "
        + largest.remedies.map { $0.message(naming: naming) }.joined(separator: ", or ") + ", or raise \(limitName)"
    return "\(subject) would need about \(MemoryEstimate.describe(estimate)) (\(estimate) bytes; \(context)), "
      + "more than the \(MemoryEstimate.describe(limit)) allowed; \(advice)"
  }
}

/// One way to lower a phase's memory: what to do to which parameters.
public struct MemoryRemedy: Sendable, Equatable {
  /// What to do.
  public enum Action: Sendable, Equatable {
    /// Lower the parameters' values.
    case lower
    /// Use fewer of what the parameters count.
    case useFewer
    /// Leave the parameters out (flags).
    case leaveOut
    /// Name fewer of what the parameters list.
    case nameFewer
    /// Estimate on a sample of the given size (the parameter is the sample's size).
    case sample(Int)
  }

  /// What to do.
  public let action: Action
  /// The parameters it applies to.
  public let parameters: [Parameter]

  /// Creates a remedy.
  public init(_ action: Action, _ parameters: Parameter...) {
    self.action = action
    self.parameters = parameters
  }

  /// "lower k_max or restarts", with the parameters named by `naming`.
  public func message(naming: ParameterNaming) -> String {
    let names = parameters.map(naming.name).joined(separator: " or ")
    switch action {
    case .lower: return "lower \(names)"
    case .useFewer: return "use fewer \(names)"
    case .leaveOut: return "leave out \(names)"
    case .nameFewer: return "name fewer \(names)"
    case .sample(let size): return "estimate them on a sample (\(names) \(size))"
    }
  }
}
