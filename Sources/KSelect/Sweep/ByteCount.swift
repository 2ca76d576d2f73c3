/// A count of bytes whose arithmetic saturates at `Int.max` instead of trapping, so that an
/// estimate for absurd option values (2⁶³ − 1 restarts, say) stays a number that is then refused.
/// Negative inputs count as zero.
struct ByteCount: Comparable, ExpressibleByIntegerLiteral, Sendable {
  /// The count, between 0 and `Int.max`.
  let value: Int

  init(_ value: Int) { self.value = Swift.max(0, value) }

  init(integerLiteral value: Int) { self.init(value) }

  static func + (a: ByteCount, b: ByteCount) -> ByteCount {
    let (sum, overflow) = a.value.addingReportingOverflow(b.value)
    return ByteCount(overflow ? .max : sum)
  }

  static func * (a: ByteCount, b: ByteCount) -> ByteCount {
    let (product, overflow) = a.value.multipliedReportingOverflow(by: b.value)
    return ByteCount(overflow ? .max : product)
  }

  static func < (a: ByteCount, b: ByteCount) -> Bool { a.value < b.value }

  /// Half the count, rounded up (a saturated count stays far beyond any memory).
  var halved: ByteCount { ByteCount(value / 2 + value % 2) }

  /// The larger of the counts.
  static func max(_ first: ByteCount, _ rest: ByteCount...) -> ByteCount { rest.reduce(first) { Swift.max($0, $1) } }

  /// The smaller of two counts.
  static func min(_ a: ByteCount, _ b: ByteCount) -> ByteCount { Swift.min(a, b) }
}
