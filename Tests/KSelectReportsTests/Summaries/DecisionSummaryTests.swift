import Foundation
import KSelect
import KSelectReports
import KSelectTestSupport
import Testing

@Suite("Report summaries: the structure verdict, the recommendation and the selection frequencies")
struct DecisionSummaryTests {
  static func object(_ report: SweepReport) throws -> [String: Any] {
    try ReportSummaryTests.object(report.summaryJSON.text)
  }

  static func section(_ json: [String: Any], _ key: String) throws -> [String: Any] {
    try #require(json[key] as? [String: Any], "\(key)")
  }

  /// Two groups five apart: structure, and k = 2 from every reading.
  static func structured() throws -> (ClusteringInput, SweepResult) {
    let input = try ReportFixtures.pattern(rows: 40, columns: 2)
    return (input, try ReportFixtures.sweep(input, kMax: 4, references: 9))
  }

  @Test("summary.json's structure, recommendation and selection_frequencies are the sweep's")
  func jsonValues() throws {
    let (input, result) = try Self.structured()
    #expect(result.structure.hasStructure == true)
    let report = SweepReport(input: input, result: result, loadSeconds: 0, rendering: .rendered)
    let json = try Self.object(report)
    // Numbers are checked in the text: JSONSerialization may round the last digit.
    let text = report.summaryJSON.text

    let structure = try Self.section(json, "structure")
    #expect(structure["has_structure"] as? Bool == true)
    #expect(structure["verdict"] as? String == "structure")
    #expect(structure["reason"] as? String == result.structure.reason)
    #expect(structure["gap_rule_k"] as? Int == result.structure.gapRuleK)
    let test = try #require(result.structure.gapTest)
    let gapTest = try Self.section(structure, "gap_test")
    #expect(gapTest.keys.sorted() == ["level", "p_value", "references", "statistic"])
    #expect(text.contains("\"statistic\": \(test.statistic)\n"))
    #expect(text.contains("\"p_value\": \(test.pValue),\n"))
    #expect(gapTest["references"] as? Int == 9)
    #expect(gapTest["level"] as? Double == 0.1)
    let hopkins = try #require(result.structure.hopkins)
    let hopkinsJSON = try Self.section(structure, "hopkins")
    #expect(text.contains("\"statistic\": \(hopkins.statistic),\n"))
    #expect(text.contains("\"p_value\": \(hopkins.pValue),\n"))
    #expect(hopkinsJSON["sample_size"] as? Int == hopkins.sampleSize)
    #expect(hopkinsJSON["dimension"] as? Int == 2)
    #expect(
      hopkinsJSON["window"] as? String == "features' box widened by range/(n−1) per side, toroidal distances")

    let recommendation = try Self.section(json, "recommendation")
    #expect(recommendation["k"] as? Int == 2)
    #expect(json["recommended_k"] as? Int == 2)
    #expect(recommendation["headline"] as? String == "k = 2")
    #expect(recommendation["rule"] as? String == DecisionRule.statement)
    #expect(recommendation["reason"] as? String == result.decision.reason)
    #expect(recommendation["confidence"] as? String == result.confidence)
    let bracket = try #require(result.decision.gapBracket)
    #expect(recommendation["gap_bracket"] as? [Int] == [bracket.lowerBound, bracket.upperBound])

