"""The scale benchmark's data: the benchmark's blobs (compare.py's generator, 10 centres) as CSV
files with a header, written once into Benchmarks/work/."""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import compare  # noqa: E402  (the generator shared with the other benchmarks)

# The true number of clusters of every data set.
KNOWN_K = compare.CENTRES

# Rows written per block, so that 10^7 rows need no second copy of the data in memory.
BLOCK_ROWS = 500_000


def blobs_csv(n, d):
    """Writes (once) and returns the CSV of the N × D blobs: header x0..x{d-1}, 17 significant
    digits, the same values as the raw file compare.py's tasks read."""
    path = compare.WORK / f"scale_{n}_{d}.csv"
    if path.exists() and path.stat().st_size > 0:
        return path
    values = np.memmap(compare.data_file(n, d), dtype="<f8", mode="r", shape=(n, d))
    partial = path.with_suffix(".csv.partial")
    with open(partial, "w") as out:
        out.write(",".join(f"x{j}" for j in range(d)) + "\n")
        for first in range(0, n, BLOCK_ROWS):
            np.savetxt(out, values[first : first + BLOCK_ROWS], delimiter=",", fmt="%.17g")
    partial.rename(path)
    return path
