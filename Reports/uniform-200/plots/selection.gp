# Selection frequencies: how often each criterion and the recommendation chose each k on subsamples; reads plots/selection.csv.
# Written by kselect 0.1.0. Run it from the report folder:
#   gnuplot plots/selection.gp                      (draws plots/selection.png)
#   gnuplot -e "format='svg'" plots/selection.gp    (png or svg)
if (!exists("format")) format = "png"
if (format eq "svg") {
  set terminal svg size 900,560 enhanced font "Sans,12" background "white" name "kselect_selection"
} else {
  set terminal pngcairo size 900,560 enhanced font "Sans,11"
}
set output "plots/selection." . format
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
# The rows' names are read from plots/selection.csv (ytic), never written into this script.
set termoption noenhanced
set title "Selection frequencies over 20 subsamples of 160 of 200 points\noutlined: the choice on the full data"
set xlabel "k (number of clusters)"
set xrange [0.5:10.5]
set yrange [7.5:0.5]
set xtics 1 scale 0

set ytics scale 0
unset grid
set border 0
set palette defined (0 "#ffffff", 1 "#08519c")
set cbrange [0:1]
set cblabel "share of subsamples"
set cbtics 0, 0.25, 1
set arrow 1 from graph 0, first 6.5 to graph 1, first 6.5 nohead lc "#333333" lw 1.5 front
unset key
plot "plots/selection.csv" using "x":"y":(0.5):(0.5):"frequency" \
     with boxxyerror fs solid 1.0 border lc "#d9d9d9" fc palette notitle, \
     "" every 10 using (NaN):"y":ytic(strcol("criterion")) with points notitle, \
     "" using "x":(column("full") == 1 ? column("y") : NaN):(0.45):(0.45) \
     with boxxyerror fs empty lw 2.5 lc "#d62728" notitle, \
     "plots/selection.csv" using "x":"y":(column("count") > 0 && column("frequency") > 0.55 ? sprintf("%d", column("count")) : "") with labels tc "white" font ",11" notitle, \
     "plots/selection.csv" using "x":"y":(column("count") > 0 && column("frequency") <= 0.55 ? sprintf("%d", column("count")) : "") with labels tc "black" font ",11" notitle
set termoption enhanced
unset output
