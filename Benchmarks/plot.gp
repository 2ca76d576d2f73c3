# The benchmark figure: gnuplot plot.gp (run from Benchmarks/, after compare.py).
# Reads results/{curve,fits,silhouette,kernel}.csv and writes results/benchmarks.svg and .png.
do for [format in "svg png"] {
if (format eq "svg") {
  set terminal svg size 1200,900 font "sans,11" background "white"
} else {
  set terminal pngcairo size 1200,900 font "sans,10" background "white"
}
set output "results/benchmarks.".format
set datafile separator ","
set datafile columnheaders
set multiplot layout 2,2 title "KSelect vs scikit-learn (medians of repeated runs, same data)"

set title "(d) one k-means fit as N grows (D = 16, K = 8)"
set logscale xy
set xlabel "N"
set ylabel "seconds (median)"
set key top left
set grid
plot "results/curve.csv" using "n":"kselect_seconds" with linespoints lw 2 pt 7 title "KSelect", \
     "" using "n":"sklearn_lloyd_seconds" with linespoints lw 2 pt 5 title "scikit-learn (lloyd)"

set title "(b) one fit: scikit-learn time / KSelect time"
unset logscale x
set logscale y
set xlabel "case (N / D / K)"
set ylabel "speed-up (×)"
set xtics rotate by -60 font ",8"
set offsets 0.5, 0.5, 0, 0
set key top right
plot "results/fits.csv" using 0:"ratio_lloyd":xtic(sprintf("%d/%d/%d", column("n"), column("d"), column("k"))) with points pt 7 ps 1.2 title "vs lloyd", \
     "" using 0:"ratio_elkan" with points pt 5 ps 1.2 title "vs elkan", \
     1 with lines dt 2 lc "gray" notitle
set xtics norotate font ",11"
set offsets 0, 0, 0, 0

set title "(c) exact silhouette (D = 16)"
set logscale xy
set xlabel "N"
set ylabel "seconds (median)"
set key top left
plot "results/silhouette.csv" using "n":"kselect_seconds" with linespoints lw 2 pt 7 title "KSelect", \
     "" using "n":"sklearn_seconds" with linespoints lw 2 pt 5 title "scikit-learn"

set title "(a) assignment kernel, N = 10^6, D = 16, K = 32"
unset logscale
set style data histograms
set style fill solid 0.7
set boxwidth 0.7
set ylabel "GFLOP/s (median)"
set xlabel ""
set yrange [0:*]
set xtics rotate by -25 font ",8"
plot "results/kernel.csv" using "gflops":xtic(1) title "" lc "steelblue"
unset multiplot
unset logscale
unset style data
set xtics norotate font ",11"
set yrange [*:*]
}
