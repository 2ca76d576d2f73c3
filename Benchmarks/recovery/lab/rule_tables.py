"""Recovery tables of the decision rule (lab/decide.py) beside every single criterion.

    python lab/rule_tables.py

Writes, from the benchmark's two kselect runs (results/kselect-*, results/pca-*) and the
prototype statistics (work/lab/, lab/compute.py):

* results/rule-candidates.md: the rules considered, on the design half (even indices) only,
  which is where the rule was chosen;
* results/rule-recovery.md: the chosen rule beside every single criterion on the design half,
  the held-out half (odd indices) and all realisations, and issue 17's targets;
* results/rule-realisations.csv: the rule's verdict, p-value, bracket and k per realisation.
"""

from __future__ import annotations

import csv
import pathlib
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import decide  # noqa: E402
import evidence  # noqa: E402
import rules  # noqa: E402
import scenarios  # noqa: E402

RESULTS = HERE.parent / "results"
SEPARATED = {s.name for s in scenarios.scenarios() if s.separated}

SINGLES = {
    "elbow": lambda r: r["picks_box"]["elbow"],
    "f(K)": lambda r: r["picks_box"]["fk"],
    "silhouette": lambda r: r["picks_box"]["silhouette"],
    "CH": lambda r: r["picks_box"]["calinski_harabasz"],
    "DB": lambda r: r["picks_box"]["davies_bouldin"],
    "gap (box)": lambda r: r["picks_box"]["gap"],
    "gap (pca)": lambda r: r["picks_pca"]["gap"],
    "PS": lambda r: evidence.ps_pick(r),
    "Lange instability": lambda r: rules.argmin_from(r["instability"], 2),
}


def decision(r: dict) -> decide.Decision:
    if "decision" not in r:
        r["decision"] = decide.decide(r["log_w"], r["log_ref_pca"], r["silhouette"])
    return r["decision"]


def rule(r: dict) -> int:
    return decision(r).k


def _gated(choose):
    """A candidate rule: the structure test of step 2, then ``choose`` for k ≥ 2."""
    return lambda r: choose(r) if decision(r).structure else 1


def _bracket(r: dict) -> range:
    d = decision(r)
    low, high = sorted((d.k_t, d.k_g))
    return range(low, high + 1)


def _best_in_bracket(values, sign: float = 1.0):
    return _gated(lambda r: max(_bracket(r), key=lambda k: (sign * values(r)[k - 1], -k)))


def _vote(r: dict) -> int:
    """Plurality of gap (k ≥ 2), silhouette and PS (k ≥ 2); a tie goes to the gap's k."""
    gap = decision(r).k_t
    ps = rules.ps_largest(r["ps"], 0.8, 2) or gap
    picks = [gap, r["picks_box"]["silhouette"], ps]
    return max(picks, key=lambda k: (picks.count(k), k == gap))


def _ps_arbiter(r: dict) -> int:
    """Of the gap's (k ≥ 2), the silhouette's and CH's picks, the one of highest PS."""
    picks = [decision(r).k_t, r["picks_box"]["silhouette"], r["picks_box"]["calinski_harabasz"]]
    return max(picks, key=lambda k: (r["ps"][k - 1], -picks.index(k)))


CANDIDATES = {
    "test, then gap k ≥ 2": _gated(lambda r: decision(r).k_t),
    "test, then globalSEmax k ≥ 2": _gated(lambda r: decision(r).k_g),
    "test, then PS k ≥ 2": _gated(lambda r: rules.ps_largest(r["ps"], 0.8, 2) or 2),
    "test, then silhouette": _gated(lambda r: r["picks_box"]["silhouette"]),
    "test, then CH": _gated(lambda r: r["picks_box"]["calinski_harabasz"]),
    "test, then vote {gap, silhouette, PS}": _gated(_vote),
    "test, then PS arbiter {gap, silhouette, CH}": _gated(_ps_arbiter),
    "test, bracket, largest PS": _best_in_bracket(lambda r: r["ps"]),
    "test, bracket, least instability": _best_in_bracket(lambda r: r["instability"], -1.0),
    "test, bracket, largest silhouette (the rule)": rule,
}


