import KSelect
import Testing

@Suite("Plot data: principal components with GSL")
struct PrincipalComponentsTests {
  @Test("points on the line y = 2x: one component carries all the variance")
  func line() throws {
    let data = Dataset(rows: (0..<10).map { [Double($0), 2 * Double($0) + 1] })
    let pca = try PrincipalComponents(fitting: data)
    #expect(abs(pca.explainedVarianceRatios[0] - 1) < 1e-12)
    #expect(abs(pca.explainedVarianceRatios[1]) < 1e-12)
    // The axis is (1, 2)/√5, its largest loading positive.
    #expect(abs(pca.axes[0] - 1 / 5.0.squareRoot()) < 1e-12)
    #expect(abs(pca.axes[1] - 2 / 5.0.squareRoot()) < 1e-12)
    let projected = pca.project(data.values, onto: 2)
    // The mean (4.5, 10) projects to 0; the point (0, 1) lies 4.5·√5 before it on PC1.
    #expect(abs(projected[0] + 4.5 * 5.0.squareRoot()) < 1e-12)
    #expect(abs(projected[1]) < 1e-12)
  }

  @Test("ratios sum to one and decrease; projections keep each component's variance")
  func variances() throws {
    let rows = (0..<30).map { i -> [Double] in
      let t = Double(i)
      return [t, (t * 7).truncatingRemainder(dividingBy: 5), (t * 3).truncatingRemainder(dividingBy: 4) - t / 10]
    }
    let data = Dataset(rows: rows)
    let pca = try PrincipalComponents(fitting: data)
    #expect(abs(pca.explainedVarianceRatios.reduce(0, +) - 1) < 1e-12)
    #expect(zip(pca.explainedVarianceRatios, pca.explainedVarianceRatios.dropFirst()).allSatisfy { $0 >= $1 })
    let projected = pca.project(data.values, onto: 3)
    let total = data.totalSumOfSquares()
    for j in 0..<3 {
      let sum = (0..<30).map { projected[3 * $0 + j] * projected[3 * $0 + j] }.reduce(0, +)
      #expect(abs(sum / total - pca.explainedVarianceRatios[j]) < 1e-10)
    }
  }

  @Test("n < d: the axes of X_cᵀ's SVD are those of the scatter matrix, with min(n, d) of them")
  func fewerRowsThanFeatures() throws {
    let rows: [[Double]] = [[1, 2, 0, 4, -1, 3], [2, -1, 1, 0, 5, 2], [0, 3, 2, 2, 1, -4], [4, 0, -2, 1, 1, 1]]
    let wide = try PrincipalComponents(fitting: Dataset(rows: rows))
    #expect(wide.axisCount == 4)
    // The same points twice each: n = 8 ≥ d, so the scatter route, with the same axes.
    let tall = try PrincipalComponents(fitting: Dataset(rows: rows + rows))
    #expect(tall.axisCount == 6)
    for j in 0..<3 {
      #expect(abs(wide.explainedVarianceRatios[j] - tall.explainedVarianceRatios[j]) < 1e-12)
      for a in 0..<6 { #expect(abs(wide.axes[j * 6 + a] - tall.axes[j * 6 + a]) < 1e-9, "axis \(j)") }
    }
    #expect(abs(wide.explainedVarianceRatios[3]) < 1e-12)
    // Projections onto axes past the fourth are 0.
    let projected = wide.project(rows[0], onto: 6)
    #expect(projected[4] == 0 && projected[5] == 0)
  }

  @Test("one row of many features: one axis, projections of 0, no failure")
  func singleRow() throws {
    let pca = try PrincipalComponents(fitting: Dataset(rows: [[1, 2, 3, 4, 5]]))
    #expect(pca.axisCount == 1)
    #expect(pca.project([1, 2, 3, 4, 5], onto: 2) == [0, 0])
  }

  @Test("constant data: zero ratios, no failure")
  func constant() throws {
    let pca = try PrincipalComponents(fitting: Dataset(rows: Array(repeating: [1, 2, 3], count: 4)))
    #expect(pca.explainedVarianceRatios == [0, 0, 0])
  }
}
