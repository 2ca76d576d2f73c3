import KSelect

/// `summary.json`: the contract's keys (docs/REPORTS.md), sorted, with timings kept
/// under `timings_seconds` only, so that two runs with the same options and seed differ
/// nowhere else.
enum SummaryJSON {
  /// The version of summary.json's layout (docs/REPORTS.md): raised when a key is renamed,
  /// removed or changes meaning, never for an added key.
  /// Version 2: `recommended_k` became the decision rule's k (it was the plurality vote's), and
  /// `structure`, `recommendation`, `selection_frequencies`, `parameters.resamples` and two timings
  /// were added.
  static let schemaVersion = 2

  /// The whole document for `report`.
  static func document(_ report: SweepReport) -> JSONValue {
    let result = report.result
    let options = result.options
    let loaded = report.input.loaded
    var recommendations = [String: JSONValue]()
    var reasons = [String: JSONValue]()
    for recommendation in result.recommendations {
      recommendations[recommendation.criterion.rawValue] = .int(recommendation.k)
      reasons[recommendation.criterion.rawValue] = .string(recommendation.reason)
    }
    let votes = Dictionary(
      uniqueKeysWithValues: result.consensus.votes.map { (String($0.key), JSONValue.int($0.value)) })
    return .object([
      "schema_version": .int(schemaVersion),
      "tool": .object(["name": .string("kselect"), "version": .string(KSelectVersion.current)]),
      "input": .object([
        "path": .string(loaded.path),
        "rows": .int(loaded.dataset.rowCount),
        "features": .array(loaded.dataset.featureNames.map(JSONValue.string)),
        "id_column": .string(loaded.idColumn),
        "label_column": .string(loaded.labelColumn),
        "scaling": .string(report.input.scaler.scaling.rawValue),
        "dropped_rows": .int(loaded.droppedRows.count),
        "excluded_columns": .array(loaded.excludedColumns.map(JSONValue.string)),
      ]),
      "parameters": .object([
        "k_min": .int(options.kMin),
        "k_max": .int(options.kMax),
        "restarts": .int(options.fit.restarts),
        "max_iterations": .int(options.fit.maxIterations),
        "tolerance": .number(options.fit.tolerance),
        "references": .int(options.references),
        "reference_restarts": .int(result.referencePlan.restarts),
        "reference_size": .int(result.referencePlan.size),
        "reference_max_iterations": .int(result.referencePlan.maxIterations),
        "reference_refine": .bool(result.referencePlan.refines),
        "exact_references": .bool(options.exactReferences),
        "reference_space": .string(options.referenceSpace.rawValue),
        "gap_rule": .string(options.gapRule.rawValue),
        "seed": seed(options.fit.seed),
        "threads": .int(options.fit.parallelism.threads),
        "se_factor": .number(options.seFactor),
        "knee_s": .number(options.kneeSensitivity),
        "seeding": .string(options.fit.seeding.name),
        "refine": .bool(options.fit.refines),
        "silhouette_sample": .int(options.silhouetteSample),
        "exact_silhouettes": .bool(options.exactSilhouettes),
        "resamples": .int(options.resamples),
        "resample_restarts": .int(options.resampleFit.restarts),
        "stability_splits": .int(options.stabilitySplits),
        "stability_restarts": .int(options.stabilityRestarts),
        "stability_half_size": .int(options.stabilityHalfSize),
        "ps_threshold": .number(options.predictionStrengthThreshold),
      ]),
      "structure": structure(result.structure),
      "recommendation": recommendation(result),
      "selection_frequencies": selectionFrequencies(result.selectionFrequencies),
      "recommendations": .object(recommendations),
      "reasons": .object(reasons),
      "consensus": .int(result.consensus.k),
      "consensus_details": .object([
        "agreeing": .array(result.consensus.agreeing.map { .string($0.rawValue) }),
        "votes": .object(votes),
        "rule": .string(result.consensus.rule),
      ]),
      "recommended_k": .int(result.recommendedK),
      "cluster_silhouettes": result.clusterSilhouettes.map { .array($0.map { JSONValue.number($0) }) } ?? .null,
      "silhouette_sample_size": .int(result.silhouetteSampleSize),
      "silhouette_sample": silhouetteSample(result),
      "notes": .array((report.input.notes(naming: result.options.naming) + result.notes).map(JSONValue.string)),
      "plots": .object([
        "format": .string(report.format.rawValue),
        "rendered": .bool(report.rendering == .rendered),
        "scripts": .array(report.plotNames.map { .string("plots/\($0).gp") }),
      ]),
      "external_validation": externalValidation(report),
      "timings_seconds": .object([
        "load": .number(report.loadSeconds),
        "sweep": .number(result.timings.sweep),
        "references": .number(result.timings.references),
        "stability": .number(result.timings.stability),
        "silhouette": .number(result.timings.silhouette),
        "hopkins": .number(result.timings.hopkins),
        "resampling": .number(result.timings.resampling),
        "total": .number(report.loadSeconds + result.timings.total),
      ]),
    ])
  }