def targets(records: dict, keep, label: str) -> list[str]:
    order, rates, counts = evidence.recovery(records, {**SINGLES, "rule": rule}, keep)
    total = sum(counts.values())
    pooled = {m: sum(rates[s][m] * counts[s] for s in order) / total for m in (*SINGLES, "rule")}
    best = max(SINGLES, key=lambda m: pooled[m])
    gaps = sorted(((rates[s]["rule"] - max(rates[s][m] for m in SINGLES)) * 100, s) for s in order)
    chosen = [r for r in records.values() if keep(r)]
    null = [r for r in chosen if r["truth"] == 1]
    null_ok = 100 * np.mean([not decision(r).structure for r in null])
    per_null = {
        s: 100 * np.mean([not decision(r).structure for r in null if r["scenario"] == s])
        for s in order
        if any(r["scenario"] == s for r in null)
    }
    wrong = {s: sum(decision(r).k == 1 for r in chosen if r["scenario"] == s) for s in order if s in SEPARATED}
    return [
        f"### Targets, {label}",
        "",
        f"- pooled recovery: rule {100 * pooled['rule']:.1f} %, best single criterion {100 * pooled[best]:.1f} % ({best}).",
        "- rule minus the best single criterion on each scenario (points): "
        + ", ".join(f"{s} {v:+.0f}" for v, s in gaps)
        + ".",
        f"- null data answered \"no structure\": {null_ok:.1f} % ("
        + ", ".join(f"{s} {v:.0f} %" for s, v in per_null.items())
        + ").",
        "- \"no structure\" on the clearly separated scenarios (realisations): "
        + ", ".join(f"{s} {v}" for s, v in wrong.items())
        + ".",
        "",
    ]


def main() -> int:
    records = evidence.load()
    singles_and_rule = {**SINGLES, "today's headline": lambda r: r["headline"], "rule": rule}
    design = evidence.selection("design")
    lines = [
        "# Candidate decision rules, design half (even indices)",
        "",
        "Every candidate starts with the structure test of lab/decide.py (step 2: the Monte Carlo gap "
        "test at level 1/(B + 1), or the gap's own pick ≥ 2; principal-axis references) and answers "
        "k = 1 when it finds no structure. \"bracket\" is the range of k between the gap's "
        "Tibs2001SEmax and globalSEmax picks over k ≥ 2. Command: `.venv/bin/python lab/rule_tables.py`.",
        "",
        evidence.markdown(records, {**SINGLES, **CANDIDATES}, design, set(SINGLES), "Recovery (%), design half"),
    ]
    (RESULTS / "rule-candidates.md").write_text("\n".join(lines))
    lines = [
        "# The decision rule beside every single criterion",
        "",
        "The rule of lab/decide.py (DESIGN.md), chosen on the design half (even indices) and measured "
        "on the held-out half (odd indices). PS: largest k with prediction strength ≥ 0.8 (20 splits, "
        "10 restarts per half); Lange instability: least normalised instability over k ≥ 2 (the same "
        "halves); gap (box) is kselect's default, gap (pca) `--reference-space pca`; today's headline is "
        "the plurality vote of the six criteria of the box run. Command: `.venv/bin/python lab/rule_tables.py`.",
        "",
    ]
    for name, label in (("design", "design half"), ("held-out", "held-out half"), ("all", "all realisations")):
        keep = evidence.selection(name)
        lines.append(evidence.markdown(records, singles_and_rule, keep, set(SINGLES), f"## Recovery (%), {label}"))
        lines += targets(records, keep, label)
    (RESULTS / "rule-recovery.md").write_text("\n".join(lines))
    with (RESULTS / "rule-realisations.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["scenario", "index", "true_k", "structure", "p_value", "gap_k", "k_t", "k_g", "k"])
        for key in sorted(records):
            r = records[key]
            d = decision(r)
            writer.writerow([*key, r["truth"], int(d.structure), f"{d.p_value:.4f}", d.tibs, d.k_t or "", d.k_g or "", d.k])
    print((RESULTS / "rule-recovery.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
