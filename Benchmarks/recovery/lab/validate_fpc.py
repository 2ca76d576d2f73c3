"""Compares the prototype's prediction strength and bootstrap instability with R fpc's.

    python lab/validate_fpc.py [--data DIR]      (default: /work/shared/data or ../../Data)

Reads the fixtures of peers/fpc_fixtures.R (fixtures/fpc-*.json), computes the same criteria
with the same M = B = 50 and k-means restarts, and writes results/fpc-agreement.md: for every
k both means, both Monte-Carlo standard errors and z = (ours − fpc) / √(se_ours² + se_fpc²).
Agreement within Monte-Carlo error means |z| ≤ 2 at most k (about 1 in 20 |z| values exceeds
2 by chance). Also lists the normalised instability of Lange et al., which fpc lacks.
"""

from __future__ import annotations

import argparse
import json
import math
import pathlib
import sys
import time

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import resampling  # noqa: E402

FIXTURES = HERE.parent / "fixtures"
RESULTS = HERE.parent / "results"


def load_data(directory: pathlib.Path, name: str) -> np.ndarray:
    path = directory / f"{name}.csv"
    header = path.read_text().splitlines()[0].split(",")
    columns = [i for i, h in enumerate(header) if h in ("sepal_length", "sepal_width", "petal_length", "petal_width", "x", "y")]
    return np.loadtxt(path, delimiter=",", skiprows=1, usecols=columns)


def main() -> int:
    parser = argparse.ArgumentParser()
    default = pathlib.Path("/work/shared/data")
    parser.add_argument("--data", default=str(default if default.exists() else HERE.parents[2] / "Data"))
    args = parser.parse_args()
    lines = [
        "# Prototype against R fpc (M = B = 50)",
        "",
        "Command: `.venv/bin/python lab/validate_fpc.py`; fixtures: `Rscript peers/fpc_fixtures.R DATA fixtures` "
        "and `Rscript ../../Tests/KSelectTests/Fixtures/fpc_prediction_strength.R DATA fixtures` (DATA holds iris.csv and ruspini.csv).",
        "",
    ]
    for name in ("iris", "ruspini"):
        data = load_data(pathlib.Path(args.data), name)
        for runs in (10, 1):
            fixture_ps = json.loads((FIXTURES / f"fpc-{name}-prediction-strength-runs{runs}.json").read_text())
            fixture_nb = json.loads((FIXTURES / f"fpc-{name}-nselectboot-runs{runs}.json").read_text())
            rng = np.random.default_rng(2005)
            started = time.perf_counter()
            ours = resampling.split_criteria(data, range(2, 9), 50, runs, rng)
            ps_seconds = time.perf_counter() - started
            started = time.perf_counter()
            boot = resampling.nselectboot(data, range(2, 9), 50, runs, np.random.default_rng(2012))
            nb_seconds = time.perf_counter() - started
            lines += [
                f"## {name}, {runs} k-means start(s) per clustering",
                "",
                f"fpc: `{fixture_ps['call']}` ({fixture_ps['fpc_version']}, {fixture_ps['r_version']}); "
                f"prototype: `resampling.split_criteria(data, 2..8, 50 splits, {runs} restarts, seed 2005)`, "
                f"{ps_seconds:.1f} s (fpc {fixture_ps['seconds']:.1f} s).",
                "",
                "| k | PS ours | se | PS fpc | se | z | instab. ours | se | nselectboot fpc | se | z | Lange normalised |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            ]
            for k in range(2, 9):
                a, sa = ours["ps"][k], ours["ps_se"][k]
                b, sb = fixture_ps["mean"][k - 1], fixture_ps["se"][k - 1]
                z = (a - b) / math.sqrt(sa**2 + sb**2) if sa + sb > 0 else 0.0
                c, sc = boot[k]
                e, se = fixture_nb["mean"][k - 1], fixture_nb["se"][k - 1]
                z2 = (c - e) / math.sqrt(sc**2 + se**2) if sc + se > 0 else 0.0
                lines.append(
                    f"| {k} | {a:.3f} | {sa:.3f} | {b:.3f} | {sb:.3f} | {z:+.1f} | {c:.4f} | {sc:.4f} | {e:.4f} | {se:.4f} | {z2:+.1f} "
                    f"| {ours['normalised_instability'][k]:.3f} |"
                )
            ps_ours = resampling.ps_pick(ours["ps"])
            lines += [
                "",
                f"Picks: PS ours k = {ps_ours}, fpc optimalk = {fixture_ps['optimalk']}; bootstrap instability ours "
                f"k = {min(boot, key=lambda k: boot[k][0])}, fpc kopt = {fixture_nb['kopt']} ({nb_seconds:.1f} s, fpc "
                f"{fixture_nb['seconds']:.1f} s); Lange normalised instability k = "
                f"{resampling.instability_pick(ours['normalised_instability'])}.",
                "",
            ]
    lines += [
        "## Prediction strength with M = 500 splits, 10 starts",
        "",
        "fpc: `fixtures/fpc-<data>-prediction-strength-runs10-M500.json` (Tests/KSelectTests/Fixtures/fpc_prediction_strength.R); "
        "prototype: 500 splits, 10 restarts, seed 2005.",
        "",
        "| data | k | PS ours | se | PS fpc | se | difference | z |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in ("iris", "ruspini"):
        path = FIXTURES / f"fpc-{name}-prediction-strength-runs10-M500.json"
        if not path.exists():
            continue
        fixture = json.loads(path.read_text())
        data = load_data(pathlib.Path(args.data), name)
        ours = resampling.split_criteria(data, range(2, 9), 500, 10, np.random.default_rng(2005))
        for k in range(2, 9):
            a, sa = ours["ps"][k], ours["ps_se"][k]
            b, sb = fixture["mean"][k - 1], fixture["se"][k - 1]
            z = (a - b) / math.sqrt(sa**2 + sb**2) if sa + sb > 0 else 0.0
            lines.append(f"| {name} | {k} | {a:.4f} | {sa:.4f} | {b:.4f} | {sb:.4f} | {a - b:+.4f} | {z:+.1f} |")
    lines.append("")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "fpc-agreement.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
