"""The three stability indices, and prediction strength's parameters, on the same realisations.

    python lab/stability_runs.py [--every 4] [--splits 40] [--boots 20] [--jobs J]

For every realisation whose index is a multiple of ``--every`` (even indices only: the design
half), computes with the prototype (lab/kmeans.py, k = 2…8):

* from ``--splits`` random 2-fold splits, each half fitted with 3 and with 1 k-means++
  restart(s): the strength (Tibshirani & Walther 2005) and the normalised instability (Lange
  et al. 2004) of every split, so that any M ≤ --splits can be evaluated from the first M;
* fpc's bootstrap instability (nselectboot, ``--boots`` pairs of bootstrap samples, 3 restarts);
* clusterboot's bootstrap Jaccard (``--boots`` samples, 3 restarts);

with the seconds each took and the number of k-means fits and rows they cost, and writes
work/stability/<scenario>/<index>.json.
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

import resampling  # noqa: E402
import scenarios  # noqa: E402

KS = range(2, 9)


def _job(args):
    scenario, index, path, out, splits, boots = args
    if out.exists():
        return
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    n = len(data)
    record = {"scenario": scenario, "index": index, "n": n, "d": data.shape[1], "splits": splits, "boots": boots}
    for restarts in (3, 1):
        rng = np.random.default_rng(np.random.SeedSequence([zlib.crc32(f"splits:{scenario}".encode()), index, restarts]))
        started = time.perf_counter()
        result = resampling.split_criteria(data, KS, splits, restarts, rng)
        record[f"split_r{restarts}_seconds"] = time.perf_counter() - started
        record[f"ps_splits_r{restarts}"] = {str(k): v.tolist() for k, v in result["ps_splits"].items()}
        record[f"instability_splits_r{restarts}"] = {str(k): v.tolist() for k, v in result["instability_splits"].items()}
    record["split_rows"] = 2 * splits * (n // 2) * len(KS)  # rows fitted per restart
    rng = np.random.default_rng(np.random.SeedSequence([zlib.crc32(f"nselectboot:{scenario}".encode()), index]))
    started = time.perf_counter()
    boot = resampling.nselectboot(data, KS, boots, 3, rng)
    record["nselectboot_seconds"] = time.perf_counter() - started
    record["nselectboot"] = {str(k): v[0] for k, v in boot.items()}
    record["nselectboot_rows"] = 2 * boots * n * len(KS)
    rng = np.random.default_rng(np.random.SeedSequence([zlib.crc32(f"clusterboot:{scenario}".encode()), index]))
    started = time.perf_counter()
    jac = resampling.clusterboot(data, KS, boots, 3, rng)
    record["clusterboot_seconds"] = time.perf_counter() - started
    record["clusterboot_mean"] = {str(k): v[0] for k, v in jac.items()}
    record["clusterboot_min"] = {str(k): v[1] for k, v in jac.items()}
    record["clusterboot_rows"] = (boots + 1) * n * len(KS)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(record))
    tmp.replace(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--every", type=int, default=4)
    parser.add_argument("--splits", type=int, default=40)
    parser.add_argument("--boots", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--work", default=str(HERE.parent / "work"))
    args = parser.parse_args()
    work = pathlib.Path(args.work)
    jobs = []
    for s in scenarios.scenarios():
        for i in range(0, s.realisations, args.every):
            path = work / "data" / s.name / f"{i:04d}.csv"
            jobs.append((s.name, i, path, work / "stability" / s.name / f"{i:04d}.json", args.splits, args.boots))
    started = time.perf_counter()
    with multiprocessing.Pool(args.jobs) as pool:
        for number, _ in enumerate(pool.imap_unordered(_job, jobs), 1):
            if number % 20 == 0:
                print(f"{number}/{len(jobs)} {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
