"""The decision rule: is there structure, and which k (DESIGN.md, "The decision rule").

Inputs are what one `kselect sweep --reference-space pca` computes: ln W_k of the data for
k = 1…K, ln W*_kb of the B reference sets, and the mean silhouette of every k ≥ 2.

1. Gap curve: Gap(k) = mean_b ln W*_kb − ln W_k, s_k = sd_b(ln W*_kb) · √(1 + 1/B) (sd with
   divisor B, as kselect and clusGap compute it).
2. Structure test (Monte Carlo, Barnard 1963 / Besag & Diggle 1977): for each of the B + 1 sets
   (the data and every reference) its gap curve against the mean ln W* of the other B sets and
   T = max_{k ≥ 2} [Gap(k) − Gap(1)]; p = #{sets with T ≥ T_data} / (B + 1). Under the null
   (the data are one more draw from the reference distribution) the sets are exchangeable and
   P(p ≤ j/(B+1)) = j/(B+1). Structure is declared when p ≤ 1/(B + 1) (the data's gain beats
   every reference's: a level-1/(B+1) test, 0.048 for B = 20) or when Tibshirani et al.'s own
   rule picks k ≥ 2 (Gap(1) < Gap(2) − s_2). No structure → k = 1.
3. Otherwise two readings of the gap curve over k ≥ 2 bracket the answer: k_T, the smallest
   k ≥ 2 with Gap(k) ≥ Gap(k+1) − s_{k+1} (Tibshirani et al. 2001; K when none), and k_G, the
   smallest k ≥ 2 with Gap(k) ≥ Gap(k*) − s_{k*}, k* = argmax_{k ≥ 2} Gap(k) (the "globalSEmax"
   reading, Dudoit & Fridlyand 2002). k is the k in [min(k_T, k_G), max(k_T, k_G)] with the
   largest mean silhouette (Rousseeuw 1987), the smaller k on a tie.

A resample of m of the data's n rows is decided against the *data's* reference sets moved to
size m by ``reused_references`` (DESIGN.md, "Selection frequencies").
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

TIE = 1e-12


@dataclasses.dataclass(frozen=True)
class Decision:
    structure: bool
    p_value: float  # the Monte Carlo p-value of the structure test
    tibs: int  # Tibs2001SEmax over k ≥ 1 (the gap's own pick)
    k_t: int | None  # Tibs2001SEmax over k ≥ 2
    k_g: int | None  # globalSEmax over k ≥ 2
    k: int
    reason: str


def gap_curve(log_w: np.ndarray, log_ref: np.ndarray):
    """(Gap(k), s_k) for k = 1…K."""
    b = log_ref.shape[1]
    return log_ref.mean(1) - log_w, log_ref.std(1) * math.sqrt(1.0 + 1.0 / b)


def reused_references(log_ref: np.ndarray, m: int, n: int) -> np.ndarray:
    """The data's reference curves (n rows) moved to a resample of m rows: W* is a sum over
    points, so E ln W*_k(m) ≈ E ln W*_k(n) + ln(m/n); its spread shrinks as 1/√(size), so each
    reference's deviation from the mean is scaled by √(n/m)."""
    mean = log_ref.mean(1, keepdims=True)
    return mean + math.log(m / n) + (log_ref - mean) * math.sqrt(n / m)


def monte_carlo_p(log_w: np.ndarray, log_ref: np.ndarray) -> float:
    """The structure test's p-value (step 2). Constant shifts of any curve cancel in T."""
    curves = np.concatenate([log_w[:, None], log_ref], axis=1)  # column 0: the data
    count = curves.shape[1]
    others = (curves.sum(1, keepdims=True) - curves) / (count - 1)
    gaps = others - curves
    t = (gaps[1:] - gaps[0]).max(0)
    return float((t >= t[0] - TIE).sum() / count)


def tibs(gap: np.ndarray, se: np.ndarray, start: int = 1) -> int:
    """The smallest k ≥ start with Gap(k) ≥ Gap(k+1) − s_{k+1}; K when none."""
    for k in range(start, len(gap)):
        if gap[k - 1] >= gap[k] - se[k]:
            return k
    return len(gap)


def global_se(gap: np.ndarray, se: np.ndarray, start: int = 2) -> int:
    """The smallest k ≥ start with Gap(k) ≥ Gap(k*) − s_{k*}, k* the largest gap over k ≥ start."""
    best = int(np.argmax(gap[start - 1 :])) + start
    return next(k for k in range(start, len(gap) + 1) if gap[k - 1] >= gap[best - 1] - se[best - 1])


def decide(log_w: np.ndarray, log_ref: np.ndarray, silhouette: np.ndarray) -> Decision:
    """The rule on one data set: ln W_k (K,), ln W*_kb (K, B), mean silhouettes (K,; entry k − 1
    for k, k ≥ 2)."""
    gap, se = gap_curve(log_w, log_ref)
    b = log_ref.shape[1]
    p = monte_carlo_p(log_w, log_ref)
    own = tibs(gap, se)
    passed = p <= 1.0 / (b + 1) + TIE
    if not (passed or own >= 2):
        return Decision(False, p, own, None, None, 1, f"no structure: gap test p = {p:.3f} > 1/{b + 1}, gap picks 1")
    k_t, k_g = tibs(gap, se, 2), global_se(gap, se, 2)
    low, high = sorted((k_t, k_g))
    k = max(range(low, high + 1), key=lambda j: (silhouette[j - 1], -j))
    why = "gap test p = %.3f" % p if passed else "gap picks %d" % own
    return Decision(True, p, own, k_t, k_g, k, f"structure ({why}); k in [{low}, {high}] with the largest silhouette")
