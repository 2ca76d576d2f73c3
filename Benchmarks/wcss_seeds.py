"""W_k of one fit over many seeds, KSelect against scikit-learn: is one side's k-means++ luckier?

    Benchmarks/.venv/bin/python Benchmarks/wcss_seeds.py N D K [SEEDS]

Uses the benchmark's blobs (Benchmarks/work/blobs_N_D.bin, written by compare.py) and the
release kselect-bench (.build-bench). KSelect fits with seeds 0..SEEDS-1 (`--repeats SEEDS
--seed 0`), scikit-learn with random_state 0..SEEDS-1 on one thread; both k-means++ then Lloyd,
one restart, tol 1e-4. Prints both sides' median and mean W_k and how often each reaches the
best W_k either side found (to a relative 1e-6). Timing is not the point: run it beside anything.
"""

import json
import statistics
import subprocess
import sys
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

HERE = Path(__file__).resolve().parent


def main():
    n, d, k = (int(v) for v in sys.argv[1:4])
    seeds = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    path = HERE / "work" / f"blobs_{n}_{d}.bin"
    bench = HERE.parent / ".build-bench" / "release" / "kselect-bench"
    command = [str(bench), "fit", str(path), str(n), str(d), "--k", str(k), "--repeats", str(seeds), "--seed", "0"]
    ours = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])["wcss"]
    x = np.fromfile(path, dtype="<f8").reshape(n, d)
    with threadpool_limits(1):
        theirs = [KMeans(n_clusters=k, n_init=1, tol=1e-4, random_state=s).fit(x).inertia_ for s in range(seeds)]
    best = min(min(ours), min(theirs))
    for name, values in (("kselect", ours), ("scikit-learn", theirs)):
        reached = sum(w <= best * (1 + 1e-6) for w in values)
        print(f"{name:12s} median {statistics.median(values):.6g}  mean {statistics.mean(values):.6g}  "
              f"best {best:.6g} reached {reached} of {seeds}")


if __name__ == "__main__":
    main()
