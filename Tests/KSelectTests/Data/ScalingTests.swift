import Foundation
import Testing

@testable import KSelect

@Suite("Scaling")
struct ScalingTests {
  /// x = 1, 2, 3, 6 (mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5, range 5); c constant 7.
  private let data = Dataset(rows: [[1, 7], [2, 7], [3, 7], [6, 7]], featureNames: ["x", "c"])

  @Test("none leaves the data as they are and still reports a constant column")
  func none() {
    let scaler = Scaler(fitting: .none, to: data)
    #expect(scaler.apply(to: data) == data)
    #expect(scaler.constantColumns == [1])
  }

  @Test("zscore centres and divides by the population standard deviation; constant column kept at factor 1")
  func zscore() {
    let scaler = Scaler(fitting: .zscore, to: data)
    #expect(scaler.offsets == [3, 7])
    #expect(abs(scaler.factors[0] - 3.5.squareRoot()) < 1e-15)
    #expect(scaler.factors[1] == 1)
    #expect(scaler.constantColumns == [1])
    let scaled = scaler.apply(to: data)
    #expect(scaled.values.allSatisfy { $0.isFinite })
    let means = scaled.columnMeans()
    let variances = scaled.columnVariances()
    #expect(abs(means[0]) < 1e-15 && abs(variances[0] - 1) < 1e-14)
    #expect(scaled.values.enumerated().filter { $0.offset % 2 == 1 }.allSatisfy { $0.element == 0 })
  }

  @Test("minmax maps onto [0, 1]; constant column becomes 0")
  func minmax() {
    let scaler = Scaler(fitting: .minmax, to: data)
    #expect(scaler.offsets == [1, 7])
    #expect(scaler.factors == [5, 1])
    #expect(scaler.apply(to: data).values == [0, 0, 0.2, 0, 0.4, 0, 1, 0])
    #expect(scaler.constantColumns == [1])
  }

  @Test("restore undoes apply and transform matches apply", arguments: Scaling.allCases)
  func roundTrip(_ scaling: Scaling) {
    let scaler = Scaler(fitting: scaling, to: data)
    let scaled = scaler.apply(to: data)
    #expect(scaler.transform(data.values) == scaled.values)
    for (restored, original) in zip(scaler.restore(scaled.values), data.values) {
      #expect(abs(restored - original) <= 1e-15 * max(1, abs(original)))
    }
  }

  @Test("the loaded input's notes name the constant column, per scaling")
  func constantColumnNotes() throws {
    let loaded = try DataLoader.load(data: Data("x,c,label\n1,7,a\n2,7,b\n3,7,c\n".utf8), path: "t.csv")
    let zscore = ClusteringInput(loaded: loaded, scaling: .zscore)
    #expect(
      zscore.notes() == [
        "non-numeric columns left out: label",
        "constant feature(s): c (left unscaled: their spread is zero)",
      ])
    let none = ClusteringInput(loaded: loaded, scaling: .none)
    #expect(none.notes().last == "constant feature(s): c (they carry no information for clustering)")
    #expect(zscore.scaled.values.allSatisfy { $0.isFinite })
  }

  @Test("the largest accepted magnitude scales to finite values", arguments: Scaling.allCases)
  func extremeButAccepted(_ scaling: Scaling) throws {
    let loaded = try DataLoader.load(data: Data("x,y\n-1e100,1\n1e100,2\n0,3\n".utf8), path: "t.csv")
    let input = ClusteringInput(loaded: loaded, scaling: scaling)
    #expect(input.scaled.values.allSatisfy { $0.isFinite })
  }
}
