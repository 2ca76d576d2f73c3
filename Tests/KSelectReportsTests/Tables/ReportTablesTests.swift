import Foundation
import KSelect
import KSelectReports
import Testing

@Suite("Report tables: metrics.csv, gap_references.csv, assignments.csv, centroids.csv")
struct ReportTablesTests {
  @Test("metrics.csv has the contract's columns and reads back to the same doubles")
  func metricsRoundTrip() throws {
    let input = try ReportFixtures.blobs()
    let result = try ReportFixtures.sweep(input)
    let folder = try ReportFixtures.write(
      SweepReport(input: input, result: result, loadSeconds: 0, rendering: .notRendered(reason: "test")), render: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    let csv = try ParsedCSV(folder.appendingPathComponent("metrics.csv"))
    // The contract's columns keep their names and order; a new criterion's columns come before
    // `iterations`.
    let contract = [
      "k", "wcss", "explained_variance", "log_wcss", "ref_log_wcss_mean", "gap", "gap_sd", "gap_se", "fk", "alpha",
      "silhouette", "silhouette_se", "calinski_harabasz", "davies_bouldin", "prediction_strength",
      "prediction_strength_se",
      "instability", "instability_se", "iterations", "converged",
    ]
    #expect(csv.header.filter(contract.contains) == contract)
    #expect(csv.header == ["k", "wcss", "explained_variance"] + SweepCriteria.columns + ["iterations", "converged"])
    #expect(csv.column("k") == result.metrics.map { String($0.k) })
    let optional: [(String, KeyPath<KMetrics, Double?>)] = [
      ("log_wcss", \.logWCSS), ("ref_log_wcss_mean", \.referenceLogWCSSMean), ("gap", \.gap), ("gap_sd", \.gapSD),
      ("gap_se", \.gapSE), ("alpha", \.alpha), ("silhouette", \.silhouette), ("silhouette_se", \.silhouetteSE),
      ("calinski_harabasz", \.calinskiHarabasz),
      ("davies_bouldin", \.daviesBouldin), ("prediction_strength", \.predictionStrength),
      ("prediction_strength_se", \.predictionStrengthSE), ("instability", \.instability),
      ("instability_se", \.instabilitySE),
    ]
    for (name, path) in optional {
      #expect(csv.numbers(name) == result.metrics.map { $0[keyPath: path] }, "column \(name)")
    }
    #expect(csv.numbers("wcss") == result.metrics.map(\.wcss))
    #expect(csv.numbers("explained_variance") == result.metrics.map(\.explainedVariance))
    #expect(csv.numbers("fk") == result.metrics.map(\.fk))
    #expect(csv.column("iterations") == result.metrics.map { String($0.iterations) })
    // TRUE/FALSE: logical for R and pandas. Checked on a real metrics.csv with R 4.2.2,
    // `Rscript -e 'str(read.csv("metrics.csv"))'` (converged: logi; the all-empty gap columns of
    // --references 0: logi NA), and pandas 3.1.1 (Python 3),
    // `python3 -c 'import pandas; print(pandas.read_csv("metrics.csv").dtypes)'` (converged: bool;
    // empty and partly empty columns: float64 with NaN).
    #expect(csv.column("converged") == result.metrics.map { $0.converged ? "TRUE" : "FALSE" })
    // Undefined at k = 1: empty cells, never NaN or 0.
    #expect(csv.rows[0][csv.header.firstIndex(of: "silhouette")!] == "")
    #expect(csv.rows[0][csv.header.firstIndex(of: "silhouette_se")!] == "")
    // Exact silhouettes have no sampling error.
    #expect(csv.numbers("silhouette_se").dropFirst().allSatisfy { $0 == 0 })
    #expect(csv.rows[0][csv.header.firstIndex(of: "alpha")!] == "")
    // The stability criteria are defined at every k: 1 and 0 at k = 1.
    #expect(csv.numbers("prediction_strength").first == 1 && csv.numbers("instability").first == 0)
    #expect(csv.numbers("instability_se").allSatisfy { $0 != nil })
  }

  @Test("undefined values are empty cells")
  func emptyCells() {
    let row = KMetricsFixture.row(k: 2, gap: nil)
    let text = MetricsTable.csv([row])
    let cells = text.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
    #expect(cells.count == MetricsTable.header.count)
    #expect(cells[MetricsTable.header.firstIndex(of: "gap")!] == "")
    #expect(cells[MetricsTable.header.firstIndex(of: "wcss")!] == "0.1")
    #expect(!text.contains("nan") && !text.contains("NaN"))
  }

  @Test("gap_references.csv lists every (k, replicate) in order")
  func references() throws {
    let input = try ReportFixtures.blobs()
    let result = try ReportFixtures.sweep(input, kMax: 4, references: 3)
    let folder = try ReportFixtures.write(
      SweepReport(input: input, result: result, loadSeconds: 0, rendering: .notRendered(reason: "test")), render: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    let csv = try ParsedCSV(folder.appendingPathComponent("gap_references.csv"))
    #expect(csv.header == ["k", "replicate", "wcss", "log_wcss"])
    #expect(csv.rows.count == 4 * 3)
    #expect(csv.column("k") == result.references.map { String($0.k) })
    #expect(csv.column("replicate") == result.references.map { String($0.replicate) })
    #expect(csv.numbers("wcss") == result.references.map(\.wcss))
    #expect(csv.numbers("log_wcss") == result.references.map(\.logWCSS))
  }

  @Test("selection_stability.csv: the frequencies, criteria in report order, each summing to the resamples")
  func selectionStability() throws {
    let input = try ReportFixtures.blobs()
    let result = try ReportFixtures.sweep(input, kMax: 4, resamples: 7)
    let folder = try ReportFixtures.write(
      SweepReport(input: input, result: result, loadSeconds: 0, rendering: .notRendered(reason: "test")), render: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    let csv = try ParsedCSV(folder.appendingPathComponent("selection_stability.csv"))
    #expect(csv.header == ["criterion", "k", "count", "resamples", "frequency"])
    let frequencies = try #require(result.selectionFrequencies)
    let names = frequencies.choices.map(\.name)
    #expect(names.last == "recommendation")
    #expect(Array(names.dropLast()) == Criterion.allCases.map(\.rawValue).filter(names.contains))
    var order = [String]()
    for name in csv.column("criterion") where order.last != name { order.append(name) }
    #expect(order == names)
    #expect(csv.column("resamples").allSatisfy { $0 == "7" })
    for name in names {
      let rows = csv.rows.filter { $0[0] == name }
      #expect(rows.map { Int($0[2])! }.reduce(0, +) == 7, "\(name)")
      #expect(rows.allSatisfy { Int($0[2])! > 0 && Double($0[4])! == Double($0[2])! / 7 })
      let ks = rows.map(\.[1]).filter { !$0.isEmpty }.map { Int($0)! }
      #expect(ks == ks.sorted() && ks.allSatisfy(result.ks.contains))
      let counts = try #require(frequencies.counts(name))
      for row in rows { #expect(Int(row[2]) == counts.count(of: Int(row[1]))) }
    }
  }

  @Test("assignments.csv and centroids.csv describe the recommended k; --all-k adds every k")
  func clusterTables() throws {
    let input = try ReportFixtures.blobs()
    let result = try ReportFixtures.sweep(input, kMax: 4)
    let report = SweepReport(
      input: input, result: result, loadSeconds: 0, rendering: .notRendered(reason: "test"), includesEveryK: true)
    let folder = try ReportFixtures.write(report, render: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    let fit = try #require(result.fit(for: result.recommendedK))
    let assignments = try ParsedCSV(folder.appendingPathComponent("assignments.csv"))
    #expect(assignments.header == ["row", "id", "cluster", "silhouette", "distance"])
    #expect(assignments.column("cluster") == fit.labels.map { String($0 + 1) })
    #expect(assignments.column("id") == (1...60).map { "p\($0)" })
    // The distance to the centroid as centroids.csv writes it: the fit's own, up to rounding.
    let published = input.scaler.transform(input.scaler.restore(fit.centroids))
    let expected = NearestCentroids.squaredDistances(input.scaled, centroids: published, labels: fit.labels)
    #expect(assignments.numbers("distance") == expected.map { $0.squareRoot() })
    for (written, own) in zip(assignments.numbers("distance"), fit.squaredDistances) {
      #expect(abs(written! - own.squareRoot()) <= 1e-12 * max(1, own.squareRoot()))
    }
    if let silhouettes = result.pointSilhouettes { #expect(assignments.numbers("silhouette") == silhouettes) }
    let centroids = try ParsedCSV(folder.appendingPathComponent("centroids.csv"))
    #expect(centroids.header == ["cluster", "size", "x", "y"])
    #expect(centroids.column("size") == fit.sizes.map(String.init))
    #expect(centroids.numbers("x") == (0..<fit.clusterCount).map { fit.centroid($0)[0] })
    for (k, fit) in zip(result.ks, result.fits) {
      let perK = try ParsedCSV(folder.appendingPathComponent("k=\(k)/assignments.csv"))
      #expect(perK.column("cluster") == fit.labels.map { String($0 + 1) })
      #expect(perK.numbers("silhouette").allSatisfy { ($0 == nil) == (k == 1) })
      if k > 1 {
        // All k's silhouettes come from one pass; each equals its labelling's own.
        let own = try #require(
          Silhouette.pointValues(input.scaled, labels: fit.labels, clusterCount: k, parallelism: .serial))
        #expect(perK.numbers("silhouette") == own)
      }
      if k == result.recommendedK { #expect(perK.numbers("silhouette") == assignments.numbers("silhouette")) }
      #expect(try ParsedCSV(folder.appendingPathComponent("k=\(k)/centroids.csv")).rows.count == k)
    }
  }
}

/// Hand-built rows of metrics.csv.
enum KMetricsFixture {
  /// A row with simple values, `gap` as given.
  static func row(k: Int, gap: Double?) -> KMetrics {
    var row = KMetrics(k: k, wcss: 0.1, explainedVariance: 0.9, values: ["fk": 0.5], iterations: 3, converged: true)
    row["gap"] = gap
    return row
  }
}
