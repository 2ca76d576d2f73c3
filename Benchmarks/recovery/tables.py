"""Recovery tables: per realisation, per scenario and overall, as CSV and Markdown."""

from __future__ import annotations

import csv
import pathlib
from collections import Counter, defaultdict

# The order of the criteria kselect is known to report; any other key of `recommendations` follows
# them in alphabetical order, then the R peers, then the headline.
ORDER = (
    "elbow", "gap", "fk", "silhouette", "calinski_harabasz", "davies_bouldin",
    "prediction_strength", "instability",
)  # fmt: skip
PEERS = ("R_clusGap", "R_prediction_strength")
SHORT = {
    "elbow": "elbow",
    "gap": "gap",
    "fk": "f(K)",
    "silhouette": "silh.",
    "calinski_harabasz": "CH",
    "davies_bouldin": "DB",
    "prediction_strength": "PS",
    "instability": "instab.",
    "R_clusGap": "R gap",
    "R_prediction_strength": "R PS",
    "headline": "headline",
}


def methods_of(rows: list[dict]) -> list[str]:
    """Every criterion found in the rows' picks (kselect's, then the peers'), then the headline."""
    seen = {m for r in rows for m in r["picks"]}
    criteria = seen - set(PEERS)
    ordered = [m for m in ORDER if m in criteria] + sorted(criteria - set(ORDER))
    return ordered + [m for m in PEERS if m in seen] + ["headline"]


def is_single(method: str) -> bool:
    """A single kselect criterion (one key of summary.json's `recommendations`)."""
    return method != "headline" and method not in PEERS


def pick(row: dict, method: str):
    return row["headline"] if method == "headline" else row["picks"].get(method)


def recovery(rows: list[dict], methods: list[str]) -> dict[str, tuple[int, int]]:
    """method → (realisations where it found the true k, realisations where it answered)."""
    out = {}
    for method in methods:
        answered = [r for r in rows if pick(r, method) is not None]
        out[method] = (sum(pick(r, method) == r["true_k"] for r in answered), len(answered))
    return out


def _rate(correct: int, total: int) -> float | None:
    return correct / total if total else None


def _mean(values: list[float]) -> float | None:
    """The mean over the scenarios where a method answered; None where it never did."""
    return sum(values) / len(values) if values else None


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}"


def write_all(
    rows, scenarios, results_dir: pathlib.Path, label: str, seconds: float, peer_seconds: float, errors: int, command: str
):
    methods = methods_of(rows)
    by_scenario: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_scenario[row["scenario"]].append(row)
    order = [s for s in scenarios if s.name in by_scenario]

    with (results_dir / f"{label}-realisations.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["scenario", "index", "half", "cell", "true_k", "n", "d", "seed", *methods, "headline_key", "seconds"])
        for r in rows:
            writer.writerow(
                [r["scenario"], r["index"], r["half"], r["cell"], r["true_k"], r["n"], r["d"], r["seed"]]
                + ["" if pick(r, m) is None else pick(r, m) for m in methods]
                + [r["headline_key"], f"{r['seconds']:.3f}"]
            )

    with (results_dir / f"{label}-distribution.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["scenario", "method", "k", "count"])
        for s in order:
            for m in methods:
                counts = Counter(pick(r, m) for r in by_scenario[s.name] if pick(r, m) is not None)
                for k in sorted(counts):
                    writer.writerow([s.name, m, k, counts[k]])

    summary_rows = []  # (label, description, n, {method: rate})
    with (results_dir / f"{label}-recovery.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["scenario", "family", "realisations", "method", "correct", "answered", "rate"])
        for s in order:
            rec = recovery(by_scenario[s.name], methods)
            for m in methods:
                c, t = rec[m]
                writer.writerow([s.name, s.family, len(by_scenario[s.name]), m, c, t, f"{_rate(c, t) or 0:.4f}"])
            summary_rows.append((s.name, s.description, len(by_scenario[s.name]), {m: _rate(*rec[m]) for m in methods}))

    groups = [
        ("all (pooled)", rows),
        ("structured (pooled)", [r for r in rows if r["true_k"] > 1]),
        ("null (pooled)", [r for r in rows if r["true_k"] == 1]),
    ]
    pooled = [(name, "", len(g), {m: _rate(*recovery(g, methods)[m]) for m in methods}) for name, g in groups if g]
    mean_of = {m: _mean([r[3][m] for r in summary_rows if r[3][m] is not None]) for m in methods} if summary_rows else {}

    lines = [
        f"Recovery of the true k (% of realisations), run `{label}`: {len(rows)} realisations, "
        f"kselect {seconds:.0f} s" + (f", R peers {peer_seconds:.0f} s" if peer_seconds else "")
        + (f", {errors} failed runs" if errors else "") + ".",
        "",
        f"Command: `{command}`.",
        "",
        "| scenario | n | " + " | ".join(SHORT.get(m, m) for m in methods) + " | best single |",
        "|---|---:|" + "---:|" * len(methods) + "---|",
    ]
    for name, _, count, rates in summary_rows + pooled + ([("mean of scenarios", "", len(rows), mean_of)] if mean_of else []):
        singles = {m: v for m, v in rates.items() if is_single(m) and v is not None}
        best = max(singles.values()) if singles else None
        best_names = ", ".join(SHORT.get(m, m) for m, v in singles.items() if v == best) if singles else ""
        lines.append(
            f"| {name} | {count} | " + " | ".join(_pct(rates[m]) for m in methods) + f" | {_pct(best)} ({best_names}) |"
        )
    lines += ["", "Scenarios:", ""]
    lines += [f"- `{name}`: {description}" for name, description, _, _ in summary_rows]
    (results_dir / f"{label}-recovery.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[: 6 + len(summary_rows) + len(pooled) + 1]))
