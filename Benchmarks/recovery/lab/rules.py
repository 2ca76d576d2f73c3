"""Building blocks of the decision rule, computed from a realisation's record (lab/features.py).

Gap quantities come from kselect's metrics.csv and gap_references.csv (per-reference log W*),
so that rules can be tried offline on every realisation without running anything again.
"""

from __future__ import annotations

import numpy as np

K_MAX = 8


def gap_curve(record: dict) -> tuple[np.ndarray, np.ndarray]:
    m = record["metrics"]
    return m["gap"], m["gap_se"]


def structure_p_value(log_w: np.ndarray, log_ref: np.ndarray) -> float:
    """The Monte-Carlo p-value of "the data are one more draw from the reference distribution".

    Statistic: T = max_{k ≥ 2} [Gap(k) − Gap(1)], the largest gain of the gap curve over k = 1.
    The data and the B references are B + 1 exchangeable sets under the null; each one's gap
    curve is taken against the mean log W of the other B sets (for the data this is the usual
    gap), and p = (number of sets whose T is ≥ the data's) / (B + 1), the data included.
    With B = 20 the smallest p is 1/21 ≈ 0.048.
    """
    curves = np.concatenate([log_w[:, None], log_ref], axis=1)  # (K, B + 1), column 0 the data
    total = curves.sum(1, keepdims=True)
    count = curves.shape[1]
    others = (total - curves) / (count - 1)
    gaps = others - curves
    t = (gaps[1:] - gaps[0]).max(0)
    return float((t >= t[0] - 1e-12).sum() / count)


def structure_p(record: dict) -> float:
    return structure_p_value(record["metrics"]["log_wcss"], record["log_ref"])


def tibs_from(gap: np.ndarray, se: np.ndarray, start: int = 1, factor: float = 1.0) -> int:
    """The smallest k ≥ start with Gap(k) ≥ Gap(k+1) − f·s_{k+1} (k_max when none)."""
    for k in range(start, len(gap)):
        if gap[k - 1] >= gap[k] - factor * se[k]:
            return k
    return len(gap)


def argmin_from(values: np.ndarray, start: int = 2) -> int:
    sub = np.where(np.isnan(values[start - 1 :]), np.inf, values[start - 1 :])
    return int(np.argmin(sub)) + start


def ps_curve(record: dict) -> tuple[np.ndarray, np.ndarray]:
    lab = record["lab"]
    ks = range(1, K_MAX + 1)
    return np.array([lab["ps"][str(k)] for k in ks]), np.array([lab["ps_se"][str(k)] for k in ks])


def instability_curve(record: dict) -> np.ndarray:
    lab = record["lab"]
    return np.array([np.nan] + [lab["normalised_instability"][str(k)] for k in range(2, K_MAX + 1)])


def ps_largest(ps: np.ndarray, threshold: float = 0.8, start: int = 1) -> int | None:
    ok = [k for k in range(start, len(ps) + 1) if ps[k - 1] >= threshold]
    return max(ok) if ok else None
