# Clusters at the recommended k, centroids as stars; reads plots/clusters_points.csv and plots/clusters_centroids.csv.
# Written by kselect 0.1.0. Run it from the report folder:
#   gnuplot plots/clusters.gp                      (draws plots/clusters.png)
#   gnuplot -e "format='svg'" plots/clusters.gp    (png or svg)
if (!exists("format")) format = "png"
if (format eq "svg") {
  set terminal svg size 900,560 enhanced font "Sans,12" background "white" name "kselect_clusters"
} else {
  set terminal pngcairo size 900,560 enhanced font "Sans,11"
}
set output "plots/clusters." . format
set datafile separator ","
set grid lc "#d0d0d0"
set border 3
set tics nomirror
set key below center horizontal reverse Left samplen 2 spacing 1.1 width 1 height 1
set style line 1 lc "#1f77b4" lw 2 pt 7 ps 1.1
set style line 2 lc "#7f7f7f" lw 2 pt 5 ps 0.9 dt 2
set style line 3 lc "#d62728" lw 2.5 pt 6 ps 3
set style line 4 lc "#555555" lw 1.5 dt 2
set style line 11 lc "#1f77b4" lw 2 pt 7 ps 1.1
set style line 12 lc "#ff7f0e" lw 2 pt 5 ps 1.1
set style line 13 lc "#2ca02c" lw 2 pt 9 ps 1.1
set style line 14 lc "#9467bd" lw 2 pt 7 ps 1.1
set style line 15 lc "#8c564b" lw 2 pt 5 ps 1.1
set style line 16 lc "#17becf" lw 2 pt 9 ps 1.1
set linetype 1 lc "#1f77b4" lw 1 pt 7
set linetype 2 lc "#ff7f0e" lw 1 pt 7
set linetype 3 lc "#2ca02c" lw 1 pt 7
set linetype 4 lc "#d62728" lw 1 pt 7
set linetype 5 lc "#9467bd" lw 1 pt 7
set linetype 6 lc "#8c564b" lw 1 pt 7
set linetype 7 lc "#e377c2" lw 1 pt 7
set linetype 8 lc "#7f7f7f" lw 1 pt 7
set linetype 9 lc "#bcbd22" lw 1 pt 7
set linetype 10 lc "#17becf" lw 1 pt 7
set linetype cycle 10
clusters_k = 1  # summary.json: recommended_k
# Names from the data are read from plots/labels.tsv, never written into a script.
set datafile separator "\t"
x_name = ""
stats "plots/labels.tsv" using (strcol(1) eq "x_name" ? x_name = strcol(2) : "", 0) nooutput
y_name = ""
stats "plots/labels.tsv" using (strcol(1) eq "y_name" ? y_name = strcol(2) : "", 0) nooutput
set datafile separator ","
set title sprintf("Clusters at the recommended k = %d, no clear cluster structure", clusters_k)
set xlabel x_name noenhanced
set ylabel y_name noenhanced
set termoption noenhanced
set xrange [*:*]
stats "plots/clusters_points.csv" using "x" nooutput prefix "R"
if (R_max == R_min) { pad = (R_min == 0 ? 1 : abs(R_min) * 0.1); set xrange [R_min - pad : R_max + pad] }
set yrange [*:*]
stats "plots/clusters_points.csv" using "y" nooutput prefix "R"
if (R_max == R_min) { pad = (R_min == 0 ? 1 : abs(R_min) * 0.1); set yrange [R_min - pad : R_max + pad] }
set offsets graph 0.03, graph 0.03, graph 0.03, graph 0.03
plot for [r=1:clusters_k] "plots/clusters_points.csv" using "x":(column("cluster") == r ? column("y") : NaN) \
     with points pt 7 ps 0.6 lt r title sprintf("cluster %d", r), \
     "plots/clusters_centroids.csv" using "x":"y" with points pt 3 ps 4 lw 6 lc "white" notitle, \
     "plots/clusters_centroids.csv" using "x":"y" with points pt 3 ps 3.5 lw 2.5 lc "black" title "centroids"
set termoption enhanced
unset output
