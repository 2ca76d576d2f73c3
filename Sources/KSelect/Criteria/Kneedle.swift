/// The Kneedle knee detector (Satopää, Albrecht, Irwin & Raghavan 2011) for a convex,
/// decreasing curve such as W_k against k, reproducing the `kneed` package (0.9.0).
///
/// It matches `KneeLocator(x, y, S=sensitivity, curve="convex", direction="decreasing")` with
/// kneed's defaults, `interp_method="interp1d"` (no smoothing) and `online=False` (the first knee
/// found is returned):
/// 1. normalise x and y to [0, 1]: x_n = (x − min x) / (max x − min x), likewise y_n;
/// 2. turn the curve into an increasing concave one: y_n ← max(y_n) − y_n;
/// 3. form the difference curve D = y_n − x_n;
/// 4. find the local maxima and minima of D (a point counts as a maximum when it is ≥ both
///    neighbours, an end point being compared with its one neighbour; `≤` for minima, so a flat
///    stretch is both);
/// 5. each maximum i sets a threshold T_i = D_i − S · |mean(Δx_n)|; each minimum sets the
///    threshold to 0 and suspends detection until the next maximum;
/// 6. walking from the first maximum, the knee is the x of the last maximum passed as soon as
///    the next D falls below the current threshold.
///
/// Citation: V. Satopää, J. Albrecht, D. Irwin and B. Raghavan (2011), "Finding a 'Kneedle' in
/// a Haystack: Detecting Knee Points in System Behavior", ICDCS Workshops, 166–171.
public enum Kneedle {
  /// The normalised curve and its difference curve, for plots and diagnostics.
  public struct Curve: Sendable, Codable, Equatable {
    /// x_n, the x values scaled to [0, 1], in input order.
    public var normalizedX: [Double]
    /// y_n after the flip that makes the curve increasing and concave: max(y_n) − y_n.
    public var normalizedY: [Double]
    /// D = y_n − x_n, the difference curve whose qualifying local maximum is the knee.
    public var difference: [Double]
  }

  /// The knee (elbow) of a convex decreasing curve.
  ///
  /// - Parameters:
  ///   - x: The abscissae (k values), in increasing order.
  ///   - y: The ordinates (W_k), one per x. Both arrays should be finite: NaN propagates as in
  ///     NumPy and suppresses every knee.
  ///   - sensitivity: S, how many "mean x steps" D must fall below a local maximum before that
  ///     maximum is called a knee; 1 by default, as in the paper and kneed.
  /// - Returns: The x value of the knee, or `nil` where kneed returns `None` (no local maximum
  ///   of D is followed by a drop below its threshold — a straight line, a constant, or fewer
  ///   than three points, say).
  /// - Complexity: O(n) for n points.
  public static func knee(x: [Double], y: [Double], sensitivity: Double = 1) -> Double? {
    precondition(x.count == y.count, "x and y must have the same length")
    guard let curve = differenceCurve(x: x, y: y) else { return nil }
    let difference = curve.difference
    let n = difference.count
    let maxima = extrema(difference, by: >=)
    let minima = extrema(difference, by: <=)
    guard let firstMaximum = maxima.firstIndex(of: true) else { return nil }
    let steps = zip(curve.normalizedX.dropFirst(), curve.normalizedX).map { $0 - $1 }
    let meanStep = abs(numpySum(steps[...]) / Double(steps.count))

    var threshold = 0.0
    var thresholdIndex = firstMaximum
    var detecting = true
    for i in firstMaximum..<(n - 1) {
      if maxima[i] {
        threshold = difference[i] - sensitivity * meanStep
        thresholdIndex = i
        detecting = true
      }
      if minima[i] {
        threshold = 0
        detecting = false
      }
      if detecting && difference[i + 1] < threshold { return x[thresholdIndex] }
    }
    return nil
  }

