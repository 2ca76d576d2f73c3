"""Repeats the whole choice of k on resamples of a data set, three ways, with kselect.

    python lab/resample_runs.py --kselect PATH [--resamples N] [--per-scenario R] [--jobs J]

Schemes: ``boot`` (n rows drawn with replacement), ``sub80`` (⌊0.8 n⌋ rows without
replacement) and ``half`` (⌊n/2⌋ rows without replacement, the size of a prediction-strength
half). Data: iris and ruspini, and the first R design-half realisations (even indices) of a
few benchmark scenarios. Every resample is swept as the full data were (k ≤ 8, 20 references,
its own seed) and its report kept in work/resamples/<scheme>/<set>/<r>/<report>/, so that the criteria,
and offline the gap with the full data's references reused, can be compared across schemes.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import pathlib
import subprocess
import sys
import zlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
WORK = HERE.parent / "work"
SCENARIOS = ("tibs-2", "tibs-3p", "close", "separated", "anisotropic", "outliers", "null-uniform", "null-gaussian")
SCHEMES = ("boot", "sub80", "half")


def data_sets(per_scenario: int, shipped: pathlib.Path, chosen=SCENARIOS, with_shipped=True) -> list[tuple[str, pathlib.Path]]:
    sets = []
    for name in ("iris", "ruspini") if with_shipped else ():
        sets.append((name, shipped / f"{name}.csv"))
    for scenario in chosen:
        for index in range(0, 2 * per_scenario, 2):
            sets.append((f"{scenario}-{index:04d}", WORK / "data" / scenario / f"{index:04d}.csv"))
    return sets


def features(path: pathlib.Path) -> np.ndarray:
    header = path.read_text().splitlines()[0].split(",")
    keep = [i for i, h in enumerate(header) if h not in ("species", "id")]
    return np.loadtxt(path, delimiter=",", skiprows=1, usecols=keep, ndmin=2)


def write(path: pathlib.Path, data: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = ",".join(f"x{j + 1}" for j in range(data.shape[1]))
    np.savetxt(path, data, delimiter=",", header=header, comments="", fmt="%.10g")


def sweep(binary: str, file: pathlib.Path, out: pathlib.Path, seed: int, extra: list[str]) -> None:
    if (out / "summary.json").exists():
        return
    command = [
        binary, "sweep", str(file), "--k-max", "8", "--seed", str(seed), "--json", "--quiet",
        "--no-render", "--out", str(out), "--threads", "1", *extra,
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, check=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kselect", required=True)
    parser.add_argument("--resamples", type=int, default=20)
    parser.add_argument("--per-scenario", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--kselect-args", default="", help="further sweep options, e.g. '--reference-space pca'")
    parser.add_argument("--scenarios", help="comma-separated benchmark scenarios (default: SCENARIOS and the shipped sets)")
    parser.add_argument("--schemes", default=",".join(SCHEMES))
    parser.add_argument("--report", default="report", help="the name of each resample's report folder")
    default = pathlib.Path("/work/shared/data")
    parser.add_argument("--shipped", default=str(default if default.exists() else HERE.parents[2] / "Data"))
    args = parser.parse_args()
    jobs = []
    chosen = tuple(args.scenarios.split(",")) if args.scenarios else SCENARIOS
    for name, path in data_sets(args.per_scenario, pathlib.Path(args.shipped), chosen, args.scenarios is None):
        data = features(path)
        n = len(data)
        full = WORK / "resamples" / "full" / name
        write(full / "data.csv", data)
        jobs.append((full / "data.csv", full / args.report, zlib.crc32(name.encode()) % 1_000_000 + 1))
        for scheme in args.schemes.split(","):
            for r in range(args.resamples):
                rng = np.random.default_rng(np.random.SeedSequence([zlib.crc32(f"{scheme}:{name}".encode()), r]))
                if scheme == "boot":
                    rows = rng.integers(0, n, n)
                else:
                    rows = rng.choice(n, int(n * (0.8 if scheme == "sub80" else 0.5)), replace=False)
                folder = WORK / "resamples" / scheme / name / f"{r:03d}"
                if not (folder / "data.csv").exists():
                    write(folder / "data.csv", data[rows])
                jobs.append((folder / "data.csv", folder / args.report, zlib.crc32(f"{scheme}:{name}:{r}".encode()) % 1_000_000 + 1))
    print(f"{len(jobs)} sweeps", file=sys.stderr)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for number, _ in enumerate(pool.map(lambda j: sweep(args.kselect, *j, args.kselect_args.split()), jobs), 1):
            if number % 500 == 0:
                print(f"  {number}", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
