"""The whole choice of k at scale, side by side in one run: `kselect sweep` against Spark MLlib in
local mode and scikit-learn, on the benchmark's blobs, plus the 20,000 × 10 comparison of
compare.py. Run through Benchmarks/scale/run, which prepares Java, the Python environment and
the release build.

Every tool is timed whole (start-up and loading the CSV included) with GNU time's peak resident
set; a tool is run again for a median only while its runs take less than --repeat-below
seconds. Ratios are the tool's time over KSelect's on the same data (above 1: KSelect is
faster).
"""

import argparse
import csv
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from datasets import KNOWN_K, blobs_csv
from tools import TOOLS, Settings

BENCHMARKS = Path(__file__).resolve().parent.parent

# (rows, columns, tools) of the grid.
FULL_GRID = [(100_000, 16, ("kselect", "spark", "sklearn")), (1_000_000, 16, ("kselect", "spark")), (10_000_000, 8, ("kselect",))]
QUICK_GRID = [(10_000, 16, ("kselect", "spark", "sklearn")), (30_000, 8, ("kselect",))]


class Report:
    """Prints lines and keeps them for the summary file."""

    def __init__(self):
        self.lines = []

    def __call__(self, line=""):
        print(line, flush=True)
        self.lines.append(line)


def versions():
    import numpy
    import pyspark
    import sklearn

    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    return f"pyspark {pyspark.__version__} ({java[0] if java else 'java ?'}), scikit-learn {sklearn.__version__}, numpy {numpy.__version__}"


def load_average():
    return ", ".join(f"{v:.2f}" for v in os.getloadavg())


def cell_line(cell, reference_seconds):
    seconds = f"{cell.seconds:9.1f}s" if cell.seconds is not None else f"{'–':>10}"
    ratio = f"×{cell.seconds / reference_seconds:6.2f}" if cell.seconds is not None and reference_seconds else f"{'–':>7}"
    memory = f"{cell.peak_mib:8.0f}" if cell.peak_mib else f"{'–':>8}"
    runs = len(cell.times)
    answer = f'  "{cell.headline}"' if cell.headline else ""
    return f"    {cell.tool:40s} {seconds} {runs:>4} {ratio} {memory}   {str(cell.gap_k):>5} {str(cell.silhouette_k):>5}{answer}"