    let frequencies = try #require(result.selectionFrequencies)
    let section = try Self.section(json, "selection_frequencies")
    #expect(section["resamples"] as? Int == 6)
    #expect(section["subsample_size"] as? Int == 32)
    #expect(section["rows"] as? Int == 40)
    #expect(section["scheme"] as? String == "subsamples without replacement")
    let criteria = try Self.section(section, "criteria")
    let undecided = try Self.section(section, "undecided")
    #expect(Set(criteria.keys) == Set(frequencies.choices.map(\.name)))
    #expect(criteria.keys.contains("recommendation"))
    for choice in frequencies.choices {
      let counts = try #require(criteria[choice.name] as? [String: Int], "\(choice.name)")
      #expect(counts == Dictionary(uniqueKeysWithValues: choice.counts.map { (String($0.key), $0.value) }))
      #expect(undecided[choice.name] as? Int == choice.undecided)
      #expect(counts.values.reduce(0, +) + choice.undecided == 6, "\(choice.name)")
    }
  }

  @Test("without references or resamples: structure not tested, no test, no frequencies")
  func notTested() throws {
    let (input, _) = try Self.structured()
    let result = try ReportFixtures.sweep(input, kMax: 4, references: 0, resamples: 0)
    let report = SweepReport(input: input, result: result, loadSeconds: 0, rendering: .rendered)
    let json = try Self.object(report)
    let structure = try Self.section(json, "structure")
    #expect(structure["has_structure"] is NSNull)
    #expect(structure["verdict"] as? String == "not tested")
    #expect(structure["gap_test"] is NSNull)
    #expect(structure["gap_rule_k"] is NSNull)
    #expect(structure["hopkins"] is [String: Any])
    let recommendation = try Self.section(json, "recommendation")
    #expect(recommendation["headline"] as? String == "k = \(result.decision.k) (structure not tested)")
    #expect(recommendation["confidence"] is NSNull)
    #expect(recommendation["gap_bracket"] is NSNull)
    #expect(json["selection_frequencies"] is NSNull)
    let files = try report.files().map(\.path)
    #expect(!files.contains("selection_stability.csv"))
    #expect(!files.contains("plots/selection.csv"))
    #expect(files.contains("plots/selection.gp"))
    let markdown = SummaryMarkdownProbe.text(report)
    #expect(markdown.contains("## Selection frequencies\n\nNot computed (resamples 0).\n"))
    #expect(!markdown.contains("selection_stability.csv"))
  }

  @Test("summary.md: the headline first, then the structure, the recommendation and the frequencies")
  func markdownOrder() throws {
    let (input, result) = try Self.structured()
    let text = SummaryMarkdownProbe.text(
      SweepReport(input: input, result: result, loadSeconds: 0, rendering: .rendered))
    let confidence = try #require(result.confidence)
    #expect(text.hasPrefix("# kselect report: blobs\n\n**k = 2.** Chosen again on subsamples: \(confidence).\n"))
    let sections = [
      "## Structure", "## Recommendation", "## Selection frequencies", "## Criteria", "## Input", "## Parameters",
      "## Metrics", "## Figures",
    ]
    let places = try sections.map { try #require(text.range(of: "\n\($0)\n")?.lowerBound, "\($0)") }
    #expect(places == places.sorted())
    #expect(
      text.contains("\n\(result.structure.reason.prefix(1).uppercased())\(result.structure.reason.dropFirst()).\n"))
    #expect(text.contains("**k = 2**: \(result.decision.reason).\n"))
    #expect(text.contains("**Rule.** Structure first: "))
    #expect(text.contains("| criterion | k = 1 | k = 2 | k = 3 | k = 4 |\n|---|---|---|---|---|\n"))
    let frequencies = try #require(result.selectionFrequencies)
    let recommendation = try #require(frequencies.counts("recommendation"))
    let cells = (1...4).map { k -> String in
      let count = recommendation.count(of: k)
      return k == 2 ? "**\(count)/6**" : count > 0 ? "\(count)/6" : ""
    }
    #expect(text.contains("| **recommendation** | " + cells.joined(separator: " | ") + " |\n"))
    for choice in frequencies.choices where choice.name != "recommendation" {
      #expect(text.contains("| `\(choice.name)` | "), "\(choice.name)")
    }
    #expect(text.contains("Plurality vote (for comparison): k = \(result.consensus.k ?? 0) ("))
    #expect(!text.contains("Consensus"))
    #expect(!text.contains("by consensus"))
  }

  @Test("a criterion that decides on some subsamples only gets a no-choice column and k-empty rows")
  func undecided() throws {
    let (input, sweep) = try Self.structured()
    var result = sweep
    result.recommendations[0].k = nil  // the elbow decides on the full data only in some runs
    result.selectionFrequencies = SelectionFrequencies(
      resamples: 5, subsampleSize: 32, rowCount: 40,
      choices: [
        SelectionCounts(name: "elbow", counts: [2: 2, 3: 1], undecided: 2),
        SelectionCounts(name: "gap", counts: [2: 5], undecided: 0),
        SelectionCounts(name: "recommendation", counts: [2: 4, 4: 1], undecided: 0),
      ])
    let report = SweepReport(input: input, result: result, loadSeconds: 0, rendering: .rendered)
    let files = try report.files()
    let markdown = try #require(files.first { $0.path == "summary.md" }?.contents)
    #expect(markdown.contains("| criterion | k = 1 | k = 2 | k = 3 | k = 4 | no choice |\n"))
    #expect(markdown.contains("| `elbow` |  | 2/5 | 1/5 |  | **2/5** |\n"))
    #expect(markdown.contains("| `gap` |  | **5/5** |  |  |  |\n"))
    #expect(markdown.contains("| **recommendation** |  | **4/5** |  | 1/5 |  |\n"))
    let stability = try #require(files.first { $0.path == "selection_stability.csv" }?.contents)
    #expect(
      stability == """
        criterion,k,count,resamples,frequency
        elbow,2,2,5,0.4
        elbow,3,1,5,0.2
        elbow,,2,5,0.4
        gap,2,5,5,1.0
        recommendation,2,4,5,0.8
        recommendation,4,1,5,0.2

        """)
    let cells = try #require(files.first { $0.path == "plots/selection.csv" }?.contents)
    let lines = cells.split(separator: "\n")
    #expect(lines[0] == "x,y,criterion,count,frequency,full")
    #expect(lines.count == 1 + 3 * 5)
    #expect(lines.contains("5,1,elbow,2,0.4,1"))  // "no choice" at x = k_max + 1, the full data's
    #expect(lines.contains("2,3,recommendation,4,0.8,1"))
    let script = try #require(files.first { $0.path == "plots/selection.gp" }?.contents)
    #expect(script.contains("set xtics add (\"none\" 5)"))
    #expect(script.contains("every 5 using"))
  }

  @Test(
    "on uniform data summary.md, summary.json and the overview's title read 'no clear cluster structure; k = 1'")
  func uniformHeadline() throws {
    let input = try ReportFixtures.uniform(count: 300, seed: 1)
    let result = try ReportFixtures.sweep(input, kMax: 6, references: 19)
    #expect(result.headline == "no clear cluster structure; k = 1")
    let report = SweepReport(input: input, result: result, loadSeconds: 0, format: .svg, rendering: .rendered)
    #expect(
      SummaryMarkdownProbe.text(report).hasPrefix("# kselect report: uniform\n\n**No clear cluster structure; k = 1.**")
    )
    let json = try Self.object(report)
    #expect(json["recommended_k"] as? Int == 1)
    #expect(try Self.section(json, "recommendation")["headline"] as? String == "no clear cluster structure; k = 1")
    #expect(try Self.section(json, "structure")["verdict"] as? String == "no structure")
    #expect(try Self.section(json, "structure")["has_structure"] as? Bool == false)
    let files = try report.files()
    let labels = try #require(files.first { $0.path == "plots/labels.tsv" }?.contents)
    #expect(labels.contains("\nheadline\tno clear cluster structure; k = 1\n"))
    let overview = try #require(files.first { $0.path == "plots/overview.gp" }?.contents)
    let title = try #require(overview.split(separator: "\n").first { $0.hasPrefix("set multiplot") })
    #expect(title == "set multiplot title 'kselect: ' . data_name . ' — ' . headline font \",14\" noenhanced")
    guard Gnuplot.executable != nil else { return }
    let folder = try ReportFixtures.write(report, render: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let svg = try String(contentsOf: folder.appendingPathComponent("plots/overview.svg"), encoding: .utf8)
    #expect(svg.contains(">kselect: uniform — no clear cluster structure; k = 1<"))
  }
}
