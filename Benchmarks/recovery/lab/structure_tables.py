"""How often each test of clustering tendency answers "no structure", per scenario.

    python lab/structure_tables.py

Reads the records of lab/evidence.py (the benchmark's box and pca kselect runs and
lab/compute.py's statistics) and writes results/structure.md: per scenario, the share of
realisations (%) where the gap's own pick (Tibs2001SEmax over k ≥ 1) is 1, where the Monte
Carlo gap test of lab/decide.py has p > 0.05 (B = 20 references: p > 1/21), both with box and
with principal-axis references, and where one Hopkins test (m = ⌈n/10⌉ in [5, 100]) has
p > 0.05, with the widened box on the torus and with the plain bounding box. On the null
scenarios the share is how often the test is right; elsewhere, how often it is wrong. Then, on
the structured realisations, how the decision rule's two findings of structure (lab/decide.py,
step 2: the Monte Carlo test at level 1/(B + 1), the gap's own pick ≥ 2; pca references)
complement each other.
"""

from __future__ import annotations

import pathlib
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import decide  # noqa: E402
import evidence  # noqa: E402

RESULTS = HERE.parent / "results"
LEVEL = 0.05

TESTS = {
    "gap Tibs2001SEmax = 1 (box)": lambda r: r["picks_box"]["gap"] == 1,
    "gap Tibs2001SEmax = 1 (pca)": lambda r: r["picks_pca"]["gap"] == 1,
    f"MC gap test p > {LEVEL} (box)": lambda r: r["structure_p_box"] > LEVEL,
    f"MC gap test p > {LEVEL} (pca)": lambda r: r["structure_p_pca"] > LEVEL,
    f"Hopkins p > {LEVEL} (torus)": lambda r: r["hopkins_p"] > LEVEL,
    f"Hopkins p > {LEVEL} (plain box)": lambda r: r["hopkins_box_p"] > LEVEL,
}


def complement(records: dict) -> list[str]:
    """On structured realisations: structure found by the test only, by the gap's pick only, by neither."""
    test_only, pick_only, neither = [], [], []
    structured = [r for r in records.values() if r["truth"] > 1]
    for r in structured:
        d = decide.decide(r["log_w"], r["log_ref_pca"], r["silhouette"])
        passed = d.p_value <= 1.0 / (r["log_ref_pca"].shape[1] + 1) + decide.TIE
        picked = d.tibs >= 2
        if passed and not picked:
            test_only.append(r["scenario"])
        elif picked and not passed:
            pick_only.append(r["scenario"])
        elif not (passed or picked):
            neither.append(r["scenario"])

    def where(names: list[str]) -> str:
        counts = {s: names.count(s) for s in sorted(set(names))}
        return ", ".join(f"{s} {c}" for s, c in counts.items()) or "none"

    return [
        f"The decision rule's two findings of structure on the {len(structured)} structured realisations "
        "(pca references; lab/decide.py, step 2): the Monte Carlo test at level 1/(B + 1) alone finds it in "
        f"{len(test_only)} ({where(test_only)}); the gap's own pick ≥ 2 alone in {len(pick_only)} "
        f"({where(pick_only)}); neither in {len(neither)} ({where(neither)}).",
    ]


def main() -> int:
    records = evidence.load()
    by_scenario: dict[str, list[dict]] = {}
    for record in records.values():
        by_scenario.setdefault(record["scenario"], []).append(record)
    lines = [
        'How often each test answers "no structure" (%): right on null scenarios, wrong on the others. '
        "Command: `.venv/bin/python lab/structure_tables.py`.",
        "",
        "| scenario | n | " + " | ".join(TESTS) + " |",
        "|---|---:|" + "---:|" * len(TESTS),
    ]
    for name in sorted(by_scenario):
        chosen = by_scenario[name]
        cells = [100 * np.mean([test(r) for r in chosen]) for test in TESTS.values()]
        lines.append(f"| {name} | {len(chosen)} | " + " | ".join(f"{c:.0f}" for c in cells) + " |")
    lines += ["", *complement(records)]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "structure.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
