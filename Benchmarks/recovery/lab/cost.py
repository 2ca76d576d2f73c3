"""What the new statistics would cost in kselect, measured with kselect's own sweeps.

    python lab/cost.py --kselect PATH [--repeats R]

On the speed benchmark's 20,000 × 10 data (Benchmarks/compare.py's recipe: 10 centres uniform
in [−10, 10]^10, N(0, 1.5²) noise, seed 20261125 + 1000·d), k = 1…15, 10 restarts, all threads,
it times (median of R runs):

* the sweep as shipped (20 box references) and with 20 principal-axis references;
* the sweep without references (``--references 0``): the data's own fits and criteria;
* the same on a 50 % subsample (the size of a prediction-strength half) with the silhouette
  estimated on 100 points (the halves need fits only), with 10, 3 and 1 restart(s);
* a 50 % and an 80 % subsample with exact silhouettes, 10 restarts: one resample of the
  selection frequencies when the references are reused.

The costs of the new parts follow as multiples of these (DESIGN.md, "Cost").
Writes results/cost.md.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
WORK = HERE.parent / "work" / "cost"
RESULTS = HERE.parent / "results"


def data(n: int = 20_000, d: int = 10) -> np.ndarray:
    rng = np.random.default_rng(20261125 + 1000 * d)
    centres = rng.uniform(-10, 10, (10, d))
    labels = rng.integers(0, 10, n)
    return centres[labels] + rng.normal(0, 1.5, (n, d))


def write(path: pathlib.Path, x: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        np.savetxt(path, x, delimiter=",", header=",".join(f"x{j}" for j in range(x.shape[1])), comments="", fmt="%.17g")


def timed(binary: str, file: pathlib.Path, out: str, extra: list[str], repeats: int) -> tuple[float, dict]:
    seconds = []
    summary = {}
    for _ in range(repeats):
        command = [binary, "sweep", str(file), "--k-min", "1", "--k-max", "15", "--restarts", "10", "--seed", "42",
                   "--quiet", "--no-render", "--json", "--out", str(WORK / out), *extra]  # fmt: skip
        started = time.perf_counter()
        run = subprocess.run(command, capture_output=True, text=True, check=True)
        seconds.append(time.perf_counter() - started)
        summary = json.loads(run.stdout)
    return statistics.median(seconds), summary


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kselect", required=True)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    x = data()
    rng = np.random.default_rng(7)
    full, half, sub80 = WORK / "sweep_20000_10.csv", WORK / "half_10000_10.csv", WORK / "sub80_16000_10.csv"
    write(full, x)
    write(half, x[rng.choice(len(x), len(x) // 2, replace=False)])
    write(sub80, x[rng.choice(len(x), int(0.8 * len(x)), replace=False)])
    cases = [
        ("sweep, 20 box references (shipped)", full, []),
        ("sweep, 20 pca references", full, ["--reference-space", "pca"]),
        ("data only (--references 0)", full, ["--references", "0"]),
        ("50 % half, 10 restarts, silhouette on 100", half, ["--references", "0", "--silhouette-sample", "100"]),
        ("50 % half, 3 restarts, silhouette on 100", half, ["--references", "0", "--silhouette-sample", "100", "--restarts", "3"]),
        ("50 % half, 1 restart, silhouette on 100", half, ["--references", "0", "--silhouette-sample", "100", "--restarts", "1"]),
        ("50 % half, 10 restarts, exact silhouette", half, ["--references", "0"]),
        ("80 % subsample, 10 restarts, exact silhouette", sub80, ["--references", "0"]),
    ]
    rows = []
    for label, file, extra in cases:
        seconds, summary = timed(args.kselect, file, f"case-{len(rows)}", extra, args.repeats)
        rows.append((label, seconds, summary.get("timings_seconds", {})))
        print(f"{label}: {seconds:.2f} s", file=sys.stderr)
    base = rows[0][1]
    lines = [
        f"kselect sweep on 20,000 × 10, k = 1…15, 10 restarts (unless stated), all threads, median of {args.repeats} runs "
        "(wall seconds, including loading the CSV).",
        "",
        f"Command: `.venv/bin/python lab/cost.py --kselect PATH --repeats {args.repeats}` (PATH: a release build of kselect).",
        "",
        "| run | seconds | × shipped sweep |",
        "|---|---:|---:|",
    ]
    lines += [f"| {label} | {seconds:.2f} | {seconds / base:.3f} |" for label, seconds, _ in rows]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "cost.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
