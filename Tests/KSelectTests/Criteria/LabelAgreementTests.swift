import Testing

@testable import KSelect

@Suite("agreement with known labels: adjusted Rand index and normalised mutual information")
struct LabelAgreementTests {
  @Test("hand-computed: 4/7 and 0.8 for scikit-learn's documented example; −0.5 and 0 for crossed halves")
  func handComputed() {
    // Clusters {1, 2}, {3}, {4} against labels {1, 2}, {3, 4}: Σ C(n_ij, 2) = 1, the clusters'
    // Σ C(a, 2) = 1, the labels' 2, C(4, 2) = 6, so ARI = (1 − 2/6) / (3/2 − 2/6) = 4/7;
    // MI = ln 2, H(clusters) = 1.5 ln 2, H(labels) = ln 2, NMI = ln 2 / (1.25 ln 2) = 0.8.
    let documented = LabelAgreement(clusters: [0, 0, 1, 2], clusterCount: 3, labels: ["0", "0", "1", "1"])
    #expect(abs(documented.adjustedRandIndex - 4.0 / 7) < 1e-15)
    #expect(abs(documented.normalizedMutualInformation - 0.8) < 1e-15)
    #expect(documented.labels == ["0", "1"] && documented.counts == [2, 0, 0, 1, 0, 1])
    // Every pair split by one labelling is together in the other: tp = 0, fp = fn = 4, tn = 0.
    let crossed = LabelAgreement(clusters: [0, 0, 1, 1], clusterCount: 2, labels: ["x", "y", "x", "y"])
    #expect(crossed.adjustedRandIndex == -0.5 && crossed.normalizedMutualInformation == 0)
  }

  @Test("edge cases: one cluster, one label, all labels distinct")
  func edges() {
    let one = LabelAgreement(clusters: [0, 0, 0], clusterCount: 1, labels: ["q", "q", "q"])
    #expect(one.adjustedRandIndex == 1 && one.normalizedMutualInformation == 1)
    let single = LabelAgreement(clusters: [0, 0, 0, 0], clusterCount: 1, labels: ["a", "b", "a", "c"])
    #expect(single.adjustedRandIndex == 0 && single.normalizedMutualInformation == 0)
    let distinct = LabelAgreement(clusters: [0, 1, 2, 3], clusterCount: 4, labels: ["d", "c", "b", "a"])
    #expect(distinct.adjustedRandIndex == 1 && distinct.normalizedMutualInformation == 1)
    #expect(distinct.labels == ["a", "b", "c", "d"])
  }

  @Test("labels ordered by code point; the table counts every (cluster, label)")
  func table() {
    let agreement = LabelAgreement(
      clusters: [1, 0, 1, 1, 0], clusterCount: 2, labels: ["é", "B", "a", "é", "a"])
    #expect(agreement.labels == ["B", "a", "é"])
    #expect(agreement.counts == [1, 1, 0, 0, 1, 2])
  }

  @Test("equal to scikit-learn's adjusted_rand_score and normalized_mutual_info_score to 1e-12")
  func scikitLearn() throws {
    let rows = try Fixture.rows("label_agreement_sklearn.csv")
    #expect(rows.count >= 15)
    for row in rows {
      let clusters = try #require(row["clusters"]).split(separator: " ").map { Int($0)! }
      let labels = try #require(row["labels"]).split(separator: " ").map(String.init)
      let agreement = LabelAgreement(
        clusters: clusters, clusterCount: (clusters.max() ?? 0) + 1, labels: labels)
      let ari = try #require(Double(row["adjusted_rand_index"] ?? ""))
      let nmi = try #require(Double(row["normalized_mutual_info"] ?? ""))
      #expect(abs(agreement.adjustedRandIndex - ari) <= 1e-12, "\(row["case"]!): ARI \(agreement.adjustedRandIndex)")
      #expect(
        abs(agreement.normalizedMutualInformation - nmi) <= 1e-12,
        "\(row["case"]!): NMI \(agreement.normalizedMutualInformation)")
    }
  }
}
