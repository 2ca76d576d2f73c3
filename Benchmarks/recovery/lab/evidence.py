"""Per-realisation evidence for the decision rule, and recovery tables of candidate rules.

Joins the benchmark's two kselect runs (label ``kselect``: box references, the default; label
``pca``: ``--reference-space pca``) and the prototype statistics of lab/compute.py into one
record per realisation, so that a candidate rule is a function of a record.
"""

from __future__ import annotations

import collections
import pathlib
import sys


HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import features  # noqa: E402
import rules  # noqa: E402


def load() -> dict:
    box = features.load("kselect", lab="lab")
    pca = features.load("pca", lab=None)
    out = {}
    for key, b in box.items():
        p = pca[key]
        ps, ps_se = rules.ps_curve(b)
        gap_pca, se_pca = rules.gap_curve(p)
        gap_box, se_box = rules.gap_curve(b)
        out[key] = {
            "key": key,
            "scenario": key[0],
            "index": key[1],
            "truth": b["truth"],
            "n": b["n"],
            "d": b["d"],
            "cell": b["cell"],
            "structure_p_pca": rules.structure_p(p),
            "structure_p_box": rules.structure_p(b),
            "gap_pca": gap_pca,
            "gap_se_pca": se_pca,
            "gap_box": gap_box,
            "gap_se_box": se_box,
            "ps": ps,
            "ps_se": ps_se,
            "instability": rules.instability_curve(b),
            "hopkins_p": b["lab"]["hopkins_torus_p"],
            "hopkins": b["lab"]["hopkins_torus"],
            "hopkins_box_p": b["lab"]["hopkins_box_p"],
            "picks_box": b["picks"],
            "headline": b["headline"],
            "log_w": p["metrics"]["log_wcss"],
            "log_ref_pca": p["log_ref"],
            "silhouette": p["metrics"]["silhouette"],
            "picks_pca": p["picks"],
            "metrics": b["metrics"],
            "seconds_split": b["lab"]["split_seconds"],
        }
    return out


def selection(name: str):
    """Realisation filters: design (even indices), held-out (odd indices), all."""
    return {
        "design": lambda r: r["index"] % 2 == 0,
        "held-out": lambda r: r["index"] % 2 == 1,
        "all": lambda r: True,
    }[name]


def recovery(records: dict, methods: dict, keep) -> tuple[list[str], dict[str, dict[str, float]], dict[str, int]]:
    """scenario → method → fraction right, over the records ``keep`` accepts."""
    hits: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    counts: collections.Counter = collections.Counter()
    order: list[str] = []
    for record in records.values():
        if not keep(record):
            continue
        s = record["scenario"]
        if s not in counts:
            order.append(s)
        counts[s] += 1
        for name, method in methods.items():
            hits[s][name] += int(method(record) == record["truth"])
    rates = {s: {m: hits[s][m] / counts[s] for m in methods} for s in order}
    return order, rates, dict(counts)


def markdown(records: dict, methods: dict, keep, singles: set[str], title: str) -> str:
    """A recovery table (%), with pooled and mean-of-scenarios rows and the best single method."""
    order, rates, counts = recovery(records, methods, keep)
    names = list(methods)
    lines = [title, "", "| scenario | n | " + " | ".join(names) + " | best single |", "|---|---:|" + "---:|" * len(names) + "---|"]

    def row(label, count, values):
        best = max(values[m] for m in names if m in singles)
        who = ", ".join(m for m in names if m in singles and values[m] == best)
        return f"| {label} | {count} | " + " | ".join(f"{100 * values[m]:.0f}" for m in names) + f" | {100 * best:.0f} ({who}) |"

    for s in order:
        lines.append(row(s, counts[s], rates[s]))
    total = sum(counts.values())
    pooled = {m: sum(rates[s][m] * counts[s] for s in order) / total for m in names}
    mean = {m: sum(rates[s][m] for s in order) / len(order) for m in names}
    lines.append(row("**pooled**", total, pooled))
    lines.append(row("**mean of scenarios**", total, mean))
    return "\n".join(lines) + "\n"


def ps_pick(record: dict, threshold: float = 0.8) -> int:
    return rules.ps_largest(record["ps"], threshold)
