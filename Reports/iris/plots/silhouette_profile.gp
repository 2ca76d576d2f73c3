# Silhouette profile: s(i) of every point at the recommended k, by cluster; reads plots/silhouette_profile.csv.
# Written by kselect 0.1.0. Run it from the report folder:
#   gnuplot plots/silhouette_profile.gp                      (draws plots/silhouette_profile.png)
#   gnuplot -e "format='svg'" plots/silhouette_profile.gp    (png or svg)
if (!exists("format")) format = "png"
if (format eq "svg") {
  set terminal svg size 900,560 enhanced font "Sans,12" background "white" name "kselect_silhouette_profile"
} else {
  set terminal pngcairo size 900,560 enhanced font "Sans,11"
}
set output "plots/silhouette_profile." . format
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
profile_k = 5  # summary.json: recommended_k
set xlabel "silhouette width s(i)"
set ylabel "points by cluster, sorted by s(i)"
unset ytics
set grid noytics
stats "plots/silhouette_profile.csv" using "silhouette" nooutput prefix "S"
stats "plots/silhouette_profile.csv" using "position" nooutput prefix "P"
set title sprintf("Silhouette profile at k = %d (dashed: mean %.3f)", profile_k, S_mean)
set xrange [(S_min < 0 ? S_min - 0.05 : 0) : 1]
set yrange [P_max + 1 : 0]
set arrow 1 from S_mean, graph 0 to S_mean, graph 1 nohead ls 4 lc "#d62728"
set style fill solid 0.85 noborder
plot for [r=1:profile_k] "plots/silhouette_profile.csv" \
     using (column("cluster") == r ? column("silhouette") / 2 : NaN):"position":(abs(column("silhouette")) / 2):(0.5) \
     with boxxyerror lt r title sprintf("cluster %d", r)
unset output
