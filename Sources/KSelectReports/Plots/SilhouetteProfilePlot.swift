import KSelect

/// `silhouette_profile.gp`: the "knife" plot of s(i) at the recommended k, one horizontal bar
/// per point, grouped by cluster and sorted within it, the mean marked by a dashed line.
///
/// It reads the helper table `plots/silhouette_profile.csv` (`position,row,cluster,silhouette`):
/// the points sorted by cluster, then by decreasing s(i), with `position` the bar's place on
/// the vertical axis (clusters separated by a gap).
struct SilhouetteProfilePlot: PlotPanel {
  let report: SweepReport
  let name = "silhouette_profile"
  let caption =
    "Silhouette profile: s(i) of every point at the recommended k, by cluster; reads plots/silhouette_profile.csv."
  static let table = "plots/silhouette_profile.csv"

  func commands(compact: Bool) -> String {
    let k = report.result.recommendedK
    let out = GnuplotScript.common(compact: compact)
    guard report.result.pointSilhouettes != nil else {
      let why =
        k < 2
        ? "no silhouettes at k = \(k): they need k ≥ 2"
        : "per-point silhouettes were not computed (sampled with \(report.result.options.naming.name(.silhouetteSample)))"
      return out + GnuplotScript.placeholder(title: "Silhouette profile", message: why)
    }
    return out + GnuplotScript.clusterLegend(k: k) + """
      profile_k = \(k)  # summary.json: recommended_k
      set xlabel "silhouette width s(i)"
      set ylabel "points by cluster, sorted by s(i)"
      unset ytics
      set grid noytics
      stats "\(Self.table)" using "silhouette" nooutput prefix "S"
      stats "\(Self.table)" using "position" nooutput prefix "P"
      set title sprintf("Silhouette profile at k = %d (dashed: mean %.3f)", profile_k, S_mean)
      set xrange [(S_min < 0 ? S_min - 0.05 : 0) : 1]
      set yrange [P_max + 1 : 0]
      set arrow 1 from S_mean, graph 0 to S_mean, graph 1 nohead ls 4 lc "#d62728"
      set style fill solid 0.85 noborder
      plot for [r=1:profile_k] "\(Self.table)" \\
           using (column("cluster") == r ? column("silhouette") / 2 : NaN):"position":(abs(column("silhouette")) / 2):(0.5) \\
           with boxxyerror lt r title sprintf("cluster %d", r)

      """
  }

  func dataFiles() throws -> [(path: String, contents: String)] {
    guard let silhouettes = report.result.pointSilhouettes else { return [] }
    let fit = try report.fit(at: report.result.recommendedK)
    let order = fit.labels.indices.sorted {
      (fit.labels[$0], -silhouettes[$0], $0) < (fit.labels[$1], -silhouettes[$1], $1)
    }
    let gap = max(1, fit.labels.count / 40)
    var rows = [[String]]()
    var position = 0
    var previous: Int? = nil
    for i in order {
      if let previous, previous != fit.labels[i] { position += gap }
      position += 1
      previous = fit.labels[i]
      rows.append([
        String(position), String(report.input.loaded.sourceRows[i]), String(fit.labels[i] + 1),
        CSVFormat.number(silhouettes[i]),
      ])
    }
    return [(Self.table, CSVFormat.table(header: ["position", "row", "cluster", "silhouette"], rows: rows))]
  }
}
