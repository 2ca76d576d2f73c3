"""The references' seconds with and without their polishing moves, interleaved on one data set.

    python lab/reference_polishing_times.py --kselect PATH [--rows N] [--dims D] [--repeats R]

Writes 12 Gaussian blobs (centres uniform in [−10, 10]^d, N(0, 1.5²) noise, numpy
``default_rng(5)``) of N rows (default 20,000) and D columns (default 10) once under
work/reference-polishing, then runs, R times each (default 2) and alternating,

    nice -n 5 kselect sweep FILE --k-max 15 --seed 1 --no-render --quiet --json
        --resamples 0 --stability-splits 0 --silhouette-sample 2000 [--no-reference-refine]

and prints every run's ``timings_seconds.references`` and ``timings_seconds.total``, their
medians per setting, the load average before and after, and each run's Tibshirani pick and
recommendation.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
WORK = HERE.parent / "work" / "reference-polishing"
COMMON = ["--k-max", "15", "--seed", "1", "--no-render", "--quiet", "--json", "--resamples", "0",
          "--stability-splits", "0", "--silhouette-sample", "2000"]  # fmt: skip
SETTINGS = [("defaults (polished references)", []), ("--no-reference-refine", ["--no-reference-refine"])]


def data(rows: int, dims: int) -> pathlib.Path:
    path = WORK / f"blobs_{rows}_{dims}.csv"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        rng = np.random.default_rng(5)
        centres = rng.uniform(-10, 10, (12, dims))
        points = centres[rng.integers(0, 12, rows)] + rng.normal(0, 1.5, (rows, dims))
        header = ",".join(f"x{j}" for j in range(dims))
        np.savetxt(path, points, delimiter=",", header=header, comments="", fmt="%.17g")
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kselect", required=True)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--dims", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    file = data(args.rows, args.dims)
    seconds: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in SETTINGS}
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    for repeat in range(args.repeats):
        for label, extra in SETTINGS:
            command = ["nice", "-n", "5", args.kselect, "sweep", str(file), *COMMON, "--out", str(WORK / "out"), *extra]
            summary = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
            timing = summary["timings_seconds"]
            seconds[label].append((timing["references"], timing["total"]))
            print(
                f"{repeat + 1} {label}: references {timing['references']:.1f} s, total {timing['total']:.1f} s, "
                f"gap pick {summary['recommendations']['gap']}, recommendation {summary['recommendation']['k']}, "
                f"reference_refine {summary['parameters']['reference_refine']}",
                flush=True,
            )
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    for label, runs in seconds.items():
        references = statistics.median(r for r, _ in runs)
        total = statistics.median(t for _, t in runs)
        print(f"median {label}: references {references:.1f} s, total {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
