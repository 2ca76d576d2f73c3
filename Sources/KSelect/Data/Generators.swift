import Foundation

/// The synthetic data sets of the classic examples, drawn with GSL's generators.
public enum Generators {
  /// `count` points uniform in the cube [-1, 1]^`dimension`: data with no cluster structure.
  public static func uniformSquare(count: Int, dimension: Int = 2, seed: UInt64) -> Dataset {
    precondition(dimension >= 1)
    let random = RandomSource(seed: seed, stream: [0x756E_6966])
    let values = (0..<(dimension * count)).map { _ in 2 * random.uniform() - 1 }
    return Dataset(
      rowCount: count, columnCount: dimension, values: values, featureNames: featureNames(dimension: dimension))
  }

  /// The column names of generated data: `x`, `y` in two dimensions, `x` in one, `x1` … `xD`
  /// otherwise.
  public static func featureNames(dimension: Int) -> [String] {
    switch dimension {
    case 1: return ["x"]
    case 2: return ["x", "y"]
    default: return (1...dimension).map { "x\($0)" }
    }
  }

  /// A labelled sample from `clusterCount` Gaussian blobs in [-1, 1]^`dimension`, separable by
  /// construction (`BlobLayout`): every blob has standard deviation `layout.spread` on every
  /// axis, each coordinate's deviation is truncated at `BlobLayout.truncation` standard
  /// deviations (redrawn beyond; a Gaussian coordinate leaves ±4σ with probability 6·10⁻⁵), the
  /// centres lie far enough inside the cube that every point falls inside it, and any two
  /// centres are at least `layout.separation` spreads apart. Points are split as evenly as
  /// possible between blobs, blob by blob.
  /// - Returns: the points and every point's blob (0-based).
  public static func gaussianBlobs(count: Int, layout: BlobLayout, seed: UInt64) -> (data: Dataset, labels: [Int]) {
    let random = RandomSource(seed: seed, stream: [0x6761_7573, 1])
    let k = layout.clusterCount
    let d = layout.dimension
    var values = [Double]()
    values.reserveCapacity(d * count)
    var labels = [Int]()
    labels.reserveCapacity(count)
    for blob in 0..<k {
      let size = count / k + (blob < count % k ? 1 : 0)
      for _ in 0..<size {
        for j in 0..<d {
          var z: Double
          repeat { z = random.gaussian(sigma: 1) } while abs(z) > BlobLayout.truncation
          values.append(layout.centres[blob * d + j] + layout.spread * z)
        }
        labels.append(blob)
      }
    }
    let data = Dataset(rowCount: count, columnCount: d, values: values, featureNames: featureNames(dimension: d))
    return (data, labels)
  }

  /// `gaussianBlobs(count:layout:seed:)` with the default layout of `clusterCount` blobs in
  /// `dimension` dimensions drawn from `seed`.
  /// - Precondition: `BlobLayout.make` finds a layout (it always does for the default spread
  ///   and separation).
  public static func gaussianBlobs(
    count: Int, clusterCount: Int, dimension: Int = 2, seed: UInt64
  ) -> (data: Dataset, labels: [Int]) {
    guard let layout = BlobLayout.make(clusterCount: clusterCount, dimension: dimension, seed: seed) else {
      preconditionFailure("the default blob layout always fits")
    }
    return gaussianBlobs(count: count, layout: layout, seed: seed)
  }
}

/// Where the blobs of `Generators.gaussianBlobs` lie and how wide they are.
///
/// The guarantee: every centre lies in [−1 + 4σ, 1 − 4σ]^d (so every truncated point lies in
/// [−1, 1]^d) and any two centres are at least `separation` · σ apart. Along the line joining two
/// centres a blob's points are Gaussian with standard deviation σ, so with the default
/// separation 6 a point is nearer the other blob's centre with probability below
/// Φ(−3) ≈ 0.135 %.
public struct BlobLayout: Sendable, Equatable {
  /// The truncation of every coordinate's deviation, in standard deviations.
  public static let truncation = 4.0
  /// The default separation: the smallest distance between two centres, in spreads.
  public static let defaultSeparation = 6.0
  /// The largest separation accepted.
  public static let maximumSeparation = 100.0
  /// The largest spread accepted: with 4σ of margin on each side, σ = 0.25 would leave no room.
  public static let maximumSpread = 0.2
  /// The default spread's room factor: the cube's free side is this many times the separation
  /// distance times k^(1/d), so random placement fills well under the jamming density.
  static let roomFactor = 2.0
  /// Placement attempts per centre before a layout is abandoned, and layouts tried.
  static let attemptsPerCentre = 1000
  static let layoutAttempts = 20

  /// The number of blobs.
  public let clusterCount: Int
  /// The dimension.
  public let dimension: Int
  /// σ, every blob's standard deviation on every axis.
  public let spread: Double
  /// The smallest distance between two centres, in units of `spread`.
  public let separation: Double
  /// The centres, row-major (`clusterCount` × `dimension`).
  public let centres: [Double]

  /// The default spread of k blobs in d dimensions at `separation`: the σ for which the free
  /// cube [−1 + 4σ, 1 − 4σ]^d has side `roomFactor` · separation · σ · k^(1/d), i.e.
  /// σ = 2 / (roomFactor · separation · k^(1/d) + 8).
  public static func defaultSpread(clusterCount k: Int, dimension d: Int, separation: Double) -> Double {
    let perAxis = pow(Double(k), 1 / Double(d))
    return min(maximumSpread, 2 / (roomFactor * separation * perAxis + 2 * truncation))
  }

  /// A layout of `clusterCount` centres drawn uniformly in the free cube, each redrawn until it
  /// is `separation` · `spread` from every earlier one (random sequential placement; the whole
  /// layout is redrawn when a centre finds no room in `attemptsPerCentre` draws); `spread`
  /// defaults to `defaultSpread`. Same arguments, same layout.
  /// - Returns: `nil` when no layout was found in `layoutAttempts` tries (the blobs do not fit).
  /// - Complexity: O(k² d) per layout attempt, times the redraws.
  public static func make(
    clusterCount k: Int, dimension d: Int, spread: Double? = nil, separation: Double = defaultSeparation,
    seed: UInt64
  ) -> BlobLayout? {
    precondition(k >= 1 && d >= 1)
    let sigma = spread ?? defaultSpread(clusterCount: k, dimension: d, separation: separation)
    let half = 1 - truncation * sigma
    guard half > 0 else { return nil }
    let minimum = separation * sigma
    let random = RandomSource(seed: seed, stream: [0x6761_7573, 0])
    for _ in 0..<layoutAttempts {
      var centres = [Double]()
      centres.reserveCapacity(k * d)
      placing: for _ in 0..<k {
        for _ in 0..<attemptsPerCentre {
          let candidate = (0..<d).map { _ in half * (2 * random.uniform() - 1) }
          if isFar(candidate, from: centres, dimension: d, minimum: minimum) {
            centres += candidate
            continue placing
          }
        }
        break
      }
      if centres.count == k * d {
        return BlobLayout(clusterCount: k, dimension: d, spread: sigma, separation: separation, centres: centres)
      }
    }
    return nil
  }

  private static func isFar(_ point: [Double], from centres: [Double], dimension d: Int, minimum: Double) -> Bool {
    let limit = minimum * minimum
    var start = 0
    while start < centres.count {
      var sum = 0.0
      for j in 0..<d {
        let delta = point[j] - centres[start + j]
        sum += delta * delta
      }
      if sum < limit { return false }
      start += d
    }
    return true
  }
}
