"""k-means for the prototype: k-means++ seeding and Lloyd's algorithm, batched.

``fit_batch`` fits many independent problems of the same shape at once (the halves of many
random splits, each with several restarts) as one array computation, which is what makes the
resampling criteria affordable in numpy. Empty clusters are re-seeded with the point farthest
from its centre. Not kselect's k-means (no greedy candidates, no polishing): the prototype
needs the statistics' definitions, not kselect's fits.
"""

from __future__ import annotations

import numpy as np


def _sq_distances(points: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """points (B, n, d), centres (B, k, d) → squared distances (B, n, k)."""
    pp = np.einsum("bnd,bnd->bn", points, points)[:, :, None]
    cc = np.einsum("bkd,bkd->bk", centres, centres)[:, None, :]
    return np.maximum(pp + cc - 2.0 * np.einsum("bnd,bkd->bnk", points, centres), 0.0)


def _plus_plus(points: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    b, n, d = points.shape
    rows = np.arange(b)
    first = rng.integers(0, n, size=b)
    centres = np.empty((b, k, d))
    centres[:, 0] = points[rows, first]
    nearest = ((points - centres[:, :1]) ** 2).sum(-1)
    for j in range(1, k):
        total = nearest.sum(1)
        u = rng.random(b) * total
        chosen = (np.cumsum(nearest, 1) < u[:, None]).sum(1)
        chosen = np.minimum(chosen, n - 1)
        # all points coincide with chosen centres (total 0): any point will do
        chosen = np.where(total > 0, chosen, rng.integers(0, n, size=b))
        centres[:, j] = points[rows, chosen]
        nearest = np.minimum(nearest, ((points - centres[:, j : j + 1]) ** 2).sum(-1))
    return centres


def fit_batch(points: np.ndarray, k: int, restarts: int, rng: np.random.Generator, max_iter: int = 100):
    """Fits k-means to each of the B problems in ``points`` (B, n, d), best of ``restarts``.

    Returns centres (B, k, d), labels (B, n) and W_k (B,).
    """
    b, n, d = points.shape
    expanded = np.repeat(points, restarts, axis=0)  # (B·R, n, d)
    centres = _plus_plus(expanded, k, rng)
    labels = np.full((b * restarts, n), -1)
    rows = np.arange(b * restarts)
    for _ in range(max_iter):
        dist = _sq_distances(expanded, centres)
        new = dist.argmin(2)
        if np.array_equal(new, labels):
            break
        labels = new
        onehot = np.zeros((b * restarts, n, k))
        np.put_along_axis(onehot, labels[:, :, None], 1.0, axis=2)
        counts = onehot.sum(1)  # (B·R, k)
        sums = np.einsum("bnk,bnd->bkd", onehot, expanded)
        empty = counts == 0
        with np.errstate(invalid="ignore", divide="ignore"):
            centres = np.where(empty[:, :, None], centres, sums / np.maximum(counts, 1)[:, :, None])
        if empty.any():
            own = dist[rows[:, None], np.arange(n)[None, :], labels]
            for r, j in zip(*np.nonzero(empty)):
                far = int(own[r].argmax())
                centres[r, j] = expanded[r, far]
                own[r, far] = 0.0
            labels = np.full_like(labels, -1)  # force another assignment
    dist = _sq_distances(expanded, centres)
    labels = dist.argmin(2)
    wcss = np.take_along_axis(dist, labels[:, :, None], 2)[:, :, 0].sum(1)
    wcss = wcss.reshape(b, restarts)
    best = wcss.argmin(1)
    pick = np.arange(b) * restarts + best
    return centres[pick], labels[pick], wcss[np.arange(b), best]


def fit(points: np.ndarray, k: int, restarts: int, rng: np.random.Generator):
    """One problem: centres (k, d), labels (n,), W_k."""
    centres, labels, wcss = fit_batch(points[None], k, restarts, rng)
    return centres[0], labels[0], float(wcss[0])


def nearest_centre(points: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """points (B, n, d), centres (B, k, d) → the index of the nearest centre (B, n)."""
    return _sq_distances(points, centres).argmin(2)