def sweep_comparison(args, report, results):
    """compare.py's whole-sweep task at 20,000 × 10, its lines copied into this summary; its own
    files (summary-sweep.txt, sweep.csv) go to the same folder."""
    command = [sys.executable, BENCHMARKS / "compare.py", "--cli", args.cli, "--only", "sweep", "--sweep-repeats", "1", "--results", results]
    done = subprocess.run(list(map(str, command)), capture_output=True, text=True)
    report()
    if done.returncode != 0:
        report(f"(the 20,000 × 10 comparison failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode})")
        return
    lines = done.stdout.splitlines()
    first = next((i for i, line in enumerate(lines) if line.startswith("(e)")), len(lines))
    report(f"The existing whole-sweep comparison (compare.py --only sweep --sweep-repeats 1, {results.name}/summary-sweep.txt):")
    for line in lines[first:]:
        if line.startswith("Load average"):
            break
        report(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", required=True, help="the kselect executable")
    parser.add_argument("--quick", action="store_true", help="10^4 × 16 and 3·10^4 × 8, k 1..5, B = 2: a check that the harness runs")
    parser.add_argument("--tools", default="", help="comma-separated subset of kselect,spark,sklearn")
    parser.add_argument("--rows", default="", help="comma-separated subset of the grid's row counts (100000,1000000,10000000)")
    parser.add_argument("--time-limit", type=float, default=0, help="seconds per run of a tool (default 3600; 600 with --quick)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per tool at most, for a median (default 3)")
    parser.add_argument("--repeat-below", type=float, default=60, help="run a tool again only while its runs take less (default 60 s)")
    parser.add_argument("--spark-master", default="local[2]")
    parser.add_argument("--spark-memory", default="6g", help="Spark's driver memory (default 6g)")
    parser.add_argument("--no-sweep-comparison", action="store_true", help="skip compare.py's 20,000 × 10 comparison")
    args = parser.parse_args()

    grid = QUICK_GRID if args.quick else FULL_GRID
    chosen_tools = [t for t in args.tools.split(",") if t]
    chosen_rows = [int(r) for r in args.rows.split(",") if r]
    unknown = [t for t in chosen_tools if t not in TOOLS]
    if unknown:
        parser.error(f"unknown tools: {', '.join(unknown)}")
    settings = Settings(
        cli=args.cli, k_max=5 if args.quick else 15, references=2 if args.quick else 20,
        time_limit=args.time_limit or (600 if args.quick else 3600), repeats=args.repeats, repeat_below=args.repeat_below,
        spark_master=args.spark_master, spark_memory=args.spark_memory)
    # A quick run is a check, not a measurement: its files stay out of results/.
    results = BENCHMARKS / "work" / "scale-quick" if args.quick else BENCHMARKS / "results"
    suffix = "".join(f"-{part}" for part in (args.tools.replace(",", "-"), args.rows.replace(",", "-")) if part)
    results.mkdir(parents=True, exist_ok=True)

    report = Report()
    started = time.perf_counter()
    report(f"The whole choice of k at scale: {versions()}")
    report(f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, {'quick' if args.quick else 'full'} grid; "
           f"load average at start: {load_average()}")
    report(f"Data: the benchmark's blobs ({KNOWN_K} centres uniform in [-10, 10]^D, Gaussian noise of sd 1.5), CSV with a header.")
    report(f"k = 1..{settings.k_max}, B = {settings.references} references; a run of a tool is stopped after {settings.time_limit:.0f} s.")
    report("  kselect sweep: its defaults otherwise (10 restarts, references in the PCA box, resampling), --no-render.")
    report(f"  Spark MLlib {settings.spark_master}: one KMeans fit per k (k-means||, MLlib's defaults: 20 iterations at most, tol 1e-4,")
    report("    no restarts), ClusteringEvaluator's silhouette (squared Euclidean, MLlib's default), a gap loop on Spark")
    report("    (uniform references in the data's box, each clustered the same way, Tibs2001SEmax).")
    report("  scikit-learn: peers/sweep_sklearn.py (10 restarts, exact silhouette_score, numpy gap loop, references in worker processes).")
    report("Times: medians of the runs counted (a tool is repeated only while a run takes under "
           f"{settings.repeat_below:.0f} s, at most {settings.repeats} runs); ratio = tool / kselect;")
    report("  peak = GNU time's maximum RSS (for Spark: the driver's and the JVM's VmHWM added up).")

    rows = []
    for n, d, tools in grid:
        if chosen_rows and n not in chosen_rows:
            continue
        tools = [t for t in tools if not chosen_tools or t in chosen_tools]
        if not tools:
            continue
        path = blobs_csv(n, d)
        report()
        report(f"N = {n:,}, D = {d} (known k = {KNOWN_K}), {path.stat().st_size / 2**20:.0f} MiB of CSV, "
               f"{n * d * 8 / 2**20:.0f} MiB as doubles; load average {load_average()}")
        report(f"    {'tool':40s} {'seconds':>10} {'runs':>4} {'ratio':>7} {'peak MiB':>8}   {'gap':>5} {'silh.':>5}  answer")
        cells = [TOOLS[t](settings, path, n, d) for t in tools]
        reference = next((c.seconds for c in cells if c.tool == "kselect sweep"), None)
        for cell in cells:
            report(cell_line(cell, reference))
            if cell.status != "ok":
                report(f"        {cell.status}")
            if cell.detail:
                report(f"        {cell.detail}")
            ratio = cell.seconds / reference if cell.seconds is not None and reference else ""
            rows.append([n, d, cell.tool, cell.status, cell.seconds if cell.seconds is not None else "", len(cell.times), ratio,
                         cell.peak_mib or "", cell.gap_k, cell.silhouette_k, cell.headline, cell.detail])

    if args.quick:
        report()
        report("compare.py's whole-sweep comparison: not run with --quick (its own check is `Benchmarks/run --quick --only sweep`)")
    elif not args.no_sweep_comparison and not chosen_tools and not chosen_rows:
        sweep_comparison(args, report, results)
    report()
    report(f"Load average at end: {load_average()}; the whole run took {(time.perf_counter() - started) / 60:.1f} min")
    (results / f"summary-scale{suffix}.txt").write_text("\n".join(report.lines) + "\n")
    with open(results / f"scale{suffix}.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["n", "d", "tool", "status", "median_seconds", "runs", "ratio_to_kselect", "peak_rss_mib", "gap_k",
                         "silhouette_k", "kselect_headline", "detail"])
        for row in rows:
            writer.writerow([f"{v:.6g}" if isinstance(v, float) else v for v in row])


if __name__ == "__main__":
    main()
