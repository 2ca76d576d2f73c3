"""Recovery and cost of the stability indices and of prediction strength's parameters.

    python lab/stability_tables.py

Reads work/stability/ (lab/stability_runs.py: every 4th realisation, design half) and
work/lab/ (lab/compute.py: 20 splits, 10 restarts, every realisation) and writes
results/stability.md:

1. recovery of the true k (%) per scenario by prediction strength (largest k with ps ≥ 0.8),
   Lange et al.'s normalised instability from the same halves (least value over k ≥ 2), fpc's
   bootstrap instability (nselectboot, least value) and clusterboot's mean Jaccard (largest
   mean over clusters, and largest smallest cluster mean), all with 3 k-means++ restarts;
2. prediction strength against the number of splits M (the first M of 40) and the restarts
   inside the splits (1, 3 and, from work/lab, 10 at M = 20): recovery, and how often the pick
   differs from the pick at M = 40;
3. cost: seconds of the prototype and rows fitted per restart, per realisation.
"""

from __future__ import annotations

import collections
import json
import pathlib
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import scenarios  # noqa: E402

WORK = HERE.parent / "work"
RESULTS = HERE.parent / "results"
THRESHOLD = 0.8
KS = range(2, 9)


def ps_pick(curve: dict) -> int:
    """The largest k with mean strength ≥ 0.8 (ps(1) = 1)."""
    ok = [k for k in KS if curve[k] >= THRESHOLD]
    return max(ok) if ok else 1


def least(curve: dict) -> int:
    return min(KS, key=lambda k: (curve[k], k))


def largest(curve: dict) -> int:
    return max(KS, key=lambda k: (curve[k], -k))


def mean_of_first(splits: dict, m: int) -> dict:
    return {k: float(np.mean(splits[str(k)][:m])) for k in KS}


def main() -> int:
    truth = {}
    order = [s.name for s in scenarios.scenarios()]
    for s in scenarios.scenarios():
        for i in range(0, s.realisations, 4):
            truth[(s.name, i)] = s.realisation(i).true_k
    records = {}
    for key in truth:
        path = WORK / "stability" / key[0] / f"{key[1]:04d}.json"
        lab = WORK / "lab" / key[0] / f"{key[1]:04d}.json"
        if path.exists():
            records[key] = (json.loads(path.read_text()), json.loads(lab.read_text()) if lab.exists() else None)

    methods = {
        "PS": lambda r, _: ps_pick(mean_of_first(r["ps_splits_r3"], 40)),
        "Lange normalised instability": lambda r, _: least(mean_of_first(r["instability_splits_r3"], 40)),
        "nselectboot": lambda r, _: least({k: r["nselectboot"][str(k)] for k in KS}),
        "clusterboot mean Jaccard": lambda r, _: largest({k: r["clusterboot_mean"][str(k)] for k in KS}),
        "clusterboot min Jaccard": lambda r, _: largest({k: r["clusterboot_min"][str(k)] for k in KS}),
    }
    for m in (5, 10, 20, 40):
        for restarts in (1, 3):
            methods[f"PS M={m} r={restarts}"] = lambda r, _, m=m, restarts=restarts: ps_pick(
                mean_of_first(r[f"ps_splits_r{restarts}"], m)
            )
    methods["PS M=20 r=10"] = lambda _, lab: ps_pick({k: lab["ps"][str(k)] for k in KS}) if lab else None

    hits = collections.defaultdict(collections.Counter)
    counts = collections.Counter()
    changed = collections.Counter()  # PS picks that differ from M = 40 at the same restarts
    for key, (r, lab) in records.items():
        counts[key[0]] += 1
        picks = {name: f(r, lab) for name, f in methods.items()}
        for name, k in picks.items():
            hits[key[0]][name] += int(k == truth[key])
        for m in (5, 10, 20):
            for restarts in (1, 3):
                changed[(m, restarts)] += int(picks[f"PS M={m} r={restarts}"] != picks[f"PS M=40 r={restarts}"])
    total = sum(counts.values())
    names = list(methods)
    main_names = names[:5]
    sweep_names = names[5:]

    def table(columns):
        lines = ["| scenario | n | " + " | ".join(columns) + " |", "|---|---:|" + "---:|" * len(columns)]
        for s in order:
            if counts[s]:
                lines.append(f"| {s} | {counts[s]} | " + " | ".join(f"{100 * hits[s][c] / counts[s]:.0f}" for c in columns) + " |")
        pooled = {c: sum(hits[s][c] for s in counts) / total for c in columns}
        mean = {c: np.mean([hits[s][c] / counts[s] for s in counts]) for c in columns}
        lines.append(f"| **pooled** | {total} | " + " | ".join(f"{100 * pooled[c]:.1f}" for c in columns) + " |")
        lines.append("| **mean of scenarios** | | " + " | ".join(f"{100 * mean[c]:.1f}" for c in columns) + " |")
        return lines

    rec = [r for r, _ in records.values()]
    sec = {
        "2-fold splits, 40 splits × 3 restarts (PS and Lange together)": np.mean([r["split_r3_seconds"] for r in rec]),
        "2-fold splits, 40 splits × 1 restart": np.mean([r["split_r1_seconds"] for r in rec]),
        "nselectboot, 20 pairs × 3 restarts": np.mean([r["nselectboot_seconds"] for r in rec]),
        "clusterboot, 20 samples × 3 restarts": np.mean([r["clusterboot_seconds"] for r in rec]),
    }
    rows = {
        "2-fold splits, 40 splits × 3 restarts (PS and Lange together)": np.mean([r["split_rows"] for r in rec]),
        "2-fold splits, 40 splits × 1 restart": np.mean([r["split_rows"] for r in rec]),
        "nselectboot, 20 pairs × 3 restarts": np.mean([r["nselectboot_rows"] for r in rec]),
        "clusterboot, 20 samples × 3 restarts": np.mean([r["clusterboot_rows"] for r in rec]),
    }
    lines = [
        "# Stability indices and prediction strength's parameters",
        "",
        f"{total} realisations: every fourth index (design half) of every scenario. Command: "
        "`.venv/bin/python lab/stability_runs.py --every 4 && .venv/bin/python lab/stability_tables.py`. "
        "Prototype k-means (k-means++, Lloyd), k = 2…8.",
        "",
        "## Recovery of the true k (%), 3 restarts per clustering",
        "",
        "PS and Lange from the same 40 random 2-fold splits; nselectboot from 20 pairs of bootstrap "
        "samples; clusterboot from 20 bootstrap samples. A criterion that cannot answer k = 1 "
        "(all but PS) scores 0 on null data.",
        "",
        *table(main_names),
        "",
        "## Prediction strength: splits M and restarts per half",
        "",
        "The first M of the 40 splits; r = 10 is lab/compute.py's run (20 other splits).",
        "",
        *table(sweep_names),
        "",
        "Picks that differ from the pick with all 40 splits (same restarts), of "
        f"{total}: "
        + "; ".join(f"M = {m}, r = {r}: {changed[(m, r)]}" for m in (5, 10, 20) for r in (1, 3))
        + ".",
        "",
        "## Cost per realisation (prototype, k = 2…8)",
        "",
        "| computation | mean seconds | rows fitted per restart |",
        "|---|---:|---:|",
        *[f"| {name} | {sec[name]:.2f} | {rows[name]:.0f} |" for name in sec],
        "",
    ]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "stability.md").write_text("\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
