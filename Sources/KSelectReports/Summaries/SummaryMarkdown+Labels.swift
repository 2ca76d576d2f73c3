import Foundation
import KSelect

extension SummaryMarkdown {
  /// The agreement with the label column, when one was given: ARI and NMI for every k, and the
  /// cluster × label table at the recommended k.
  static func knownLabels(_ report: SweepReport) -> String? {
    guard let agreements = report.labelAgreements, let column = report.input.loaded.labelColumn else { return nil }
    let digits = { (value: Double) in String(format: "%.4g", value) }
    var text = "## Known labels\n\n"
    text += "Every k's clusters against the label column `\(column)` "
    text += "(never clustered): adjusted Rand index and normalised mutual information (arithmetic mean).\n\n"
    text += "| k | adjusted Rand | NMI |\n|---|---|---|\n"
    for (k, agreement) in zip(report.result.ks, agreements) {
      text += "| \(k) | \(digits(agreement.adjustedRandIndex)) | \(digits(agreement.normalizedMutualInformation)) |\n"
    }
    let recommended = report.result.recommendedK
    if let index = report.result.ks.firstIndex(of: recommended) {
      let agreement = agreements[index]
      text += "\nClusters × labels at k = \(recommended) (every k: `labels.csv`):\n\n"
      text += "| cluster | " + agreement.labels.map(tableCell).joined(separator: " | ") + " |\n"
      text += "|---|" + String(repeating: "---|", count: agreement.labels.count) + "\n"
      let width = agreement.labels.count
      for cluster in 0..<agreement.clusterCount {
        let counts = (0..<width).map { String(agreement.counts[cluster * width + $0]) }
        text += "| \(cluster + 1) | " + counts.joined(separator: " | ") + " |\n"
      }
    }
    return text
  }

  /// Text for a Markdown table cell: control characters escaped as in messages, `|` escaped.
  private static func tableCell(_ text: String) -> String {
    DisplayText.escaped(text).replacingOccurrences(of: "|", with: "\\|")
  }
}
