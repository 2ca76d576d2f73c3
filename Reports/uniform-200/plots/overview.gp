# Overview: every figure of the report on one page; reads the CSV files the others read.
# Written by kselect 0.1.0. Run it from the report folder:
#   gnuplot plots/overview.gp                      (draws plots/overview.png)
#   gnuplot -e "format='svg'" plots/overview.gp    (png or svg)
if (!exists("format")) format = "png"
if (format eq "svg") {
  set terminal svg size 2200,1080 enhanced font "Sans,11" background "white" name "kselect_overview"
} else {
  set terminal pngcairo size 2200,1080 enhanced font "Sans,10"
}
set output "plots/overview." . format
# Names from the data are read from plots/labels.tsv, never written into a script.
set datafile separator "\t"
data_name = ""
stats "plots/labels.tsv" using (strcol(1) eq "data_name" ? data_name = strcol(2) : "", 0) nooutput
headline = ""
stats "plots/labels.tsv" using (strcol(1) eq "headline" ? headline = strcol(2) : "", 0) nooutput
set datafile separator ","
set multiplot title 'kselect: ' . data_name . ' — ' . headline font ",14" noenhanced

# --- elbow ---
reset
set origin 0.0000, 0.4815
set size 0.2500, 0.4815
set datafile separator ","
set grid lc "#d0d0d0"
set border 3
set tics nomirror
set key below center horizontal reverse Left samplen 2 spacing 1.1 width 1 height 1 font ",8"
set style line 1 lc "#1f77b4" lw 2 pt 7 ps 1.1
set style line 2 lc "#7f7f7f" lw 2 pt 5 ps 0.9 dt 2
set style line 3 lc "#d62728" lw 2.5 pt 6 ps 2
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
knee_k = 4  # summary.json: recommendations.elbow
recommended_k = 1  # summary.json: recommended_k
set object 1 rectangle from first recommended_k - 0.4, graph 0 to first recommended_k + 0.4, graph 1 \
    behind fillcolor "#fbe3a6" fillstyle solid 1.0 noborder
set title "Elbow: W_k against k (pick: the knee)"
set ylabel "W_k (WCSS)"
set y2label "explained variance (%)"
set y2range [0:105]
set y2tics 0, 20, 100
set format y "%g"
set yrange [*:*]
stats "metrics.csv" using "wcss" nooutput prefix "R"
if (R_max == R_min) { pad = (R_min == 0 ? 1 : abs(R_min) * 0.1); set yrange [R_min - pad : R_max + pad] }
plot "metrics.csv" using "k":"wcss" with linespoints ls 11 title "W_k", \
     "" using "k":(100 * column("explained_variance")) axes x1y2 with linespoints ls 2 title "explained variance (right axis)", \
     "metrics.csv" using "k":(column("k") == knee_k ? column("wcss") : NaN) with points ls 3 title sprintf("knee: k = %d", knee_k), \
     NaN with boxes fillstyle solid 1.0 noborder fillcolor "#fbe3a6" title sprintf("recommended k = %d", recommended_k)

# --- gap ---
reset
set origin 0.2500, 0.4815
set size 0.2500, 0.4815
set datafile separator ","
set grid lc "#d0d0d0"
set border 3
set tics nomirror
set key below center horizontal reverse Left samplen 2 spacing 1.1 width 1 height 1 font ",8"
set style line 1 lc "#1f77b4" lw 2 pt 7 ps 1.1
set style line 2 lc "#7f7f7f" lw 2 pt 5 ps 0.9 dt 2
set style line 3 lc "#d62728" lw 2.5 pt 6 ps 2
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
gap_k = 1  # summary.json: recommendations.gap
recommended_k = 1  # summary.json: recommended_k
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

