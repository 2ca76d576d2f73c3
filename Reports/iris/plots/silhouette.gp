# Mean silhouette, Calinski-Harabasz and Davies-Bouldin indices against k; reads metrics.csv.
# Written by kselect 0.1.0. Run it from the report folder:
#   gnuplot plots/silhouette.gp                      (draws plots/silhouette.png)
#   gnuplot -e "format='svg'" plots/silhouette.gp    (png or svg)
if (!exists("format")) format = "png"
if (format eq "svg") {
  set terminal svg size 1350,500 enhanced font "Sans,12" background "white" name "kselect_silhouette"
} else {
  set terminal pngcairo size 1350,500 enhanced font "Sans,11"
}
set output "plots/silhouette." . format
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
set xlabel "k (number of clusters)"
set xrange [0.5:10.5]
set xtics 1
silhouette_k = 2  # summary.json: recommendations.silhouette
ch_k = 3  # summary.json: recommendations.calinski_harabasz
db_k = 2  # summary.json: recommendations.davies_bouldin
recommended_k = 5  # summary.json: recommended_k
set object 1 rectangle from first recommended_k - 0.4, graph 0 to first recommended_k + 0.4, graph 1 \
    behind fillcolor "#fbe3a6" fillstyle solid 1.0 noborder
set multiplot layout 1,3 title "Partition quality against k"
set title "mean silhouette (higher is better)"
set ylabel "mean silhouette"
set yrange [*:*]
stats "metrics.csv" using "silhouette" nooutput prefix "R"
if (R_max == R_min) { pad = (R_min == 0 ? 1 : abs(R_min) * 0.1); set yrange [R_min - pad : R_max + pad] }
plot "metrics.csv" using "k":"silhouette" with linespoints ls 14 title "mean silhouette", \
     "metrics.csv" using "k":(column("k") == silhouette_k ? column("silhouette") : NaN) with points ls 3 title sprintf("best: k = %d", silhouette_k), \
     NaN with boxes fillstyle solid 1.0 noborder fillcolor "#fbe3a6" title sprintf("recommended k = %d", recommended_k)
set title "Calinski-Harabasz (higher is better)"
set ylabel "Calinski-Harabasz"
set yrange [*:*]
stats "metrics.csv" using "calinski_harabasz" nooutput prefix "R"
if (R_max == R_min) { pad = (R_min == 0 ? 1 : abs(R_min) * 0.1); set yrange [R_min - pad : R_max + pad] }
plot "metrics.csv" using "k":"calinski_harabasz" with linespoints ls 15 title "Calinski-Harabasz", \
     "metrics.csv" using "k":(column("k") == ch_k ? column("calinski_harabasz") : NaN) with points ls 3 title sprintf("best: k = %d", ch_k), \
     NaN with boxes fillstyle solid 1.0 noborder fillcolor "#fbe3a6" title sprintf("recommended k = %d", recommended_k)
set title "Davies-Bouldin (lower is better)"
set ylabel "Davies-Bouldin"
set yrange [*:*]
stats "metrics.csv" using "davies_bouldin" nooutput prefix "R"
if (R_max == R_min) { pad = (R_min == 0 ? 1 : abs(R_min) * 0.1); set yrange [R_min - pad : R_max + pad] }
plot "metrics.csv" using "k":"davies_bouldin" with linespoints ls 16 title "Davies-Bouldin", \
     "metrics.csv" using "k":(column("k") == db_k ? column("davies_bouldin") : NaN) with points ls 3 title sprintf("best: k = %d", db_k), \
     NaN with boxes fillstyle solid 1.0 noborder fillcolor "#fbe3a6" title sprintf("recommended k = %d", recommended_k)
unset multiplot
unset output
