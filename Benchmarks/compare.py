"""KSelect against scikit-learn, side by side, on the same generated data.

Run through Benchmarks/run, which prepares the Python environment and the release build.
Every number printed is a median over repeated runs; ratios are scikit-learn's median time over
KSelect's (above 1: KSelect is faster), or KSelect's rate over numpy's for the kernel.

Tasks:
  (a) kernel      one nearest-centroid assignment, N = 10^6, D = 16, K = 32, in GFLOP/s
                  (2·N·K·D flops), against numpy's matmul (dgemm) of the same shapes.
  (b) fits        one k-means fit (k-means++, 1 restart, tol 1e-4, at most 300 iterations)
                  against KMeans(algorithm="lloyd") and KMeans(algorithm="elkan").
  (c) silhouette  the exact mean silhouette: time and peak memory above the loaded data.
  (d) curve       one fit's time as N grows, D = 16, K = 8.
  (e) sweep       the whole choice of k (only with --sweep, once `kselect sweep` exists).
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
RESULTS = HERE / "results"

# The blobs every task uses: 10 centres uniform in [-10, 10]^D, Gaussian noise of sd 1.5.
CENTRES = 10
SEED = 20261125


def data_file(n, d):
    """Writes (once) and returns the raw float64 file of the N × D blobs."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"blobs_{n}_{d}.bin"
    if not path.exists() or path.stat().st_size != n * d * 8:
        rng = np.random.default_rng(SEED + 1000 * d)
        centres = rng.uniform(-10, 10, (CENTRES, d))
        labels = rng.integers(0, CENTRES, n)
        x = centres[labels] + rng.normal(0, 1.5, (n, d))
        x.astype("<f8").tofile(path)
    return path


def load(n, d):
    return np.fromfile(data_file(n, d), dtype="<f8").reshape(n, d)


def median(values):
    return statistics.median(values)


def swift(bench, task, n, d, *options):
    """Runs kselect-bench once and returns its JSON."""
    command = [str(bench), task, str(data_file(n, d)), str(n), str(d), *map(str, options)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def write_csv(name, header, rows):
    RESULTS.mkdir(parents=True, exist_ok=True)
    with open(RESULTS / name, "w") as out:
        out.write(",".join(header) + "\n")
        for row in rows:
            out.write(",".join(format_cell(v) for v in row) + "\n")


def format_cell(value):
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


class Report:
    """Prints lines and keeps them for results/summary.txt (summary-<tasks>.txt with --only, so
    that a partial run does not replace the summary of a full one)."""

    def __init__(self, name="summary.txt"):
        self.name = name
        self.lines = []

    def __call__(self, line=""):
        print(line, flush=True)
        self.lines.append(line)

    def save(self):
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / self.name).write_text("\n".join(self.lines) + "\n")


# (a) ------------------------------------------------------------------------------------------

NUMPY_KERNEL = r"""
import json, sys, time, statistics
import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits
n, d, k, repeats, path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
x = np.fromfile(path, dtype="<f8").reshape(n, d)
x = x - x.mean(axis=0)
step = max(1, n // k)
c = np.ascontiguousarray(x[[r * step for r in range(k)]])
ct = np.ascontiguousarray(c.T)
cn = (c * c).sum(axis=1)
out = np.empty((n, k))
np.matmul(x, ct, out=out)
def timings(threads):
    with threadpool_limits(limits=threads, user_api="blas"):
        gemm, full = [], []
        np.matmul(x, ct, out=out)
        for _ in range(repeats):
            t = time.perf_counter(); np.matmul(x, ct, out=out); gemm.append(time.perf_counter() - t)
        for _ in range(repeats):
            t = time.perf_counter()
            np.matmul(x, ct, out=out); np.multiply(out, -2, out=out); np.add(out, cn, out=out); labels = out.argmin(axis=1)
            full.append(time.perf_counter() - t)
    return gemm, full
blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
# OpenBLAS's threads can lose to one thread on tall-skinny products: both are measured.
gemm, full = timings(None)
gemm1, full1 = timings(1)
print(json.dumps({"gemm": gemm, "gemm_argmin": full, "gemm_1": gemm1, "gemm_argmin_1": full1, "blas": blas}))
"""


