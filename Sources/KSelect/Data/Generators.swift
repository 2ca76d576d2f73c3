/// The synthetic data sets of the classic examples, drawn with GSL's generators.
public enum Generators {
  /// `count` points uniform in the square [-1, 1]²: data with no cluster structure.
  public static func uniformSquare(count: Int, seed: UInt64) -> Dataset {
    let random = RandomSource(seed: seed, stream: [0x756E_6966])
    let values = (0..<(2 * count)).map { _ in 2 * random.uniform() - 1 }
    return Dataset(rowCount: count, columnCount: 2, values: values, featureNames: ["x", "y"])
  }

  /// A labelled sample from `clusterCount` Gaussian blobs: centres uniform in [-1, 1]²,
  /// standard deviations uniform in [0.05, 0.5], points split as evenly as possible between
  /// blobs and redrawn until they fall inside the square.
  /// - Returns: the points and every point's blob (0-based).
  public static func gaussianBlobs(count: Int, clusterCount: Int, seed: UInt64) -> (data: Dataset, labels: [Int]) {
    precondition(clusterCount >= 1)
    let random = RandomSource(seed: seed, stream: [0x6761_7573])
    let centres = (0..<clusterCount).map { _ in (2 * random.uniform() - 1, 2 * random.uniform() - 1) }
    let sigmas = (0..<clusterCount).map { _ in 0.05 + 0.45 * random.uniform() }
    var values = [Double]()
    values.reserveCapacity(2 * count)
    var labels = [Int]()
    labels.reserveCapacity(count)
    for blob in 0..<clusterCount {
      let size = count / clusterCount + (blob < count % clusterCount ? 1 : 0)
      for _ in 0..<size {
        var point: (Double, Double)
        repeat {
          point = (
            centres[blob].0 + random.gaussian(sigma: sigmas[blob]),
            centres[blob].1 + random.gaussian(sigma: sigmas[blob])
          )
        } while abs(point.0) > 1 || abs(point.1) > 1
        values.append(point.0)
        values.append(point.1)
        labels.append(blob)
      }
    }
    return (Dataset(rowCount: count, columnCount: 2, values: values, featureNames: ["x", "y"]), labels)
  }
}