# --- fk ---
reset
set origin 0.5000, 0.4815
set size 0.2500, 0.4815
set datafile separator ","
set grid lc "#d0d0d0"
set border 3
set tics nomirror
set key below center horizontal reverse Left samplen 2 spacing 1.1 width 1 height 1 font ",8"
set style line 1 lc "#1f77b4" lw 2 pt 7 ps 1.1
set style line 2 lc "#7f7f7f" lw 2 pt 5 ps 0.9 dt 2
set style line 3 lc "#d62728" lw 2.5 pt 6 ps 2
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
fk_k = 4  # summary.json: recommendations.fk
recommended_k = 1  # summary.json: recommended_k
set object 1 rectangle from first recommended_k - 0.4, graph 0 to first recommended_k + 0.4, graph 1 \
    behind fillcolor "#fbe3a6" fillstyle solid 1.0 noborder
set title "f(K) of Pham, Dimov & Nguyen (lower is better)" noenhanced
set ylabel "f(K)"
stats "metrics.csv" using "fk" nooutput prefix "F"
set yrange [0 : (F_max > 0.85 ? F_max : 0.85) * 1.1]
plot "metrics.csv" using "k":"fk" with linespoints ls 13 title "f(K)", \
     0.85 with lines ls 4 title "0.85 (clear structure below)", \
     "metrics.csv" using "k":(column("k") == fk_k ? column("fk") : NaN) with points ls 3 title sprintf("chosen: k = %d", fk_k), \
     NaN with boxes fillstyle solid 1.0 noborder fillcolor "#fbe3a6" title sprintf("recommended k = %d", recommended_k)

# --- silhouette ---
reset
set origin 0.7500, 0.4815
set size 0.2500, 0.4815
set datafile separator ","
set grid lc "#d0d0d0"
set border 3
set tics nomirror
set key below center horizontal reverse Left samplen 2 spacing 1.1 width 1 height 1 font ",8"
set style line 1 lc "#1f77b4" lw 2 pt 7 ps 1.1
set style line 2 lc "#7f7f7f" lw 2 pt 5 ps 0.9 dt 2
set style line 3 lc "#d62728" lw 2.5 pt 6 ps 2
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
silhouette_k = 5  # summary.json: recommendations.silhouette
ch_k = 5  # summary.json: recommendations.calinski_harabasz
db_k = 4  # summary.json: recommendations.davies_bouldin
recommended_k = 1  # summary.json: recommended_k
set object 1 rectangle from first recommended_k - 0.4, graph 0 to first recommended_k + 0.4, graph 1 \
    behind fillcolor "#fbe3a6" fillstyle solid 1.0 noborder
set title "Silhouette, CH, DB scaled to [0,1]: higher is better (DB inverted)"
set ylabel "scaled value (1 = best of the sweep)"
stats "metrics.csv" using "silhouette" nooutput prefix "Q0"
stats "metrics.csv" using "calinski_harabasz" nooutput prefix "Q1"
stats "metrics.csv" using "davies_bouldin" nooutput prefix "Q2"
set yrange [-0.05:1.05]
plot "metrics.csv" using "k":(Q0_max > Q0_min ? (column("silhouette") - Q0_min) / (Q0_max - Q0_min) : 0.5) with linespoints ls 14 title "silhouette", \
     "metrics.csv" using "k":(Q1_max > Q1_min ? (column("calinski_harabasz") - Q1_min) / (Q1_max - Q1_min) : 0.5) with linespoints ls 15 title "CH", \
     "metrics.csv" using "k":(Q2_max > Q2_min ? (Q2_max - column("davies_bouldin")) / (Q2_max - Q2_min) : 0.5) with linespoints ls 16 title "DB (inverted)", \
     "metrics.csv" using "k":(column("k") == silhouette_k ? (Q0_max > Q0_min ? (column("silhouette") - Q0_min) / (Q0_max - Q0_min) : 0.5) : NaN) with points ls 3 title "best k", \
     "metrics.csv" using "k":(column("k") == ch_k ? (Q1_max > Q1_min ? (column("calinski_harabasz") - Q1_min) / (Q1_max - Q1_min) : 0.5) : NaN) with points ls 3 notitle, \
     "metrics.csv" using "k":(column("k") == db_k ? (Q2_max > Q2_min ? (Q2_max - column("davies_bouldin")) / (Q2_max - Q2_min) : 0.5) : NaN) with points ls 3 notitle, \
     NaN with boxes fillstyle solid 1.0 noborder fillcolor "#fbe3a6" title sprintf("recommended k = %d", recommended_k)

