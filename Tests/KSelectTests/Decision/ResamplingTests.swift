import Foundation
import Testing

@testable import KSelect

@Suite("Decision: selection frequencies on subsamples")
struct ResamplingTests {
  @Test("the data's references moved to the subsample's size")
  func movedReferences() {
    // ln W* = (1, 3): mean 2; n = 100 → m = 25 shifts by ln(1/4) and doubles the deviations.
    let moved = Resampling.movedReferences([[exp(1), exp(3)], []], from: 100, to: 25)
    #expect(abs(moved[0][0] - 0.25) < 1e-12 && abs(moved[0][1] - 0.25 * exp(4)) < 1e-9)
    #expect(moved[1].isEmpty)
  }

  @Test("subsamples are 80 % of the rows, at most 10,000")
  func subsampleSize() {
    #expect(Resampling.subsampleSize(rowCount: 150) == 120)
    #expect(Resampling.subsampleSize(rowCount: 1_000_000) == 10_000)
  }

  @Test("counts add up to N per row, the same whatever the thread count")
  func deterministic() throws {
    let (data, _) = Generators.gaussianBlobs(count: 160, clusterCount: 3, seed: 2)
    var options = SweepOptions(kMax: 5, fit: KMeansOptions(restarts: 2, seed: 4), references: 5, resamples: 6)
    options.fit.parallelism = .serial
    let serial = try #require(try Sweep.run(data, options: options).selectionFrequencies)
    options.fit.parallelism = Parallelism(threads: 3)
    let threaded = try #require(try Sweep.run(data, options: options).selectionFrequencies)
    #expect(serial == threaded)
    #expect(serial.resamples == 6 && serial.subsampleSize == 128 && serial.rowCount == 160)
    #expect(serial.choices.last?.name == SelectionCounts.recommendationName)
    #expect(Set(serial.choices.map(\.name)).isSuperset(of: ["gap", "silhouette", "elbow"]))
    for row in serial.choices { #expect(row.counts.values.reduce(0, +) + row.undecided == 6) }
  }

  @Test("--resamples 0 turns the frequencies off")
  func off() throws {
    let options = SweepOptions(kMax: 3, fit: KMeansOptions(restarts: 1, seed: 1), references: 3, resamples: 0)
    #expect(try Sweep.run(Generators.uniformSquare(count: 40, seed: 1), options: options).selectionFrequencies == nil)
    #expect(throws: KSelectError.self) { try SweepOptions(resamples: -1).validate() }
  }
}

@Suite("Decision: the confidence sentence")
struct ConfidenceTests {
  @Test("the decision's count first, then the other k by count; a minority is called uncertain")
  func sentence() throws {
    let options = SweepOptions(kMax: 3, fit: KMeansOptions(restarts: 1, seed: 1), references: 3, resamples: 0)
    var result = try Sweep.run(Generators.uniformSquare(count: 40, seed: 1), options: options)
    #expect(result.confidence == nil)
    result.decision.k = 2
    func frequencies(_ counts: [Int: Int]) -> SelectionFrequencies {
      SelectionFrequencies(
        resamples: 20, subsampleSize: 32, rowCount: 40,
        choices: [SelectionCounts(name: SelectionCounts.recommendationName, counts: counts, undecided: 0)])
    }
    result.selectionFrequencies = frequencies([2: 18, 3: 2])
    #expect(result.confidence == "k = 2 in 18 of 20 subsamples of 32 points; k = 3 in 2")
    result.selectionFrequencies = frequencies([2: 10, 3: 10])
    #expect(result.confidence == "k = 2 in 10 of 20 subsamples of 32 points; k = 3 in 10")
    #expect(!result.isUncertain)
    result.selectionFrequencies = frequencies([2: 8, 3: 9, 4: 3])
    #expect(result.isUncertain && result.headline.hasSuffix(", uncertain"))
    #expect(
      result.confidence
        == "k = 2 in only 8 of 20 subsamples of 32 points, fewer than half: the choice of k is uncertain; "
        + "k = 3 in 9, k = 4 in 3")
  }
}
