import Foundation
import KSelect

/// `clusters.gp`: the points coloured by cluster at the recommended k, centroids as stars.
///
/// With d > 2 features it shows the first two principal components of the data in the
/// clustering's (scaled) space, the axes labelled with their share of the variance; with d = 2
/// the two features in the input's units; with d = 1 the feature against the cluster number.
/// It reads the helper tables `plots/clusters_points.csv` (one row per point, at most
/// `pointLimit`, evenly spaced in row order) and `plots/clusters_centroids.csv`, each
/// `pc1,pc2,cluster` (or `x,y,cluster` when d ≤ 2); the features' names on the axes come from
/// `plots/labels.tsv`.
struct ClustersPlot: PlotPanel {
  let report: SweepReport
  let name = "clusters"
  let caption =
    "Clusters at the recommended k, centroids as stars; reads plots/clusters_points.csv and plots/clusters_centroids.csv."
  static let points = "plots/clusters_points.csv"
  static let centroids = "plots/clusters_centroids.csv"
  /// The most points the figure draws; larger data are thinned evenly.
  static let pointLimit = 20_000

  private var dimension: Int { report.input.loaded.dataset.columnCount }
  private var usesComponents: Bool { dimension > 2 }
  private var columns: (String, String) { usesComponents ? ("pc1", "pc2") : ("x", "y") }

  func commands(compact: Bool) -> String {
    let (x, y) = columns
    var out = GnuplotScript.common(compact: compact)
    out += "clusters_k = \(report.result.recommendedK)  # summary.json: recommended_k\n"
    out += GnuplotScript.clusterLegend(k: report.result.recommendedK)
    // kselect's own words: the structure verdict when it is "none".
    let verdict = report.result.structure.hasStructure == false ? ", no clear cluster structure" : ""
    if usesComponents {
      let shares = (try? components().explainedVarianceRatios) ?? []
      let percent = { (j: Int) in j < shares.count ? String(format: " (%.1f%% of variance)", 100 * shares[j]) : "" }
      let space = report.input.scaler.scaling == .none ? "" : ", \(report.input.scaler.scaling.rawValue)-scaled data"
      out += """
        set title sprintf("Clusters at the recommended k = %d\(verdict) (first two principal components\(space))", clusters_k)
        set xlabel "PC1\(percent(0))"
        set ylabel "PC2\(percent(1))"

        """
    } else if dimension == 2 {
      out += GnuplotScript.readLabels([.xName, .yName])
      out += """
        set title sprintf("Clusters at the recommended k = %d\(verdict)", clusters_k)
        set xlabel x_name noenhanced
        set ylabel y_name noenhanced

        """
    } else {
      out += GnuplotScript.readLabels([.xName])
      out += """
        set title sprintf("Clusters at the recommended k = %d\(verdict)", clusters_k)
        set xlabel x_name noenhanced
        set ylabel "cluster"
        set ytics 1

        """
    }
    if !usesComponents {
      // gnuplot 5.4 still parses axis labels as enhanced text under `noenhanced` (a lone `}` in
      // a name draws a warning): this figure has no enhanced text of its own, so turn it off.
      out += "set termoption noenhanced\n"
    }
    out += GnuplotScript.yRange(file: Self.points, column: x, axis: "x")
    out += GnuplotScript.yRange(file: Self.points, column: y)
    out += "set offsets graph 0.03, graph 0.03, graph 0.03, graph 0.03\n"
    out += """
      plot for [r=1:clusters_k] "\(Self.points)" using "\(x)":(column("cluster") == r ? column("\(y)") : NaN) \\
           with points pt 7 ps 0.6 lt r title sprintf("cluster %d", r), \\
           "\(Self.centroids)" using "\(x)":"\(y)" with points pt 3 ps 4 lw 6 lc "white" notitle, \\
           "\(Self.centroids)" using "\(x)":"\(y)" with points pt 3 ps 3.5 lw 2.5 lc "black" title "centroids"

      """
    if !usesComponents { out += "set termoption enhanced\n" }
    return out
  }

  func dataFiles() throws -> [(path: String, contents: String)] {
    let fit = try report.fit(at: report.result.recommendedK)
    let n = fit.labels.count
    let stride = (n + Self.pointLimit - 1) / Self.pointLimit
    let shown = Array(Swift.stride(from: 0, to: n, by: max(1, stride)))
    let (x, y) = columns
    let header = [x, y, "cluster"]
    let pointXY: [(Double, Double)]
    let centroidXY: [(Double, Double)]
    if usesComponents {
      let pca = try components()
      let d = dimension
      let data = report.input.scaled.values
      let projected = pca.project(shown.flatMap { data[($0 * d)..<(($0 + 1) * d)] }, onto: 2)
      pointXY = shown.indices.map { (projected[2 * $0], projected[2 * $0 + 1]) }
      let centres = pca.project(fit.centroids, onto: 2)
      centroidXY = (0..<fit.clusterCount).map { (centres[2 * $0], centres[2 * $0 + 1]) }
    } else {
      let data = report.input.loaded.dataset
      let original = report.input.scaler.restore(fit.centroids)
      if dimension == 2 {
        pointXY = shown.map { (data.values[2 * $0], data.values[2 * $0 + 1]) }
        centroidXY = (0..<fit.clusterCount).map { (original[2 * $0], original[2 * $0 + 1]) }
      } else {
        pointXY = shown.map { (data.values[$0], Double(fit.labels[$0] + 1)) }
        centroidXY = (0..<fit.clusterCount).map { (original[$0], Double($0 + 1)) }
      }
    }
    let pointRows = zip(shown, pointXY).map { i, xy in
      [CSVFormat.number(xy.0), CSVFormat.number(xy.1), String(fit.labels[i] + 1)]
    }
    let centroidRows = centroidXY.enumerated().map { r, xy in
      [CSVFormat.number(xy.0), CSVFormat.number(xy.1), String(r + 1)]
    }
    return [
      (Self.points, CSVFormat.table(header: header, rows: pointRows)),
      (Self.centroids, CSVFormat.table(header: header, rows: centroidRows)),
    ]
  }

  /// The principal components of the data in the clustering's space.
  private func components() throws -> PrincipalComponents { try PrincipalComponents(fitting: report.input.scaled) }
}
