"""How often each test of clustering tendency answers "no structure", per scenario.

    python lab/structure_tables.py

Reads the records of lab/evidence.py (the benchmark's box and pca kselect runs and
lab/compute.py's statistics) and writes results/structure.md: per scenario, the share of
realisations (%) where the gap's own pick (Tibs2001SEmax over k ≥ 1) is 1, where the Monte
Carlo gap test of lab/decide.py has p > 0.05 (B = 20 references: p > 1/21), both with box and
with principal-axis references, and where one Hopkins test (m = ⌈n/10⌉ in [5, 100]) has
p > 0.05, with the widened box on the torus and with the plain bounding box. On the null
scenarios the share is how often the test is right; elsewhere, how often it is wrong.
"""

from __future__ import annotations

import pathlib
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
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
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "structure.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