def kernel_task(args, report):
    n, d, k = 1_000_000, 16, 32
    repeats = 5 if args.quick else 9
    flops = 2.0 * n * k * d
    data_file(n, d)
    env = {key: value for key, value in os.environ.items() if key not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    command = [sys.executable, "-c", NUMPY_KERNEL, str(n), str(d), str(k), str(repeats), str(data_file(n, d))]
    peer = json.loads(subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout)
    ours = swift(args.bench, "kernel", n, d, "--k", k, "--repeats", repeats)
    ours_portable = swift(args.bench, "kernel", n, d, "--k", k, "--repeats", max(3, repeats // 2), "--portable")
    ours_single = swift(args.bench, "kernel", n, d, "--k", k, "--repeats", repeats, "--threads", 1)
    blas = peer["blas"][0] if peer["blas"] else {}
    blas_threads = blas.get("num_threads", "?")
    rows = []

    def rate(times):
        return flops / median(times) / 1e9

    entries = [
        (f"kselect kernel {ours['variant']} {ours['threads']} threads", ours["times"]),
        (f"kselect kernel {ours_single['variant']} 1 thread", ours_single["times"]),
        (f"kselect kernel portable {ours_portable['threads']} threads", ours_portable["times"]),
        (f"numpy dgemm {blas_threads} threads", peer["gemm"]),
        ("numpy dgemm 1 thread", peer["gemm_1"]),
        (f"numpy dgemm+argmin {blas_threads} threads", peer["gemm_argmin"]),
        ("numpy dgemm+argmin 1 thread", peer["gemm_argmin_1"]),
    ]
    blas_name = f"{blas.get('internal_api', '?')} {blas.get('version', '?')} kernel {blas.get('architecture', '?')}, {blas.get('num_threads', '?')} threads"
    report(f"(a) assignment kernel, N = {n}, D = {d}, K = {k}, {repeats} repeats; numpy BLAS: {blas_name}")
    # The baseline is numpy's better dgemm configuration (all threads or one).
    gemm_rate = max(rate(peer["gemm"]), rate(peer["gemm_1"]))
    report(f"    ratios are to the better dgemm rate, {gemm_rate:.1f} GFLOP/s")
    for name, times in entries:
        rows.append([name, median(times), rate(times), rate(times) / gemm_rate])
        report(f"    {name:38s} median {median(times) * 1e3:8.1f} ms  {rate(times):6.1f} GFLOP/s  ×{rate(times) / gemm_rate:5.2f} of dgemm")
    write_csv("kernel.csv", ["implementation", "median_seconds", "gflops", "ratio_to_dgemm"], rows)
    (RESULTS / "blas.json").write_text(json.dumps(peer["blas"], indent=2) + "\n")


# (b) and (d) ----------------------------------------------------------------------------------


def sklearn_fit(x, k, algorithm, seed, threads):
    """One timed scikit-learn fit with `threads` OpenMP/BLAS threads (None: its default, all
    cores): (seconds, inertia, iterations)."""
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    model = KMeans(n_clusters=k, init="k-means++", n_init=1, tol=1e-4, max_iter=300, algorithm=algorithm, random_state=seed)
    with threadpool_limits(limits=threads):
        start = time.perf_counter()
        model.fit(x)
        seconds = time.perf_counter() - start
    return seconds, float(model.inertia_), int(model.n_iter_)


# scikit-learn's thread settings: its default (OpenMP over all cores) and one thread. On small
# data one thread is faster on this machine (OpenMP's barriers each iteration cost more than the
# work they share), so every peer time is the better of the two medians.
PEER_THREADS = ((None, "all"), (1, "1"))


def fit_case(args, n, d, k, repeats, peers):
    """Medians of `repeats` fits per side. The sides alternate run by run (KSelect, then each
    peer in each thread setting, then KSelect again…), so that a burst of load on the shared
    machine hits them alike. A peer's time is its better thread setting's median."""
    from sklearn.cluster import KMeans

    x = load(n, d)
    # One untimed fit first: the OpenMP and BLAS thread pools start on the first call.
    KMeans(n_clusters=k, n_init=1, max_iter=1, random_state=0).fit(x[: min(n, 1000)])
    ours = {"times": [], "wcss": [], "iterations": []}
    theirs = {(p, t): {"times": [], "wcss": [], "iterations": []} for p in peers for t, _ in PEER_THREADS}
    for r in range(repeats):
        run = swift(args.bench, "fit", n, d, "--k", k, "--repeats", 1, "--seed", r)
        ours["algorithm"] = run["algorithm"]
        for key in ("times", "wcss", "iterations"):
            ours[key] += run[key]
        for (algorithm, threads), record in theirs.items():
            seconds, inertia, iterations = sklearn_fit(x, k, algorithm, r, threads)
            record["times"].append(seconds)
            record["wcss"].append(inertia)
            record["iterations"].append(iterations)
    row = {
        "n": n, "d": d, "k": k, "repeats": repeats, "kselect_algorithm": ours["algorithm"],
        "kselect_seconds": median(ours["times"]), "kselect_wcss": median(ours["wcss"]),
        "kselect_iterations": median(ours["iterations"]),
    }
    for algorithm in peers:
        medians = {setting: median(theirs[(algorithm, setting[0])]["times"]) for setting in PEER_THREADS}
        best = min(medians, key=medians.get)
        for (_, label), seconds in medians.items():
            row[f"sklearn_{algorithm}_seconds_{label}_threads"] = seconds
        row[f"sklearn_{algorithm}_threads"] = best[1]
        row[f"sklearn_{algorithm}_seconds"] = medians[best]
        record = theirs[(algorithm, best[0])]
        row[f"sklearn_{algorithm}_wcss"] = median(record["wcss"])
        row[f"sklearn_{algorithm}_iterations"] = median(record["iterations"])
        row[f"ratio_{algorithm}"] = row[f"sklearn_{algorithm}_seconds"] / row["kselect_seconds"]
    return row


def fits_task(args, report):
    if args.quick:
        grid = [(n, d, k) for n in (10_000, 100_000) for d in (2, 16) for k in (8,)]
    else:
        grid = [(n, d, k) for n in (10_000, 100_000, 1_000_000) for d in (2, 16, 64) for k in (8, 32)]
    report()
    report("(b) one fit: k-means++, 1 restart, tol 1e-4; times are medians, ratio = sklearn / kselect;")
    report("    scikit-learn's time is its better thread setting (all cores or 1, marked a or 1)")
    report(f"    {'N':>8} {'D':>3} {'K':>3} {'kselect':>17} {'lloyd':>11} {'elkan':>11} {'×lloyd':>7} {'×elkan':>7}   WCSS kselect / lloyd / elkan (iterations)")
    rows = []
    for n, d, k in grid:
        repeats = 5 if n <= 100_000 else 3
        row = fit_case(args, n, d, k, repeats, ("lloyd", "elkan"))
        rows.append(row)
        report(
            f"    {n:>8} {d:>3} {k:>3} {row['kselect_seconds']:7.3f}s {row['kselect_algorithm']:>8} "
            f"{row['sklearn_lloyd_seconds']:8.3f}s {row['sklearn_lloyd_threads'][0]} {row['sklearn_elkan_seconds']:8.3f}s {row['sklearn_elkan_threads'][0]} "
            f"{row['ratio_lloyd']:6.2f}× {row['ratio_elkan']:6.2f}×   "
            f"{row['kselect_wcss']:.6g} ({row['kselect_iterations']:g}) / {row['sklearn_lloyd_wcss']:.6g} ({row['sklearn_lloyd_iterations']:g}) / "
            f"{row['sklearn_elkan_wcss']:.6g} ({row['sklearn_elkan_iterations']:g})"
        )
    header = list(rows[0].keys())
    write_csv("fits.csv", header, [[r[h] for h in header] for r in rows])
    ratios = [r["ratio_lloyd"] for r in rows] + [r["ratio_elkan"] for r in rows]
    report(f"    median ratio over the grid: ×{median(ratios):.2f} (range ×{min(ratios):.2f} … ×{max(ratios):.2f})")


def curve_task(args, report):
    d, k = 16, 8
    sizes = (10_000, 30_000, 100_000) if args.quick else (10_000, 30_000, 100_000, 300_000, 1_000_000)
    report()
    report(f"(d) cost curve: one fit, D = {d}, K = {k}; median seconds, ratio = sklearn lloyd (better thread setting) / kselect")
    rows = []
    for n in sizes:
        row = fit_case(args, n, d, k, 5 if n <= 100_000 else 3, ("lloyd",))
        rows.append([n, row["kselect_seconds"], row["sklearn_lloyd_seconds"], row["ratio_lloyd"], row["kselect_wcss"], row["sklearn_lloyd_wcss"]])
        report(f"    N {n:>8}: kselect {row['kselect_seconds']:7.3f}s  sklearn {row['sklearn_lloyd_seconds']:7.3f}s ({row['sklearn_lloyd_threads']} threads)  ×{row['ratio_lloyd']:.2f}")
    write_csv("curve.csv", ["n", "kselect_seconds", "sklearn_lloyd_seconds", "ratio", "kselect_wcss", "sklearn_wcss"], rows)


# (c) ------------------------------------------------------------------------------------------

SKLEARN_SILHOUETTE = r"""
import json, sys, time
import numpy as np
from sklearn.metrics import silhouette_score
n, d, repeats, path, labels_path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
x = np.fromfile(path, dtype="<f8").reshape(n, d)
labels = np.loadtxt(labels_path, dtype=int)
page = __import__("os").sysconf("SC_PAGE_SIZE")
# VmHWM (not ru_maxrss, which a child inherits from the forking parent), reset to the current
# resident set just before the measurement.
open("/proc/self/clear_refs", "w").write("5")
before = int(open("/proc/self/statm").read().split()[1]) * page / 2**20
times = []
for _ in range(repeats):
    t = time.perf_counter(); score = silhouette_score(x, labels); times.append(time.perf_counter() - t)
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")) / 1024
print(json.dumps({"times": times, "score": float(score), "baseline_mib": before, "peak_mib": peak}))
"""


def silhouette_task(args, report):
    from sklearn.cluster import KMeans

    d, k = 16, 8
    sizes = (10_000, 30_000) if args.quick else (10_000, 30_000, 100_000)
    report()
    report(f"(c) exact silhouette, D = {d}, labels of a k = {k} fit; medians; memory = peak RSS above the loaded data")
    rows = []
    for n in sizes:
        x = load(n, d)
        labels = KMeans(n_clusters=k, n_init=1, random_state=0).fit(x).labels_
        labels_path = WORK / f"labels_{n}_{d}.txt"
        np.savetxt(labels_path, labels, fmt="%d")
        repeats = 3 if n <= 30_000 else 2
        ours = swift(args.bench, "silhouette", n, d, "--repeats", repeats, "--labels", labels_path)
        command = [sys.executable, "-c", SKLEARN_SILHOUETTE, str(n), str(d), str(repeats), str(data_file(n, d)), str(labels_path)]
        # scikit-learn on its default threads and on one (BLAS and OpenMP), the faster counted.
        one_thread = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        runs = {
            label: json.loads(subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout)
            for label, env in (("all", None), ("1", one_thread))
        }
        threads = min(runs, key=lambda label: median(runs[label]["times"]))
        peer = runs[threads]
        ours_mem = ours["peak_mib"] - ours["baseline_mib"]
        peer_mem = peer["peak_mib"] - peer["baseline_mib"]
        ratio = median(peer["times"]) / median(ours["times"])
        agreement = abs(ours["score"] - peer["score"]) / abs(peer["score"])
        rows.append([n, median(ours["times"]), median(peer["times"]), threads, ratio, ours_mem, peer_mem, ours["score"], peer["score"], agreement])
        report(
            f"    N {n:>7}: kselect {median(ours['times']):7.3f}s {ours_mem:7.1f} MiB  sklearn {median(peer['times']):7.3f}s ({threads} threads) {peer_mem:7.1f} MiB"
            f"  ×{ratio:.2f}  scores {ours['score']:.12f} / {peer['score']:.12f} (rel. diff {agreement:.1e})"
        )
    write_csv(
        "silhouette.csv",
        ["n", "kselect_seconds", "sklearn_seconds", "sklearn_threads", "ratio", "kselect_extra_mib", "sklearn_extra_mib", "kselect_score", "sklearn_score", "relative_difference"],
        rows,
    )


# (e) ------------------------------------------------------------------------------------------


def sweep_task(args, report):
    """The whole k-selection: kselect sweep against scikit-learn + numpy gap and R clusGap."""
    report()
    cli = Path(args.cli)
    probe = subprocess.run([str(cli), "sweep", "--help"], capture_output=True) if cli.exists() else None
    if probe is None or probe.returncode != 0:
        report("(e) sweep: skipped (`kselect sweep` is not available in this build)")
        return
    # The size; --quick runs a small case (R's clusGap alone takes >10 min at 20,000 × 10).
    n, d = (2_000, 4) if args.quick else (20_000, 10)
    x = load(n, d)
    csv = WORK / f"sweep_{n}_{d}.csv"
    np.savetxt(csv, x, delimiter=",", header=",".join(f"x{j}" for j in range(d)), comments="", fmt="%.17g")
    settings = ["--k-min", "1", "--k-max", "15", "--restarts", "10", "--references", "20"]
    # Rendering the report's figures with gnuplot is not part of the computation the peers do.
    runs = {
        "kselect": [str(cli), "sweep", str(csv), *settings, "--out", str(WORK / "sweep-report"), "--quiet", "--no-render", "--json"],
        # The peers' algorithm exactly (best of the restarts' Lloyd runs, no refinement): what the
        # refinement costs, and the implementation's speed on the same work.
        "kselect --no-refine": [
            str(cli), "sweep", str(csv), *settings, "--no-refine", "--out", str(WORK / "sweep-report-no-refine"),
            "--quiet", "--no-render", "--json"],
        "scikit-learn + numpy gap": [sys.executable, str(HERE / "peers" / "sweep_sklearn.py"), str(csv), *settings],
        # scikit-learn is faster on one thread at this size (see PEER_THREADS), and faster still
        # with the references spread over processes of one thread each: the peer at its best.
        "scikit-learn, 1 thread": [sys.executable, str(HERE / "peers" / "sweep_sklearn.py"), str(csv), *settings],
        f"scikit-learn, {os.cpu_count()} processes": [
            sys.executable, str(HERE / "peers" / "sweep_sklearn.py"), str(csv), *settings, "--jobs", str(os.cpu_count())],
        "R cluster::clusGap": ["Rscript", str(HERE / "peers" / "sweep_clusgap.R"), str(csv), *settings],
    }
    one_thread = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    environments = {"scikit-learn, 1 thread": one_thread}
    repeats = args.sweep_repeats or (1 if args.quick else 3)
    report(f"(e) whole sweep, N = {n}, D = {d}, k = 1..15, 10 restarts, 20 references; medians of {repeats}")
    rows = []
    times = {}
    for name, command in runs.items():
        elapsed = []
        for _ in range(repeats):
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, env=environments.get(name))
            elapsed.append(time.perf_counter() - start)
            if done.returncode != 0:
                report(f"    {name}: failed ({done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode})")
                break
        else:
            times[name] = median(elapsed)
            gap, silhouette = sweep_choices(name, done.stdout)
            rows.append([name, times[name], len(elapsed), gap, silhouette])
    peer_times = [seconds for name, seconds in times.items() if name.startswith("scikit-learn")]
    if "kselect" in times:
        for name, seconds, _, gap, silhouette in rows:
            plain = times.get("kselect --no-refine")
            against_plain = f"  ×{seconds / plain:5.2f} of --no-refine" if plain else ""
            report(
                f"    {name:28s} {seconds:8.2f}s  ×{seconds / times['kselect']:5.2f}{against_plain}"
                f"  gap k = {gap}, silhouette k = {silhouette}")
        if peer_times:
            report(f"    scikit-learn at its best: ×{min(peer_times) / times['kselect']:.2f} of kselect")
    write_csv("sweep.csv", ["implementation", "median_seconds", "runs", "gap_choice", "silhouette_choice"], rows)


def sweep_choices(name, stdout):
    """The gap statistic's and the silhouette's choice of k printed by one sweep run ("" where
    the tool does not give one)."""
    if name.startswith("kselect"):
        chosen = json.loads(stdout)["recommendations"]
        return chosen.get("gap", ""), chosen.get("silhouette", "")
    if name.startswith("scikit-learn"):
        result = json.loads(stdout)
        return result["gap_choice"], result["silhouette_choice"]
    for line in stdout.splitlines():
        if line.startswith("gap_choice,"):
            return int(line.split(",")[1]), ""
    return "", ""


# ----------------------------------------------------------------------------------------------


def main():
    global RESULTS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", default="", help="the kselect-bench executable (all tasks but sweep)")
    parser.add_argument("--cli", default="", help="the kselect executable (for --sweep)")
    parser.add_argument("--quick", action="store_true", help="a reduced grid that runs in a few minutes")
    parser.add_argument("--sweep", action="store_true", help="also compare the whole k selection")
    parser.add_argument("--only", default="", help="comma-separated subset of kernel,fits,silhouette,curve,sweep")
    parser.add_argument("--sweep-repeats", type=int, default=0, help="runs per tool in the sweep comparison (default 3; 1 with --quick)")
    parser.add_argument("--results", default=str(RESULTS), help="the folder of the CSV files and the summary (default results/)")
    args = parser.parse_args()
    RESULTS = Path(args.results)
    import sklearn
    import threadpoolctl

    report = Report(f"summary-{args.only.replace(',', '-')}.txt" if args.only else "summary.txt")
    report(f"KSelect vs scikit-learn {sklearn.__version__} (numpy {np.__version__}, threadpoolctl {threadpoolctl.__version__}), "
           f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, {'quick' if args.quick else 'full'} grid")
    report(f"Threads: kselect all cores; scikit-learn its default (all cores) and one thread, the better one counted. Load average at start: "
           f"{', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    tasks = {"kernel": kernel_task, "fits": fits_task, "silhouette": silhouette_task, "curve": curve_task, "sweep": sweep_task}
    chosen = [t for t in args.only.split(",") if t] or [t for t in tasks if t != "sweep" or args.sweep]
    for name in chosen:
        tasks[name](args, report)
    report()
    report(f"Load average at end: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    report.save()


if __name__ == "__main__":
    main()
