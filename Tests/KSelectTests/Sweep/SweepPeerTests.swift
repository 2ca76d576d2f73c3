import Foundation
import KSelectTestSupport
import Testing

@testable import KSelect

/// The sweep against R's `cluster::clusGap` (fixtures recorded by
/// Fixtures/criteria_generate.R; see Fixtures/README.md).
@Suite("k sweep against R clusGap")
struct SweepPeerTests {
  /// The gap curve of a sweep with B = 50 references (R used 100; only statistical agreement
  /// is expected either way, and B = 50 keeps the suite fast).
  static func gaps(data file: String, columns: [String]?, kMax: Int, space: ReferenceSpace) throws -> SweepResult {
    let path = dataFile(file).path
    let input = try ClusteringInput(path: path, options: LoadOptions(columns: columns), scaling: .none)
    let options = SweepOptions(
      kMin: 1, kMax: kMax, fit: KMeansOptions(restarts: 5, seed: 1), references: 50, exactReferences: true,
      referenceSpace: space)
    return try Sweep.run(input, options: options)
  }

  /// Every Gap(k) lies within R's simulation standard error s_k of R's value: the references
  /// are independent uniform draws on each side, so only statistical agreement is expected.
  /// R's spaceH0 = "original" is our box; "scaledPCA" is our pca.
  @Test(
    "gap values agree with clusGap(d.power = 2) within its standard errors",
    arguments: [
      ("iris.csv", "criteria_clusgap_iris_original.csv", 10, [String]?.none, ReferenceSpace.box),
      ("iris.csv", "criteria_clusgap_iris_scaledpca.csv", 10, [String]?.none, ReferenceSpace.pca),
      ("ruspini.csv", "criteria_clusgap_ruspini_original.csv", 8, ["x", "y"], ReferenceSpace.box),
      ("ruspini.csv", "criteria_clusgap_ruspini_scaledpca.csv", 8, ["x", "y"], ReferenceSpace.pca),
    ])
  func gapAgreesWithClusGap(
    file: String, fixture: String, kMax: Int, columns: [String]?, space: ReferenceSpace
  ) throws {
    let result = try Self.gaps(data: file, columns: columns, kMax: kMax, space: space)
    let rows = try Fixture.rows(fixture)
    #expect(rows.count == kMax)
    for (row, metrics) in zip(rows, result.metrics) {
      let gapR = try #require(Double(row["gap"]!))
      let seR = try #require(Double(row["SE.sim"]!))
      let gap = try #require(metrics.gap)
      #expect(abs(gap - gapR) <= seR, "k = \(metrics.k): ours \(gap), R \(gapR) ± \(seR)")
      // R's logW is ln(W_k / 2); ours is ln W_k. Our W_k is never worse than R's kmeans.
      let logWR = try #require(Double(row["logW"]!)) + log(2)
      #expect(metrics.logWCSS! <= logWR + 1e-9, "k = \(metrics.k)")
    }
  }
}
