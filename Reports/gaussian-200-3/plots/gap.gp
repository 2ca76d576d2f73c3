# Gap statistic: Gap(k) with error bars of ±s_k against k; reads metrics.csv.
# Written by kselect 0.1.0. Run it from the report folder:
#   gnuplot plots/gap.gp                      (draws plots/gap.png)
#   gnuplot -e "format='svg'" plots/gap.gp    (png or svg)
if (!exists("format")) format = "png"
if (format eq "svg") {
  set terminal svg size 900,560 enhanced font "Sans,12" background "white" name "kselect_gap"
} else {
  set terminal pngcairo size 900,560 enhanced font "Sans,11"
}
set output "plots/gap." . format
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
gap_k = 3  # summary.json: recommendations.gap
recommended_k = 3  # summary.json: recommended_k
set object 1 rectangle from first recommended_k - 0.4, graph 0 to first recommended_k + 0.4, graph 1 \
    behind fillcolor "#fbe3a6" fillstyle solid 1.0 noborder
set title "Gap statistic (B = 50, pca references, pick: Tibs2001SEmax)" noenhanced
set ylabel "Gap(k)"
set yrange [*:*]
stats "metrics.csv" using "gap" nooutput prefix "R"
if (R_max == R_min) { pad = (R_min == 0 ? 1 : abs(R_min) * 0.1); set yrange [R_min - pad : R_max + pad] }
plot "metrics.csv" using "k":"gap":"gap_se" with yerrorbars ls 12 title "Gap(k) ± s_k", \
     "" using "k":"gap" with lines ls 12 notitle, \
     "metrics.csv" using "k":(column("k") == gap_k ? column("gap") : NaN) with points ls 3 title sprintf("chosen: k = %d", gap_k), \
     NaN with boxes fillstyle solid 1.0 noborder fillcolor "#fbe3a6" title sprintf("recommended k = %d", recommended_k)
unset output
