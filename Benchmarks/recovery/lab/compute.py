"""Computes the prototype statistics on every realisation of the recovery benchmark.

    python lab/compute.py [--quick] [--splits M] [--restarts R] [--jobs J] [--scenarios a,b]

Reads the data files that ``harness.py`` wrote (work/data/<scenario>/<index>.csv) and writes
work/lab/<scenario>/<index>.json: the Hopkins statistic (box window with toroidal distances,
the plain box window, and the principal-axis box with toroidal distances), prediction strength
with its standard error and the normalised instability for k = 2…8 from M random 2-fold splits
(k-means++ with R restarts per half), and the seconds each took. The seed of a realisation is
a function of its scenario and index only.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import pathlib
import sys
import time
import zlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import hopkins  # noqa: E402
import resampling  # noqa: E402
import scenarios  # noqa: E402

K_MAX = 8


def _job(args):
    scenario, index, path, out, splits, restarts = args
    if out.exists():
        return
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    rng = np.random.default_rng(np.random.SeedSequence([zlib.crc32(f"lab:{scenario}".encode()), index]))
    record = {"scenario": scenario, "index": index, "n": data.shape[0], "d": data.shape[1]}
    started = time.perf_counter()
    for window in ("torus", "box", "pca-torus"):
        h, p = hopkins.hopkins(data, rng, window=window)
        record[f"hopkins_{window}"] = h
        record[f"hopkins_{window}_p"] = p
    record["hopkins_m"] = hopkins.default_m(data.shape[0])
    record["hopkins_seconds"] = time.perf_counter() - started
    started = time.perf_counter()
    result = resampling.split_criteria(data, range(2, K_MAX + 1), splits, restarts, rng)
    record["split_seconds"] = time.perf_counter() - started
    record["splits"] = splits
    record["restarts"] = restarts
    for key in ("ps", "ps_se", "instability", "normalised_instability"):
        record[key] = {str(k): float(v) for k, v in result[key].items()}
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(record))
    tmp.replace(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--splits", type=int, default=20)
    parser.add_argument("--restarts", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scenarios")
    parser.add_argument("--work", default=str(HERE.parent / "work"))
    parser.add_argument("--label", default="lab")
    args = parser.parse_args()
    work = pathlib.Path(args.work)
    chosen = scenarios.scenarios(quick=args.quick)
    if args.scenarios:
        chosen = [s for s in chosen if s.name in set(args.scenarios.split(","))]
    jobs = []
    for s in chosen:
        for i in range(s.realisations):
            path = work / "data" / s.name / f"{i:04d}.csv"
            out = work / args.label / s.name / f"{i:04d}.json"
            jobs.append((s.name, i, path, out, args.splits, args.restarts))
    started = time.perf_counter()
    with multiprocessing.Pool(args.jobs) as pool:
        for number, _ in enumerate(pool.imap_unordered(_job, jobs), 1):
            if number % 50 == 0:
                print(f"{number}/{len(jobs)} {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
