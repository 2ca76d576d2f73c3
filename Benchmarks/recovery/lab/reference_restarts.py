"""Fewer restarts on the gap statistic's references, measured against the full computation.

    python lab/reference_restarts.py --kselect PATH [--timeout SECONDS] [--seed S]

For every data set of the suite it runs

    kselect sweep FILE --k-max 10 --seed S --no-render --quiet --json --resamples 0 --stability-splits 0

with the full references (the default: the data's restarts) and with ``--reference-restarts 1``
and ``3``, and compares each variant with the full run: the largest |ΔGap(k)| / s_k over k (s_k
the full run's gap_se), whether the gap's pick (``recommendations.gap``) and the recommendation
(``recommendation.k``) changed, and the references' seconds (``timings_seconds.references``).

The suite: Data/iris.csv and Data/ruspini.csv as shipped; Gaussian blobs (10 centres uniform in
[−10, 10]^d, N(0, 1.5²) noise), a uniform null (the unit cube) and a single-Gaussian null
(N(0, I)), each for n ∈ {1000, 10000} and d ∈ {2, 16, 64}. A data set whose full sweep takes
longer than the timeout is skipped and listed as such. Writes results/reference-restarts.md
after every data set, so an interrupted run leaves the part it measured.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import pathlib
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
WORK = HERE.parent / "work" / "reference-restarts"
RESULTS = HERE.parent / "results"
VARIANTS = [("reference restarts 1", ["--reference-restarts", "1"]), ("reference restarts 3", ["--reference-restarts", "3"])]


def generated(kind: str, n: int, d: int) -> np.ndarray:
    rng = np.random.default_rng(20261202 + 1000 * d + n)
    if kind == "blobs":
        centres = rng.uniform(-10, 10, (10, d))
        return centres[rng.integers(0, 10, n)] + rng.normal(0, 1.5, (n, d))
    if kind == "uniform":
        return rng.uniform(0, 1, (n, d))
    return rng.normal(0, 1, (n, d))


def suite() -> list[tuple[str, pathlib.Path]]:
    """(name, CSV file), smallest first; generated files are written once under WORK."""
    sets = [("iris", ROOT / "Data" / "iris.csv"), ("ruspini", ROOT / "Data" / "ruspini.csv")]
    for n in (1000, 10000):
        for d in (2, 16, 64):
            for kind in ("blobs", "uniform", "gaussian"):
                path = WORK / "data" / f"{kind}_{n}_{d}.csv"
                if not path.exists():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    header = ",".join(f"x{j}" for j in range(d))
                    np.savetxt(path, generated(kind, n, d), delimiter=",", header=header, comments="", fmt="%.17g")
                sets.append((f"{kind} n={n} d={d}", path))
    return sets


def sweep(binary: str, file: pathlib.Path, out: pathlib.Path, seed: int, extra: list[str], timeout: float):
    """summary.json and the (gap, gap_se) per k of metrics.csv, or None past the timeout."""
    command = [binary, "sweep", str(file), "--k-max", "10", "--seed", str(seed), "--no-render", "--quiet", "--json",
               "--resamples", "0", "--stability-splits", "0", "--out", str(out), *extra]  # fmt: skip
    try:
        run = subprocess.run(command, capture_output=True, text=True, check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    with open(out / "metrics.csv", newline="") as handle:
        gaps = {int(row["k"]): (float(row["gap"]), float(row["gap_se"])) for row in csv.DictReader(handle)}
    return json.loads(run.stdout), gaps


def compare(full, variant) -> dict:
    (full_summary, full_gaps), (summary, gaps) = full, variant
    ratios = [abs(gaps[k][0] - gap) / se if se > 0 else (0.0 if gaps[k][0] == gap else math.inf)
              for k, (gap, se) in full_gaps.items()]  # fmt: skip
    return {
        "ratio": max(ratios),
        "same_gap": summary["recommendations"]["gap"] == full_summary["recommendations"]["gap"],
        "same_k": summary["recommendation"]["k"] == full_summary["recommendation"]["k"],
        "gap": summary["recommendations"]["gap"],
        "k": summary["recommendation"]["k"],
        "seconds": summary["timings_seconds"]["references"],
    }


def report(rows: list, skipped: list[str], pending: list[str], command: str, timeout: float) -> str:
    lines = [
        "# Fewer restarts on the gap statistic's references",
        "",
        f"Command (from Benchmarks/recovery): `{command}` (PATH: `swift build -c release --product kselect`).",
        "",
        "Each sweep: `kselect sweep FILE --k-max 10 --seed S --no-render --quiet --json --resamples 0 "
        "--stability-splits 0`, 10 restarts on the data, B = 20 principal-axis references; the variants add "
        "`--reference-restarts 1` or `3`. Machine: 2 shared cores (other helpers' builds may run at the same "
        "time, so the seconds are noisy; each speed-up compares runs of the same moment). One seed per data set: "
        "the numbers do not depend on the thread count, and with 20 data sets 95 % allows one changed choice.",
        "",
        "|Δgap|/s_k: the largest over k of |Gap_variant(k) − Gap_full(k)| / s_k, s_k the full run's gap_se. "
        "Targets (issue 18): at most 0.5 on every data set, the same choice on at least 95 % of them.",
        "",
    ]
    if pending:
        lines += [f"**Partial**: {len(rows)} data sets measured; not measured: {', '.join(pending)}.", ""]
    if skipped:
        lines += [f"Skipped (full sweep longer than {timeout:.0f} s): {', '.join(skipped)}.", ""]
    lines += ["## Summary", ""]
    for label, _ in VARIANTS:
        results = [r[label] for r in rows]
        if not results:
            break
        worst = max(results, key=lambda r: r["ratio"])
        where = next(r["name"] for r in rows if r[label] is worst)
        same_gap = sum(r["same_gap"] for r in results) / len(results)
        same_k = sum(r["same_k"] for r in results) / len(results)
        speed = statistics.median(r["full"]["seconds"] / r[label]["seconds"] for r in rows if r[label]["seconds"] > 0)
        meets = worst["ratio"] <= 0.5 and same_gap >= 0.95 and same_k >= 0.95
        lines.append(
            f"- **{label}**: worst |Δgap|/s_k {worst['ratio']:.2f} ({where}); same gap pick {same_gap:.0%}, "
            f"same recommendation {same_k:.0%} of {len(results)} data sets; median speed-up of the references "
            f"×{speed:.2f}. {'Meets' if meets else 'Does not meet'} the targets on this suite."
        )
    lines += [
        "",
        "## Per data set",
        "",
        "| data | full: gap, k, ref. s | variant | max |Δgap|/s_k | gap pick | k | ref. s | speed-up |",
        "|---|---|---|---:|---|---|---:|---:|",
    ]
    for r in rows:
        full = r["full"]
        for label, _ in VARIANTS:
            v = r[label]
            gap = f"{v['gap']}" + ("" if v["same_gap"] else " (changed)")
            k = f"{v['k']}" + ("" if v["same_k"] else " (changed)")
            speed = full["seconds"] / v["seconds"] if v["seconds"] > 0 else math.inf
            lines.append(
                f"| {r['name']} | {full['gap']}, {full['k']}, {full['seconds']:.2f} | {label} | {v['ratio']:.2f} | "
                f"{gap} | {k} | {v['seconds']:.2f} | ×{speed:.2f} |"
            )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kselect", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60, help="skip a data set whose full sweep takes longer")
    args = parser.parse_args()
    command = f".venv/bin/python lab/reference_restarts.py --kselect PATH --seed {args.seed} --timeout {args.timeout:g}"
    sets = suite()
    rows, skipped = [], []
    RESULTS.mkdir(exist_ok=True)
    for index, (name, file) in enumerate(sets):
        started = time.perf_counter()
        full = sweep(args.kselect, file, WORK / "out" / "full", args.seed, [], args.timeout)
        if full is None:
            skipped.append(name)
            print(f"{name}: skipped (full sweep over {args.timeout:g} s)", file=sys.stderr)
        else:
            row = {"name": name, "full": compare(full, full)}
            for label, extra in VARIANTS:
                variant = sweep(args.kselect, file, WORK / "out" / "variant", args.seed, extra, 10 * args.timeout)
                row[label] = compare(full, variant)
            rows.append(row)
            print(f"{name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
        pending = [n for n, _ in sets[index + 1 :]]
        (RESULTS / "reference-restarts.md").write_text(report(rows, skipped, pending, command, args.timeout))
    print((RESULTS / "reference-restarts.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
