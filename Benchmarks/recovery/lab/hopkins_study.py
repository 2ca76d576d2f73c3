"""Calibration and power of the Hopkins test by window and sample size m.

    python lab/hopkins_study.py [--draws 4]

For every realisation of the benchmark, ``--draws`` independent Hopkins statistics for each
window (``torus``, ``box``, ``pca-torus``, see hopkins.py) and each m rule (⌈n/20⌉, ⌈n/10⌉,
⌈n/5⌉; the first two clamped to [5, 100], the last to [5, 200]); writes
results/hopkins.md: the share of draws with p ≤ 0.05 per scenario (on uniform data, the
test's size; elsewhere its rejection rate) and the mean seconds of one test.
"""

from __future__ import annotations

import argparse
import math
import pathlib
import sys
import time
import zlib
from collections import defaultdict

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import hopkins  # noqa: E402
import scenarios  # noqa: E402

WINDOWS = ("torus", "box", "pca-torus")
M_RULES = {
    "n/20": lambda n: int(min(100, max(5, math.ceil(n / 20)))),
    "n/10": hopkins.default_m,
    "n/5": lambda n: int(min(200, max(5, math.ceil(n / 5)))),
}
LEVEL = 0.05


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--draws", type=int, default=4)
    parser.add_argument("--work", default=str(HERE.parent / "work"))
    parser.add_argument("--results", default=str(HERE.parent / "results"))
    args = parser.parse_args()
    work = pathlib.Path(args.work)
    rejected: dict[tuple, list] = defaultdict(list)
    seconds: dict[tuple, list] = defaultdict(list)
    order = []
    for s in scenarios.scenarios():
        order.append(s.name)
        for i in range(s.realisations):
            data = np.loadtxt(work / "data" / s.name / f"{i:04d}.csv", delimiter=",", skiprows=1, ndmin=2)
            rng = np.random.default_rng(np.random.SeedSequence([zlib.crc32(f"hopkins:{s.name}".encode()), i]))
            for window in WINDOWS:
                for rule, m_of in M_RULES.items():
                    for _ in range(args.draws):
                        started = time.perf_counter()
                        _, p = hopkins.hopkins(data, rng, m=m_of(len(data)), window=window)
                        seconds[(window, rule)].append(time.perf_counter() - started)
                        rejected[(s.name, window, rule)].append(p <= LEVEL)
    columns = [(w, r) for w in WINDOWS for r in M_RULES]
    lines = [
        f"# Hopkins test: share of draws with p ≤ {LEVEL} (%), {args.draws} draws per realisation",
        "",
        "Command: `.venv/bin/python lab/hopkins_study.py --draws "
        f"{args.draws}`. H = ΣU^d / (ΣU^d + ΣW^d) with Beta(m, m) p-values (Wright 2022). "
        "On uniform data (tibs-1, null-uniform) the share is the test's size and should be near 5; "
        "elsewhere it is the rate at which uniformity is rejected.",
        "",
        "| scenario | " + " | ".join(f"{w} m={r}" for w, r in columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for name in order:
        cells = [100 * np.mean(rejected[(name, w, r)]) for w, r in columns]
        lines.append(f"| {name} | " + " | ".join(f"{c:.0f}" for c in cells) + " |")
    lines.append(
        "| seconds per test (mean) | " + " | ".join(f"{1e3 * np.mean(seconds[c]):.1f} ms" for c in columns) + " |"
    )
    out = pathlib.Path(args.results) / "hopkins.md"
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