  /// The normalised curve and its difference curve D = y_n − x_n, as kneed computes them for a
  /// convex decreasing curve.
  ///
  /// - Parameters:
  ///   - x: The abscissae, in increasing order.
  ///   - y: The ordinates, one per x.
  /// - Returns: The curves, or `nil` when `x` is empty. A constant x or y gives NaN values
  ///   (0 / 0), as in kneed, and then no knee.
  public static func differenceCurve(x: [Double], y: [Double]) -> Curve? {
    precondition(x.count == y.count, "x and y must have the same length")
    guard !x.isEmpty else { return nil }
    let normalizedX = normalize(x)
    let scaledY = normalize(y)
    let top = scaledY.contains { $0.isNaN } ? Double.nan : scaledY.max()!
    let normalizedY = scaledY.map { top - $0 }
    let difference = zip(normalizedY, normalizedX).map { $0 - $1 }
    return Curve(normalizedX: normalizedX, normalizedY: normalizedY, difference: difference)
  }

  /// (a − min a) / (max a − min a), element-wise.
  static func normalize(_ a: [Double]) -> [Double] {
    let low = a.min()!
    let high = a.max()!
    return a.map { ($0 - low) / (high - low) }
  }

  /// `scipy.signal.argrelextrema(values, comparator)` with `order=1`, `mode="clip"`, as a mask:
  /// i qualifies when `comparator(v[i], v[i±1])` holds for both neighbours, an index past either
  /// end being clipped to the end itself.
  static func extrema(_ values: [Double], by comparator: (Double, Double) -> Bool) -> [Bool] {
    let n = values.count
    return (0..<n).map { i in
      comparator(values[i], values[min(i + 1, n - 1)]) && comparator(values[i], values[max(i - 1, 0)])
    }
  }

  /// The sum in NumPy's pairwise order (`np.add.reduce` on a contiguous float64 array), so that
  /// the threshold agrees with kneed's to the last bit: blocks of at most 128 values summed in
  /// eight interleaved partial sums, larger arrays split in halves.
  static func numpySum(_ a: ArraySlice<Double>) -> Double {
    let n = a.count
    let start = a.startIndex
    if n < 8 {
      var sum = 0.0
      for value in a { sum += value }
      return sum
    }
    if n <= 128 {
      var partial = Array(a[start..<(start + 8)])
      var i = 8
      while i < n - n % 8 {
        for j in 0..<8 { partial[j] += a[start + i + j] }
        i += 8
      }
      var sum =
        ((partial[0] + partial[1]) + (partial[2] + partial[3]))
        + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
      while i < n {
        sum += a[start + i]
        i += 1
      }
      return sum
    }
    var half = n / 2
    half -= half % 8
    return numpySum(a[start..<(start + half)]) + numpySum(a[(start + half)...])
  }
}

extension Criterion {
  /// The elbow: Kneedle's knee of the W_k curve.
  public static let elbow = Criterion(rawValue: "elbow")
}

extension Kneedle: SweepCriterion {
  static var criterion: Criterion { .elbow }

  /// The knee of W_k against k, with the sweep's sensitivity S; no column of its own.
  static func recommendation(_ metrics: [KMetrics], options: SweepOptions) -> CriterionRecommendation {
    let sensitivity = options.kneeSensitivity
    guard metrics.count >= 3 else {
      return CriterionRecommendation(
        criterion: .elbow, k: nil, reason: "a knee needs at least 3 values of k; the sweep has \(metrics.count)")
    }
    guard let knee = knee(x: metrics.map { Double($0.k) }, y: metrics.map(\.wcss), sensitivity: sensitivity) else {
      return CriterionRecommendation(
        criterion: .elbow, k: nil,
        reason: "Kneedle (S = \(sensitivity)) finds no knee in the WCSS curve: it bends nowhere more than elsewhere")
    }
    let k = Int(knee.rounded())
    return CriterionRecommendation(
      criterion: .elbow, k: k, reason: "Kneedle (S = \(sensitivity)) finds the knee of the WCSS curve at k = \(k)")
  }
}