# --- silhouette_profile ---
reset
set origin 0.0000, 0.0000
set size 0.2500, 0.4815
set datafile separator ","
set grid lc "#d0d0d0"
set border 3
set tics nomirror
set key below center horizontal reverse Left samplen 2 spacing 1.1 width 1 height 1 font ",8"
set style line 1 lc "#1f77b4" lw 2 pt 7 ps 1.1
set style line 2 lc "#7f7f7f" lw 2 pt 5 ps 0.9 dt 2
set style line 3 lc "#d62728" lw 2.5 pt 6 ps 2
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
set title 'Silhouette profile' noenhanced
unset border
unset tics
unset key
set label 1 'no silhouettes at k = 1: they need k ≥ 2' at graph 0.5, 0.5 center noenhanced
set xrange [0:1]
set yrange [0:1]
plot 2 notitle

# --- clusters ---
reset
set origin 0.2500, 0.0000
set size 0.2500, 0.4815
set datafile separator ","
set grid lc "#d0d0d0"
set border 3
set tics nomirror
set key below center horizontal reverse Left samplen 2 spacing 1.1 width 1 height 1 font ",8"
set style line 1 lc "#1f77b4" lw 2 pt 7 ps 1.1
set style line 2 lc "#7f7f7f" lw 2 pt 5 ps 0.9 dt 2
set style line 3 lc "#d62728" lw 2.5 pt 6 ps 2
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

# --- selection ---
reset
set origin 0.5000, 0.0000
set size 0.5000, 0.4815
set datafile separator ","
set grid lc "#d0d0d0"
set border 3
set tics nomirror
set key below center horizontal reverse Left samplen 2 spacing 1.1 width 1 height 1 font ",8"
set style line 1 lc "#1f77b4" lw 2 pt 7 ps 1.1
set style line 2 lc "#7f7f7f" lw 2 pt 5 ps 0.9 dt 2
set style line 3 lc "#d62728" lw 2.5 pt 6 ps 2
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
# The rows' names are read from plots/selection.csv (ytic), never written into this script.
set termoption noenhanced
set title "Selection frequencies on 20 subsamples (outlined: full data)"
set xlabel "k (number of clusters)"
set xrange [0.5:10.5]
set yrange [7.5:0.5]
set xtics 1 scale 0

set ytics scale 0
unset grid
set border 0
set palette defined (0 "#ffffff", 1 "#08519c")
set cbrange [0:1]
unset colorbox
set arrow 1 from graph 0, first 6.5 to graph 1, first 6.5 nohead lc "#333333" lw 1.5 front
unset key
plot "plots/selection.csv" using "x":"y":(0.5):(0.5):"frequency" \
     with boxxyerror fs solid 1.0 border lc "#d9d9d9" fc palette notitle, \
     "" every 10 using (NaN):"y":ytic(strcol("criterion")) with points notitle, \
     "" using "x":(column("full") == 1 ? column("y") : NaN):(0.45):(0.45) \
     with boxxyerror fs empty lw 2.5 lc "#d62728" notitle, \
     "plots/selection.csv" using "x":"y":(column("count") > 0 && column("frequency") > 0.55 ? sprintf("%d", column("count")) : "") with labels tc "white" font ",9" notitle, \
     "plots/selection.csv" using "x":"y":(column("count") > 0 && column("frequency") <= 0.55 ? sprintf("%d", column("count")) : "") with labels tc "black" font ",9" notitle
set termoption enhanced
unset multiplot
unset output
