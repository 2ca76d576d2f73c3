import KSelect

/// Random test data: Gaussian blobs (σ = 1.5) around `centres` centres drawn uniformly in
/// [−10, 10]^d, so that Lloyd runs a few iterations, with every `duplicateEvery`-th row a copy of
/// an earlier one. The same seed gives the same data.
public func blobs(rows n: Int, dimension d: Int, centres: Int, seed: UInt64, duplicateEvery: Int = 0) -> Dataset {
  let random = RandomSource(seed: seed)
  let means = (0..<(centres * d)).map { _ in random.uniform() * 20 - 10 }
  var values = [Double]()
  values.reserveCapacity(n * d)
  for i in 0..<n {
    if duplicateEvery > 0, i > 0, i % duplicateEvery == 0 {
      let source = random.uniformInt(below: i)
      values.append(contentsOf: values[(source * d)..<((source + 1) * d)])
      continue
    }
    let centre = random.uniformInt(below: centres)
    for j in 0..<d { values.append(means[centre * d + j] + random.gaussian(sigma: 1.5)) }
  }
  return Dataset(rowCount: n, columnCount: d, values: values)
}
