"""Checks the sampled mean silhouette's standard error on exact s(i).

    python se_coverage.py REPORT [REPORT ...]

Each REPORT is a `kselect sweep --exact-silhouettes` report: its assignments.csv holds every
point's exact s(i) at the recommended k. The sweep's sample takes s(i) exact against every
point, so its estimate is a simple random sample mean of these values: this draws 2,000 such
samples for each size, and compares the standard error formula √((1 − s/n) S²/s) with the
spread of the estimates, and ±1.96 SE intervals with the exact mean.
"""
import csv
import sys

import numpy as np

rng = np.random.default_rng(7)
print("| report | n | s | exact mean | sd of estimates | mean SE formula | 95 % coverage | max abs error |")
print("|---|---|---|---|---|---|---|---|")
for report in sys.argv[1:]:
    values = np.array([float(r["silhouette"]) for r in csv.DictReader(open(f"{report}/assignments.csv"))])
    n = values.size
    exact = values.mean()
    for s in (1000, 2000, 5000):
        if s >= n:
            continue
        estimates, errors = [], []
        for _ in range(2000):
            sample = values[rng.choice(n, size=s, replace=False)]
            estimates.append(sample.mean())
            errors.append(np.sqrt((1 - s / n) * sample.var(ddof=1) / s))
        estimates, errors = np.array(estimates), np.array(errors)
        coverage = np.mean(np.abs(estimates - exact) <= 1.96 * errors)
        print(f"| {report} | {n} | {s} | {exact:.4f} | {estimates.std():.5f} | {errors.mean():.5f} | {coverage:.3f} "
              f"| {np.abs(estimates - exact).max():.4f} |")
