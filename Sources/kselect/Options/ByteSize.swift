import ArgumentParser
import Foundation

/// A memory size on the command line: bytes, or a number with K, M, G or T (powers of 1024,
/// optionally followed by "iB" or "B"), such as `512M`, `1.5G` or `2GiB`. A size of 2⁶³ bytes or
/// more is a limit no run can reach and is kept as `Int.max`; zero, negative, infinite and NaN
/// sizes are refused.
struct ByteSize: ExpressibleByArgument {
  /// The size in bytes (at most `Int.max`).
  let bytes: Int

  init?(argument: String) {
    var text = argument.trimmingCharacters(in: .whitespaces).uppercased()
    for suffix in ["IB", "B"] where text.hasSuffix(suffix) {
      text.removeLast(suffix.count)
      break
    }
    let factors: [Character: Double] = ["K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
    var factor = 1.0
    if let last = text.last, let unit = factors[last] {
      factor = unit
      text.removeLast()
    }
    guard let value = Double(text), value.isFinite, value > 0 else { return nil }
    let product = value * factor
    bytes = product < 0x1p63 ? Int(product) : .max
  }
}
