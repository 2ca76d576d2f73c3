"""The peer pipeline for the whole choice of k, with scikit-learn and a numpy gap loop.

    python sweep_sklearn.py data.csv --k-min 1 --k-max 15 --restarts 10 --references 20 [--jobs 2]

Mirrors `kselect sweep` with the same settings: for every k one KMeans fit (k-means++,
`restarts` runs, tol 1e-4), W_k, silhouette, Calinski-Harabasz and Davies-Bouldin; the gap
statistic (Tibshirani, Walther & Hastie 2001) with `references` uniform reference sets over the
box of the feature ranges, each clustered with the same settings; the Tibs2001SEmax choice.
With --jobs J the reference sets are clustered in J worker processes (joblib, one thread
each), the way a user who knows scikit-learn's threads would spread them; same numbers.
Prints one JSON object.
"""

import argparse
import json
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score


def wcss(x, k, restarts, seed):
    return float(KMeans(n_clusters=k, n_init=restarts, tol=1e-4, random_state=seed).fit(x).inertia_)


def reference_logs_of(b, low, high, shape, ks, restarts, seed):
    """ln W_k of reference set b for every k; set b is drawn from its own seeded generator so
    that the numbers do not depend on which process draws it."""
    z = np.random.default_rng([seed, b]).uniform(low, high, size=shape)
    return [np.log(wcss(z, k, restarts, seed + b)) for k in ks]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--k-min", type=int, default=1)
    parser.add_argument("--k-max", type=int, default=15)
    parser.add_argument("--restarts", type=int, default=10)
    parser.add_argument("--references", type=int, default=20)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the reference sets")
    args = parser.parse_args()
    start = time.perf_counter()
    x = np.loadtxt(args.csv, delimiter=",", skiprows=1)
    if x.ndim == 1:
        x = x[:, None]
    ks = list(range(args.k_min, args.k_max + 1))
    rows = []
    for k in ks:
        model = KMeans(n_clusters=k, n_init=args.restarts, tol=1e-4, random_state=args.seed).fit(x)
        row = {"k": k, "wcss": float(model.inertia_)}
        if k >= 2:
            row["silhouette"] = float(silhouette_score(x, model.labels_))
            row["calinski_harabasz"] = float(calinski_harabasz_score(x, model.labels_))
            row["davies_bouldin"] = float(davies_bouldin_score(x, model.labels_))
        rows.append(row)
    low, high = x.min(axis=0), x.max(axis=0)
    draw = (low, high, x.shape, ks, args.restarts, args.seed)
    if args.jobs > 1:
        from joblib import Parallel, delayed

        logs = Parallel(n_jobs=args.jobs)(delayed(reference_logs_of)(b, *draw) for b in range(args.references))
    else:
        logs = [reference_logs_of(b, *draw) for b in range(args.references)]
    reference_logs = np.array(logs)
    mean_logs = reference_logs.mean(axis=0)
    sd = reference_logs.std(axis=0)
    se = sd * np.sqrt(1 + 1 / args.references)
    gaps = [mean_logs[i] - np.log(rows[i]["wcss"]) for i in range(len(ks))]
    for i, row in enumerate(rows):
        row["gap"] = float(gaps[i])
        row["gap_se"] = float(se[i])
    chosen = ks[-1]
    for i in range(len(ks) - 1):
        if gaps[i] >= gaps[i + 1] - se[i + 1]:
            chosen = ks[i]
            break
    with_silhouette = [r for r in rows if "silhouette" in r]
    summary = {
        "rows": rows,
        "gap_choice": chosen,
        "silhouette_choice": max(with_silhouette, key=lambda r: r["silhouette"])["k"] if with_silhouette else None,
        "seconds": time.perf_counter() - start,
    }
    json.dump(summary, sys.stdout)
    print()


if __name__ == "__main__":
    main()