  /// `external_validation`: the agreement of every k's clustering with the label column (keys the
  /// k as strings), or `null` without one.
  static func externalValidation(_ report: SweepReport) -> JSONValue {
    guard let agreements = report.labelAgreements, let column = report.input.loaded.labelColumn else { return .null }
    let ks = report.result.ks.map(String.init)
    return .object([
      "label_column": .string(column),
      "labels": .array((agreements.first?.labels ?? []).map(JSONValue.string)),
      "adjusted_rand_index": .object(
        Dictionary(uniqueKeysWithValues: zip(ks, agreements.map { JSONValue.number($0.adjustedRandIndex) }))),
      "normalized_mutual_info": .object(
        Dictionary(uniqueKeysWithValues: zip(ks, agreements.map { JSONValue.number($0.normalizedMutualInformation) }))),
      "table": .string(LabelTable.path),
    ])
  }

  /// `silhouette_sample`: the sample the mean silhouettes were estimated on, or `null` when exact.
  static func silhouetteSample(_ result: SweepResult) -> JSONValue {
    guard let sample = result.silhouetteSample else { return .null }
    var errors = [String: JSONValue]()
    for row in result.metrics { if let se = row.silhouetteSE { errors[String(row.k)] = .number(se) } }
    return .object([
      "size": .int(sample.size),
      "rows": .int(sample.rowCount),
      "scheme": .string("uniform without replacement, one sample for every k; each s(i) exact against every point"),
      "standard_errors": .object(errors),
      "cluster_sample_sizes": result.clusterSilhouetteSampleSizes.map { .array($0.map { JSONValue.int($0) }) } ?? .null,
    ])
  }

  /// `structure`: the verdict, its reason and the evidence behind it.
  static func structure(_ verdict: StructureVerdict) -> JSONValue {
    let gapTest = verdict.gapTest.map { test -> JSONValue in
      .object([
        "statistic": .number(test.statistic),
        "p_value": .number(test.pValue),
        "references": .int(test.references),
        "level": .number(test.level),
      ])
    }
    let hopkins = verdict.hopkins.map { hopkins -> JSONValue in
      .object([
        "statistic": .number(hopkins.statistic),
        "p_value": .number(hopkins.pValue),
        "sample_size": .int(hopkins.sampleSize),
        "dimension": .int(hopkins.dimension),
        "window": .string(DecisionText.hopkinsWindow),
      ])
    }
    return .object([
      "has_structure": verdict.hasStructure.map(JSONValue.bool) ?? .null,
      "verdict": .string(DecisionText.verdict(verdict)),
      "reason": .string(verdict.reason),
      "gap_test": gapTest ?? .null,
      "gap_rule_k": .int(verdict.gapRuleK),
      "hopkins": hopkins ?? .null,
    ])
  }

  /// `recommendation`: the decision's k, the headline, the rule and why it gave k here.
  static func recommendation(_ result: SweepResult) -> JSONValue {
    let decision = result.decision
    let bracket = decision.gapBracket.map { JSONValue.array([.int($0.lowerBound), .int($0.upperBound)]) }
    return .object([
      "k": .int(decision.k),
      "headline": .string(result.headline),
      "confidence": .string(result.confidence),
      "rule": .string(decision.rule),
      "reason": .string(decision.reason),
      "gap_bracket": bracket ?? .null,
    ])
  }

  /// `selection_frequencies`: per criterion and for the recommendation, the number of
  /// subsamples that chose each k (keys the k as strings, only k chosen at least once), and the
  /// number that chose none.
  static func selectionFrequencies(_ frequencies: SelectionFrequencies?) -> JSONValue {
    guard let frequencies else { return .null }
    var criteria = [String: JSONValue]()
    var undecided = [String: JSONValue]()
    for row in frequencies.choices {
      criteria[row.name] = .object(
        Dictionary(uniqueKeysWithValues: row.counts.map { (String($0.key), JSONValue.int($0.value)) }))
      undecided[row.name] = .int(row.undecided)
    }
    return .object([
      "resamples": .int(frequencies.resamples),
      "subsample_size": .int(frequencies.subsampleSize),
      "rows": .int(frequencies.rowCount),
      "scheme": .string(DecisionText.resamplingScheme),
      "criteria": .object(criteria),
      "undecided": .object(undecided),
    ])
  }

  /// The seed as a JSON integer (as a string beyond 2⁵³, where JSON readers lose digits).
  private static func seed(_ seed: UInt64) -> JSONValue {
    seed <= 1 << 53 ? .int(Int(seed)) : .string(String(seed))
  }
}
