"""Prediction strength and normalised instability from one set of random 2-fold splits.

Both criteria cluster two disjoint halves of the data and transfer one half's clustering to
the other by nearest centroid, so they share every k-means fit:

* prediction strength (Tibshirani & Walther 2005), with ``fpc::prediction.strength``'s
  conventions: split l permutes the rows and takes the first ⌊n/2⌋ as half 1, the rest as
  half 2; each half is clustered with k centres and is the test set once, its points assigned
  to the other half's centres; for a test clustering, the strength of its cluster j (n_j ≥ 2
  points) is the fraction of its n_j(n_j − 1) ordered pairs that the other half's centres also
  put together (a cluster of one point counts as 1); the split's strength is the mean over its
  two directions of the minimum over test clusters; ps(k) is the mean over the M splits, with
  its standard error sd/√M; ps(1) = 1.
* normalised instability (Lange, Roth, Braun & Buhmann 2004): on the same transfers, the
  disagreement of a half's own labels with the labels transferred from the other half, after
  the best matching of labels (Hungarian algorithm), as a fraction of the half's points,
  averaged over both directions and the M splits, divided by the same disagreement for two
  independent uniformly random labellings with k labels of a half (estimated once per (size, k)
  from RANDOM_LABELLINGS draws), so that k's are comparable. Pick: the k ≥ 2 of least value.
"""

from __future__ import annotations

import functools

import numpy as np
from scipy.optimize import linear_sum_assignment

import kmeans

RANDOM_LABELLINGS = 400


