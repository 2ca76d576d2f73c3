import Foundation

/// The W*_k of references of m < n points moved to the data's n points, with the finite-size
/// bias extrapolated away and the standard error that the smaller references earn.
///
/// W* is a sum over points, so ln W*(n) ≈ ln W*(m) + ln(n/m); per point, ℓ(s) = ln W*(s) − ln s
/// still drifts with the size s, because a k-means fit adapts its centres to the sample it is
/// given (ℓ(s) ≈ ℓ(∞) − c/s). Each reference b is also fitted on its first h < m points (a nested
/// subsample), and its estimate of ℓ at n is the straight line in 1/s through the two sizes:
/// e_b = ℓ_b(m) + (ℓ_b(m) − ℓ_b(h)) · (1/m − 1/n) / (1/h − 1/m) + ln n. Their mean is l̄_k;
/// the values reported for the references keep the null spread at size n, each deviation from
/// the mean scaled by √(m/n) (`Resampling.movedReferences`). The variance of l̄_k as a Monte
/// Carlo estimate is that of the e_b over B: s_k = √(sd_k² + var(e)/B), which is Tibshirani et
/// al.'s sd_k·√(1 + 1/B) when m = n and, without the bias term, sd_m·√(m/n + 1/B).
enum ReferenceCorrection {
  /// One k's references at the data's size.
  struct Moved: Equatable {
    /// W*_kb at n points: mean l̄_k in logarithms, spread of the null at size n.
    var wcss: [Double]
    /// var(e)/B (divisor B), the Monte Carlo variance of l̄_k.
    var meanVariance: Double
  }

  /// The weight of ℓ(m) − ℓ(h) in the extrapolation to n: (1/m − 1/n) / (1/h − 1/m).
  static func extrapolationWeight(size m: Int, halfSize h: Int, rowCount n: Int) -> Double {
    (1 / Double(m) - 1 / Double(n)) / (1 / Double(h) - 1 / Double(m))
  }

  /// One k's W*_kb of size-m references (and, when given, of their first h points) moved to n.
  ///
  /// - Parameters:
  ///   - wcss: W*_kb at m points, B ≥ 1 positive values.
  ///   - half: W*_kb at the nested h points, one per reference, or `nil` for no bias correction.
  /// - Complexity: O(B).
  static func move(wcss: [Double], size m: Int, half: [Double]?, halfSize h: Int, to n: Int) -> Moved {
    let logM = log(Double(m))
    let logN = log(Double(n))
    let weight = half == nil ? 0 : extrapolationWeight(size: m, halfSize: h, rowCount: n)
    let logH = log(Double(h))
    let estimates = wcss.indices.map { b -> Double in
      let perPoint = log(wcss[b]) - logM
      guard let half else { return perPoint + logN }
      return perPoint + (perPoint - (log(half[b]) - logH)) * weight + logN
    }
    let count = Double(estimates.count)
    let mean = estimates.reduce(0, +) / count
    let variance = estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
    let moved = Resampling.movedReferences([wcss], from: m, to: n)[0]
    let movedMean = moved.reduce(0) { $0 + log($1) } / count
    let shift = exp(mean - movedMean)
    return Moved(wcss: moved.map { $0 * shift }, meanVariance: variance / count)
  }
}
