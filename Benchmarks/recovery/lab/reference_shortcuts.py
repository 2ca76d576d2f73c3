"""The gap statistic's reference shortcuts, each measured against the full computation.

    python lab/reference_shortcuts.py --kselect PATH [--seed S] [--timeout SECONDS] [--only NAME,...]
        [--variants LABEL,...] [--results FILE]

For every data set of the suite it runs

    nice -n 10 kselect sweep FILE --k-max 10 --seed S --no-render --quiet --json
        --resamples 0 --stability-splits 0 --silhouette-sample 2000 [VARIANT]

once with ``--exact-references`` (the full computation: n points per reference, the data's 10
restarts, its iteration cap) and once per variant below, and compares each variant with the full
run at the same seed:

- max |ΔGap|/s_k: the largest over k of |Gap_variant(k) − Gap_full(k)| / s_k, with s_k the full
  run's gap_se (Tibshirani's sd_k·√(1 + 1/B)), and beside it the same with the variant's own s_k;
- whether Tibshirani's rule (``recommendations.gap``), the structure verdict
  (``structure.has_structure``) and the recommendation (``recommendation.k``) changed;
- the references' seconds (``timings_seconds.references``).

The suite: Data/iris.csv and Data/ruspini.csv as shipped; Gaussian blobs (10 centres uniform in
[−10, 10]^d, N(0, 1.5²) noise), a uniform null (the unit cube) and a single-Gaussian null
(N(0, I)) for n = 1000 (d = 2, 16, 64), n = 10,000 (d = 2, 16), n = 50,000 (d = 2, 16) and
n = 100,000 (d = 2). A data set whose full sweep takes longer than the timeout is skipped and
listed. Writes results/reference-shortcuts.md (or --results FILE) after every data set, so an
interrupted run leaves the part it measured. --only keeps the named data sets (comma-separated),
--variants the named variants (semicolon-separated, as labels hold commas; ``defaults``, the
flags' defaults as they are, and ``3 restarts, no reference polishing`` only when named).
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
WORK = HERE.parent / "work" / "reference-shortcuts"
RESULTS = HERE.parent / "results"
COMMON = ["--k-max", "10", "--no-render", "--quiet", "--json", "--resamples", "0", "--stability-splits", "0",
          "--silhouette-sample", "2000"]  # fmt: skip
FULL = ["--exact-references"]
EVERY = str(10**9)  # a --reference-size above every n: references of n points
VARIANTS = [
    ("3 restarts", ["--reference-restarts", "3", "--reference-max-iterations", "300", "--reference-size", EVERY]),
    ("3 restarts, 20 iterations", ["--reference-restarts", "3", "--reference-max-iterations", "20",
                                   "--reference-size", EVERY]),  # fmt: skip
    ("3 restarts, 20 iterations, m = 10000", ["--reference-restarts", "3", "--reference-max-iterations", "20",
                                              "--reference-size", "10000"]),  # fmt: skip
    ("3 restarts, 20 iterations, m = 5000", ["--reference-restarts", "3", "--reference-max-iterations", "20",
                                             "--reference-size", "5000"]),  # fmt: skip
]
# Measured only when named in --variants: the defaults as they are (3 restarts, the data's
# iteration cap, references of n points up to 15,000 rows and 10,000 above), and the references
# fitted without the polishing moves the data's fits keep.
OPTIONAL = [
    ("defaults", []),
    ("3 restarts, no reference polishing", ["--reference-restarts", "3", "--reference-max-iterations", "300",
                                            "--reference-size", EVERY, "--no-reference-refine"]),  # fmt: skip
]
SIZES = [(1000, (2, 16, 64)), (10000, (2, 16)), (50000, (2, 16)), (100000, (2,))]


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
    for n, dims in SIZES:
        for d in dims:
            for kind in ("blobs", "uniform", "gaussian"):
                path = WORK / "data" / f"{kind}_{n}_{d}.csv"
                if not path.exists():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    header = ",".join(f"x{j}" for j in range(d))
                    np.savetxt(path, generated(kind, n, d), delimiter=",", header=header, comments="", fmt="%.17g")
                sets.append((f"{kind} n={n} d={d}", path))
    return sets


def sweep(binary: str, file: pathlib.Path, out: pathlib.Path, seed: int, extra: list[str], timeout: float):
    """summary.json and (gap, gap_se) per k of metrics.csv, or None past the timeout."""
    command = ["nice", "-n", "10", binary, "sweep", str(file), "--seed", str(seed), *COMMON, "--out", str(out),
               *extra]  # fmt: skip
    try:
        run = subprocess.run(command, capture_output=True, text=True, check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    with open(out / "metrics.csv", newline="") as handle:
        gaps = {int(row["k"]): (float(row["gap"]), float(row["gap_se"])) for row in csv.DictReader(handle)}
    return json.loads(run.stdout), gaps


def ratio(delta: float, se: float) -> float:
    return abs(delta) / se if se > 0 else (0.0 if delta == 0 else math.inf)


def compare(full, variant) -> dict:
    (full_summary, full_gaps), (summary, gaps) = full, variant
    return {
        "ratio": max(ratio(gaps[k][0] - gap, se) for k, (gap, se) in full_gaps.items()),
        "own": max(ratio(gaps[k][0] - gap, gaps[k][1]) for k, (gap, _) in full_gaps.items()),
        "gap": summary["recommendations"]["gap"],
        "structure": summary["structure"]["has_structure"],
        "k": summary["recommendation"]["k"],
        "same_gap": summary["recommendations"]["gap"] == full_summary["recommendations"]["gap"],
        "same_structure": summary["structure"]["has_structure"] == full_summary["structure"]["has_structure"],
        "same_k": summary["recommendation"]["k"] == full_summary["recommendation"]["k"],
        "seconds": summary["timings_seconds"]["references"],
        "size": summary["parameters"]["reference_size"],
        "restarts": summary["parameters"]["reference_restarts"],
    }


def report(rows: list, skipped: list[str], pending: list[str], command: str, timeout: float) -> str:
    lines = [
        "# The gap statistic's reference shortcuts against the full computation",
        "",
        f"Command (from Benchmarks/recovery): `{command}` (PATH: `swift build -c release --product kselect`).",
        "",
        f"Each sweep: `nice -n 10 kselect sweep FILE --seed S {' '.join(COMMON)}`, 10 restarts on the data, "
        "B = 20 principal-axis references. The full computation adds `--exact-references` (references of n "
        "points, 10 restarts); each variant adds its flags to the defaults (3 reference restarts, the data's "
        "iteration cap; references of n points up to 15,000 rows and 10,000 above, moved to n with the finite-size "
        "bias extrapolated). Machine: 2 cores shared with "
        "other jobs, so the seconds are noisy; each speed-up compares runs of the same moment.",
        "",
        "|ΔGap|/s_k: the largest over k of |Gap_variant(k) − Gap_full(k)| / s_k; `full s_k` divides by the full "
        "run's gap_se (Tibshirani's sd_k·√(1 + 1/B)), `own s_k` by the variant's. Targets (issue 18): at most "
        "0.5 everywhere, the same choice on at least 95 % of the suite. Choices: Tibshirani's rule "
        "(`recommendations.gap`), the structure verdict and the recommendation.",
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
        own = max(r["own"] for r in results)
        share = {key: sum(r[key] for r in results) / len(results) for key in ("same_gap", "same_structure", "same_k")}
        speed = statistics.median(r["full"]["seconds"] / r[label]["seconds"] for r in rows if r[label]["seconds"] > 0)
        meets = worst["ratio"] <= 0.5 and min(share.values()) >= 0.95
        lines.append(
            f"- **{label}**: worst |ΔGap|/s_k {worst['ratio']:.2f} with the full s_k ({where}), {own:.2f} with its "
            f"own; same Tibshirani pick {share['same_gap']:.0%}, same verdict {share['same_structure']:.0%}, same "
            f"recommendation {share['same_k']:.0%} of {len(results)} data sets; median speed-up of the references "
            f"×{speed:.2f}. {'Meets' if meets else 'Does not meet'} the targets on this suite."
        )
    lines += [
        "",
        "## Per data set",
        "",
        "| data | full: gap, structure, k, ref. s | variant | m, restarts | |ΔGap|/s_k (full s_k) | (own s_k) | "
        "gap pick | structure | k | ref. s | speed-up |",
        "|---|---|---|---|---:|---:|---|---|---|---:|---:|",
    ]

    def mark(value, same: bool) -> str:
        return f"{value}" if same else f"**{value}** (changed)"

    for r in rows:
        full = r["full"]
        for label, _ in VARIANTS:
            v = r[label]
            speed = full["seconds"] / v["seconds"] if v["seconds"] > 0 else math.inf
            lines.append(
                f"| {r['name']} | {full['gap']}, {full['structure']}, {full['k']}, {full['seconds']:.2f} | {label} | "
                f"{v['size']}, {v['restarts']} | {v['ratio']:.2f} | {v['own']:.2f} | {mark(v['gap'], v['same_gap'])} | "
                f"{mark(v['structure'], v['same_structure'])} | {mark(v['k'], v['same_k'])} | {v['seconds']:.2f} | "
                f"×{speed:.2f} |"
            )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kselect", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=900, help="skip a data set whose full sweep takes longer")
    parser.add_argument("--only", default="", help="comma-separated data set names (default: all)")
    parser.add_argument("--results", default="reference-shortcuts.md", help="the file written under results/")
    parser.add_argument("--variants", default="", help="semicolon-separated variant labels (default: all)")
    args = parser.parse_args()
    command = f".venv/bin/python lab/reference_shortcuts.py --kselect PATH --seed {args.seed} --timeout {args.timeout:g}"
    sets = suite()
    if args.only:
        wanted = set(args.only.split(","))
        sets = [s for s in sets if s[0] in wanted]
        command += f" --only '{args.only}'"
    if args.results != "reference-shortcuts.md":
        command += f" --results {args.results}"
    if args.variants:
        chosen = set(args.variants.split(";"))
        VARIANTS[:] = [v for v in VARIANTS + OPTIONAL if v[0] in chosen]
        command += f" --variants '{args.variants}'"
    rows, skipped = [], []
    RESULTS.mkdir(exist_ok=True)
    for index, (name, file) in enumerate(sets):
        started = time.perf_counter()
        full = sweep(args.kselect, file, WORK / "out" / "full", args.seed, FULL, args.timeout)
        if full is None:
            skipped.append(name)
            print(f"{name}: skipped (full sweep over {args.timeout:g} s)", file=sys.stderr)
        else:
            row = {"name": name, "full": compare(full, full)}
            for label, extra in VARIANTS:
                variant = sweep(args.kselect, file, WORK / "out" / "variant", args.seed, extra, args.timeout)
                row[label] = compare(full, variant)
            rows.append(row)
            print(f"{name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
        pending = [n for n, _ in sets[index + 1 :]]
        (RESULTS / args.results).write_text(report(rows, skipped, pending, command, args.timeout))
    print((RESULTS / args.results).read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