def splits(n: int, count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """count random 2-fold splits: index arrays (count, ⌊n/2⌋) and (count, n − ⌊n/2⌋)."""
    half = n // 2
    perms = np.array([rng.permutation(n) for _ in range(count)])
    return perms[:, :half], perms[:, half:]


def _pair_strength(test_labels: np.ndarray, predicted: np.ndarray, k: int) -> float:
    """min over test clusters of the fraction of ordered pairs also put together."""
    table = np.zeros((k, k))
    np.add.at(table, (test_labels, predicted), 1.0)
    sizes = table.sum(1)
    together = (table**2 - table).sum(1)
    with np.errstate(invalid="ignore", divide="ignore"):
        strength = np.where(sizes > 1, together / (sizes * (sizes - 1)), 1.0)
    return float(strength.min())


def _disagreement(a: np.ndarray, b: np.ndarray, k: int) -> float:
    """1 − (best matching agreement of labellings a and b) / n."""
    table = np.zeros((k, k))
    np.add.at(table, (a, b), 1.0)
    rows, cols = linear_sum_assignment(-table)
    return 1.0 - table[rows, cols].sum() / len(a)


@functools.lru_cache(maxsize=None)
def random_disagreement(n: int, k: int) -> float:
    """Expected best-matched disagreement of two uniform random labellings of n points."""
    rng = np.random.default_rng(np.random.SeedSequence([n, k, 2004]))
    values = [_disagreement(rng.integers(0, k, n), rng.integers(0, k, n), k) for _ in range(RANDOM_LABELLINGS)]
    return float(np.mean(values))


def split_criteria(
    data: np.ndarray,
    ks: range,
    count: int,
    restarts: int,
    rng: np.random.Generator,
) -> dict:
    """Prediction strength and instability for every k of ks (k ≥ 2) from ``count`` splits.

    Returns {"ps": {k: mean}, "ps_se": {k: se}, "instability": {k: raw},
    "normalised_instability": {k: value}, "half_wcss": {k: (count, 2) array},
    "ps_splits": {k: (count,) strengths}, "instability_splits": {k: (count,) normalised values}}.
    """
    first, second = splits(len(data), count, rng)
    halves = (data[first], data[second])
    out = {
        "ps": {1: 1.0},
        "ps_se": {1: 0.0},
        "instability": {},
        "normalised_instability": {},
        "half_wcss": {},
        "ps_splits": {},
        "instability_splits": {},
    }
    for k in ks:
        if k < 2:
            continue
        fits = [kmeans.fit_batch(h, k, restarts, rng) for h in halves]
        wcss = np.stack([fits[0][2], fits[1][2]], axis=1)
        out["half_wcss"][k] = wcss
        strengths = np.empty(count)
        disagreements = np.empty(count)
        for l in range(count):
            values_ps = []
            values_d = []
            for test, train in ((0, 1), (1, 0)):
                own = fits[test][1][l]
                transferred = kmeans.nearest_centre(halves[test][l][None], fits[train][0][l][None])[0]
                values_ps.append(_pair_strength(own, transferred, k))
                values_d.append(_disagreement(own, transferred, k))
            strengths[l] = np.mean(values_ps)
            disagreements[l] = np.mean(values_d)
        out["ps"][k] = float(strengths.mean())
        out["ps_se"][k] = float(strengths.std(ddof=1) / np.sqrt(count)) if count > 1 else float("nan")
        raw = float(disagreements.mean())
        out["instability"][k] = raw
        baseline = np.mean([random_disagreement(first.shape[1], k), random_disagreement(second.shape[1], k)])
        out["normalised_instability"][k] = raw / baseline
        out["ps_splits"][k] = strengths
        out["instability_splits"][k] = disagreements / baseline
    return out


def ps_pick(ps: dict, threshold: float = 0.8) -> int:
    """The largest k with ps(k) ≥ threshold (ps(1) = 1, so at least 1)."""
    return max(k for k, v in ps.items() if v >= threshold)


def instability_pick(normalised: dict) -> int:
    return min(normalised, key=lambda k: (normalised[k], k))


def nselectboot(data: np.ndarray, ks: range, count: int, restarts: int, rng: np.random.Generator) -> dict:
    """fpc::nselectboot with kmeansCBI and classification = "centroid" (Fang & Wang 2012):
    two bootstrap samples, each clustered with k centres; every one of the n points is
    assigned to its nearest centre of each; the instability is the number of ordered pairs put
    together by the first and apart by the second, over n², averaged over ``count`` pairs of
    samples. Pick: the k of least instability."""
    n = len(data)
    out = {}
    for k in ks:
        if k < 2:
            continue
        samples = [data[rng.integers(0, n, (count, n))] for _ in range(2)]
        fits = [kmeans.fit_batch(s, k, restarts, rng) for s in samples]
        values = np.empty(count)
        for l in range(count):
            a = kmeans.nearest_centre(data[None], fits[0][0][l][None])[0]
            b = kmeans.nearest_centre(data[None], fits[1][0][l][None])[0]
            table = np.zeros((k, k))
            np.add.at(table, (a, b), 1.0)
            values[l] = ((table.sum(1) ** 2) - (table**2).sum(1)).sum() / n**2
        out[k] = (float(values.mean()), float(values.std(ddof=1) / np.sqrt(count)))
    return out


def clusterboot(data: np.ndarray, ks: range, count: int, restarts: int, rng: np.random.Generator) -> dict:
    """fpc::clusterboot's bootstrap Jaccard (bootmethod = "boot", Hennig 2007) for every k.

    The data are clustered once with k centres; each of ``count`` bootstrap samples (n rows
    with replacement) is clustered again; for every original cluster C, restricted to the rows
    of the sample (duplicates counted, as fpc does), its Jaccard similarity with the most
    similar cluster of the sample's clustering is recorded. Returns {k: (mean over clusters of
    the clusters' mean Jaccard, the smallest cluster mean, its standard error over samples)}.
    Pick: the k ≥ 2 of largest mean.
    """
    n = len(data)
    out = {}
    for k in ks:
        if k < 2:
            continue
        _, original, _ = kmeans.fit(data, k, restarts, rng)
        rows = rng.integers(0, n, (count, n))
        _, labels, _ = kmeans.fit_batch(data[rows], k, restarts, rng)
        per = np.empty((count, k))
        for b in range(count):
            a = original[rows[b]]
            table = np.zeros((k, k))
            np.add.at(table, (a, labels[b]), 1.0)
            union = table.sum(1)[:, None] + table.sum(0)[None, :] - table
            with np.errstate(invalid="ignore", divide="ignore"):
                jaccard = np.where(union > 0, table / union, 0.0)
            per[b] = jaccard.max(1)  # a cluster absent from the sample scores 0, as in fpc
        means = per.mean(0)
        overall = per.mean(1)
        out[k] = (float(means.mean()), float(means.min()), float(overall.std(ddof=1) / np.sqrt(count)))
    return out
