import KSelect

/// `silhouette_profile.gp`: the "knife" plot of s(i) at the recommended k, one horizontal bar
/// per point, grouped by cluster and sorted within it, the mean marked by a dashed line. When
/// the silhouettes were estimated on a sample, the bars are the sampled points' (each s(i)
/// exact) and the title says how many of the n points they are.
///
/// It reads the helper table `plots/silhouette_profile.csv` (`position,row,cluster,silhouette`):
/// the points sorted by cluster, then by decreasing s(i), with `position` the bar's place on
/// the vertical axis (clusters separated by a gap).
struct SilhouetteProfilePlot: PlotPanel {
  let report: SweepReport
  let name = "silhouette_profile"
  var caption: String {
    guard let sample = report.result.silhouetteSample else {
      return "Silhouette profile: s(i) of every point at the recommended k, by cluster; reads \(Self.table)."
    }
    return
      "Silhouette profile: s(i) of the \(sample.size) sampled points (of \(sample.rowCount)) at the recommended k, "
      + "by cluster; reads \(Self.table)."
  }
  static let table = "plots/silhouette_profile.csv"

  func commands(compact: Bool) -> String {
    let k = report.result.recommendedK
    let out = GnuplotScript.common(compact: compact)
    guard let shown = shownSilhouettes else {
      return out
        + GnuplotScript.placeholder(title: "Silhouette profile", message: "no silhouettes at k = \(k): they need k ≥ 2")
    }
    let title =
      report.result.silhouetteSample.map { sample in
        "sprintf(\"Silhouette profile at k = %d, %d sampled of %d points (dashed: mean %.3f)\", "
          + "profile_k, \(shown.values.count), \(sample.rowCount), S_mean)"
      } ?? "sprintf(\"Silhouette profile at k = %d (dashed: mean %.3f)\", profile_k, S_mean)"
    return out + GnuplotScript.clusterLegend(k: k) + """
      profile_k = \(k)  # summary.json: recommended_k
      set xlabel "silhouette width s(i)"
      set ylabel "points by cluster, sorted by s(i)"
      unset ytics
      set grid noytics
      stats "\(Self.table)" using "silhouette" nooutput prefix "S"
      stats "\(Self.table)" using "position" nooutput prefix "P"
      set title \(title)
      set xrange [(S_min < 0 ? S_min - 0.05 : 0) : 1]
      set yrange [P_max + 1 : 0]
      set arrow 1 from S_mean, graph 0 to S_mean, graph 1 nohead ls 4 lc "#d62728"
      set style fill solid 0.85 noborder
      plot for [r=1:profile_k] "\(Self.table)" \\
           using (column("cluster") == r ? column("silhouette") / 2 : NaN):"position":(abs(column("silhouette")) / 2):(0.5) \\
           with boxxyerror lt r title sprintf("cluster %d", r)

      """
  }

  /// The points the figure shows at the recommended k: every point when the silhouettes are
  /// exact, else the sample's; with their rows in the clustering's data.
  private var shownSilhouettes: (rows: [Int], values: [Double])? {
    if let values = report.result.pointSilhouettes { return (Array(values.indices), values) }
    return report.result.sampledSilhouettes
  }

  func dataFiles() throws -> [(path: String, contents: String)] {
    guard let shown = shownSilhouettes else { return [] }
    let fit = try report.fit(at: report.result.recommendedK)
    let labels = shown.rows.map { fit.labels[$0] }
    let values = shown.values
    let order = labels.indices.sorted { (labels[$0], -values[$0], $0) < (labels[$1], -values[$1], $1) }
    let gap = max(1, labels.count / 40)
    var rows = [[String]]()
    var position = 0
    var previous: Int? = nil
    for p in order {
      if let previous, previous != labels[p] { position += gap }
      position += 1
      previous = labels[p]
      rows.append([
        String(position), String(report.input.loaded.sourceRows[shown.rows[p]]), String(labels[p] + 1),
        CSVFormat.number(values[p]),
      ])
    }
    return [(Self.table, CSVFormat.table(header: ["position", "row", "cluster", "silhouette"], rows: rows))]
  }
}
