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

  @Test("constant data: zero ratios, no failure")
  func constant() throws {
    let pca = try PrincipalComponents(fitting: Dataset(rows: Array(repeating: [1, 2, 3], count: 4)))
    #expect(pca.explainedVarianceRatios == [0, 0, 0])
  }
}
