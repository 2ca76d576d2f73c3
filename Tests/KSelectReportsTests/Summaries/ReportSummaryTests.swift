import Foundation
import KSelect
import KSelectReports
import Testing

@Suite("Report summaries: summary.json and summary.md")
struct ReportSummaryTests {
  /// The contract's keys (docs/REPORTS.md), by section.
  static let contract: [String: [String]] = [
    "tool": ["name", "version"],
    "input": ["path", "rows", "features", "id_column", "scaling", "dropped_rows"],
    "parameters": [
      "k_min", "k_max", "restarts", "max_iterations", "tolerance", "references", "reference_restarts",
      "reference_space", "gap_rule",
      "seed", "threads", "resamples", "stability_splits", "stability_restarts", "ps_threshold", "silhouette_sample",
      "exact_silhouettes", "resample_restarts", "stability_half_size",
    ],
    "recommendations": [
      "elbow", "gap", "fk", "silhouette", "calinski_harabasz", "davies_bouldin", "prediction_strength", "instability",
    ],
    "structure": ["has_structure", "verdict", "reason", "gap_test", "gap_rule_k", "hopkins"],
    "recommendation": ["k", "headline", "confidence", "rule", "reason", "gap_bracket"],
    "selection_frequencies": ["resamples", "subsample_size", "rows", "scheme", "criteria", "undecided"],
    "timings_seconds": ["load", "sweep", "references", "stability", "silhouette", "hopkins", "resampling", "total"],
  ]

  static func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test("summary.json parses and has every contract key")
  func contractKeys() throws {
    let input = try ReportFixtures.blobs()
    let result = try ReportFixtures.sweep(input)
    let report = SweepReport(input: input, result: result, loadSeconds: 0.5, rendering: .rendered)
    let json = try Self.object(report.summaryJSON.text)
    for (section, keys) in Self.contract {
      let members = try #require(json[section] as? [String: Any], "section \(section)")
      for key in keys { #expect(members[key] != nil, "\(section).\(key)") }
    }
    #expect(json["consensus"] as? Int == result.consensus.k)
    #expect(json["recommended_k"] as? Int == result.decision.k)
    #expect(json["schema_version"] as? Int == 2)
    let recommendations = try #require(json["recommendations"] as? [String: Any])
    for recommendation in result.recommendations {
      let value = recommendations[recommendation.criterion.rawValue]
      if let k = recommendation.k { #expect(value as? Int == k) } else { #expect(value is NSNull) }
    }
    let inputSection = try #require(json["input"] as? [String: Any])
    #expect(inputSection["id_column"] as? String == "id")
    #expect(inputSection["rows"] as? Int == 60)
    #expect(inputSection["features"] as? [String] == ["x", "y"])
    let timings = try #require(json["timings_seconds"] as? [String: Any])
    #expect(timings["load"] as? Double == 0.5)
  }

  @Test("an undecided criterion and no plurality vote are null; the recommendation stands")
  func nulls() throws {
    let input = try ReportFixtures.blobs()
    var result = try ReportFixtures.sweep(input)
    for index in result.recommendations.indices { result.recommendations[index].k = nil }
    result.consensus.k = nil
    result.consensus.agreeing = []
    result.consensus.votes = [:]
    let report = SweepReport(input: input, result: result, loadSeconds: 0, rendering: .rendered)
    let json = try Self.object(report.summaryJSON.text)
    #expect(json["consensus"] is NSNull)
    let recommendations = try #require(json["recommendations"] as? [String: Any])
    #expect(recommendations.count == Criterion.allCases.count)
    #expect(recommendations.values.allSatisfy { $0 is NSNull })
    #expect(json["recommended_k"] as? Int == result.decision.k)
    #expect(SummaryMarkdownProbe.text(report).contains("Plurality vote (for comparison): none (no criterion decides)."))
  }

  @Test("two runs with the same seed give the same JSON except timings")
  func deterministic() throws {
    let input = try ReportFixtures.blobs()
    let first = SweepReport(
      input: input, result: try ReportFixtures.sweep(input), loadSeconds: 0.1, rendering: .rendered)
    let second = SweepReport(
      input: input, result: try ReportFixtures.sweep(input), loadSeconds: 0.2, rendering: .rendered)
    func withoutTimings(_ report: SweepReport) -> String {
      guard case .object(var members) = report.summaryJSON else { return "" }
      members["timings_seconds"] = nil
      return JSONValue.object(members).text
    }
    #expect(withoutTimings(first) == withoutTimings(second))
    #expect(first.summaryJSON.text != second.summaryJSON.text)
  }

  @Test("JSON text: sorted keys, explicit nulls, escaped strings, shortest numbers")
  func jsonText() {
    let value = JSONValue.object([
      "b": .number(0.1), "a": .null, "c": .string("q\"\\\n\u{1}"), "d": .array([.int(1), .number(.nan)]),
      "e": .object([:]),
    ])
    #expect(
      value.text == """
        {
          "a": null,
          "b": 0.1,
          "c": "q\\"\\\\\\n\\u0001",
          "d": [1, null],
          "e": {}
        }

        """)
  }

  @Test("summary.md shows the table, every criterion with its reason, the plurality vote and the figures")
  func markdown() throws {
    let input = try ReportFixtures.blobs()
    let result = try ReportFixtures.sweep(input)
    let text = SummaryMarkdownProbe.text(
      SweepReport(
        input: input, result: result, loadSeconds: 0, rendering: .notRendered(reason: "gnuplot was not found on PATH")))
    for recommendation in result.recommendations {
      #expect(text.contains("`\(recommendation.criterion.rawValue)`"))
      #expect(text.contains(recommendation.reason))
    }
    for name in ["elbow", "gap", "fk", "silhouette", "silhouette_profile", "clusters", "selection"] {
      #expect(text.contains("](plots/\(name).png)"))
    }
    #expect(text.contains("| k | W_k |"))
    #expect(text.contains("The figures were not drawn: gnuplot was not found on PATH"))
    #expect(text.contains("apt-get install gnuplot-nox"))
  }
}

/// Reads summary.md through the public file list.
enum SummaryMarkdownProbe {
  static func text(_ report: SweepReport) -> String {
    (try? report.files().first { $0.path == "summary.md" }?.contents) ?? ""
  }
}
