"""The Hopkins statistic with Wright's (2022) correction, and an edge correction.

m points u_1..u_m are drawn uniformly in a window around the data and m distinct data points
x_1..x_m are drawn without replacement; U_i is the distance from u_i to its nearest data point,
W_i the distance from x_i to its nearest other data point. With d the dimension,

    H = Σ U_i^d / (Σ U_i^d + Σ W_i^d).

Under complete spatial randomness (the data uniform in the window) and m ≪ n, U_i^d and W_i^d
are independent with the same exponential law (the volume of a nearest-neighbour ball), so
H ~ Beta(m, m) (Wright 2022, The R Journal 14/3); a clustered pattern has small W and large U,
H → 1. The p-value is P(Beta(m, m) ≥ H). Without the power d (as many implementations compute
it), H is not Beta(m, m) under the null for d > 1.

Windows (``window``):

* ``torus`` (the recommended one): the box [min_j − r_j/(n−1), max_j + r_j/(n−1)] of every
  feature j (r_j its range; the widening is the unbiased estimate of a uniform's support from
  its sample extremes), with distances measured on the torus of that box (each coordinate
  difference δ taken as min(|δ|, L_j − |δ|)). Without wrapping, the nearest-neighbour balls of
  points near the faces are cut off, data points (which fill the whole box) have longer
  nearest-neighbour distances than the window's sampled points, and H under the null drifts
  below 0.5 with too wide a spread, so that the Beta p-value rejects uniform data far more often
  than its level once d ≥ 5 (DESIGN.md, "Hopkins"). On the torus every point has the same
  neighbourhood and the Beta law holds.
* ``box``: the data's bounding box, Euclidean distances (the textbook form, edge effects included).
* ``pca-torus``: as ``torus`` in the coordinates of the data's principal axes (the window of
  the gap statistic's ``pca`` references).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import beta


def default_m(n: int) -> int:
    """m = ⌈n/10⌉, at least 5 and at most 100: small against n, as the Beta law needs."""
    return int(min(100, max(5, math.ceil(n / 10))))


def _distances(points: np.ndarray, data: np.ndarray, periods: np.ndarray | None) -> np.ndarray:
    if periods is None:
        sq = (points**2).sum(1)[:, None] + (data**2).sum(1)[None, :] - 2.0 * points @ data.T
        return np.sqrt(np.maximum(sq, 0.0))
    diff = np.abs(points[:, None, :] - data[None, :, :])
    diff = np.minimum(diff, periods - diff)
    return np.sqrt((diff**2).sum(-1))


def hopkins(data: np.ndarray, rng: np.random.Generator, m: int | None = None, window: str = "torus") -> tuple[float, float]:
    """(H, p-value) of one draw of m window points and m data points."""
    n, d = data.shape
    m = default_m(n) if m is None else m
    coords = data
    if window == "pca-torus":
        centred = data - data.mean(0)
        _, _, vt = np.linalg.svd(centred, full_matrices=False)
        coords = centred @ vt.T
    low, high = coords.min(0), coords.max(0)
    if window == "box":
        periods = None
    else:
        spread = (high - low) / (n - 1)
        low, high = low - spread, high + spread
        periods = high - low
    sampled = rng.choice(n, size=m, replace=False)
    w_all = _distances(coords[sampled], coords, periods)
    w_all[np.arange(m), sampled] = np.inf
    w = w_all.min(1)
    u = _distances(rng.uniform(low, high, size=(m, coords.shape[1])), coords, periods).min(1)
    # the d-th powers in log space, so that d = 20 and distances far from 1 stay finite
    log_u, log_w = d * np.log(np.maximum(u, 1e-300)), d * np.log(np.maximum(w, 1e-300))
    top = max(log_u.max(), log_w.max())
    su, sw = np.exp(log_u - top).sum(), np.exp(log_w - top).sum()
    h = float(su / (su + sw))
    return h, float(beta.sf(h, m, m))
