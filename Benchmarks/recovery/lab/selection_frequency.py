"""How stable is the choice of k under resampling, and which resampling to use?

    python lab/selection_frequency.py

Reads the sweeps of lab/resample_runs.py (box references in ``report/``, principal-axis
references in ``report-pca/``) and writes results/selection-frequency.md:

* per scheme (bootstrap, 80 % subsample, 50 % subsample) and criterion: the mean fraction of
  resamples choosing the full data's k (agreement), the mean shift of the resamples' k from the
  full data's, and the mean silhouette at the full data's k, against the full data's own;
* for the rule: the same, with the gap references drawn again for every resample ("redrawn")
  and with the full data's references reused ("reused": log W*_k(m) = log W*_k(n) + log(m/n),
  the references' spread scaled by √(n/m)), and how often the two agree;
* calibration: on the benchmark's data sets, the frequency of the full data's pick against
  whether that pick is the true k;
* the precision of a frequency from N resamples (binomial standard error).
"""

from __future__ import annotations

import csv
import json
import math
import pathlib
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import rules  # noqa: E402
import scenarios  # noqa: E402

WORK = HERE.parent / "work" / "resamples"
RESULTS = HERE.parent / "results"
SCHEMES = {"boot": "bootstrap (n, with replacement)", "sub80": "subsample 80 %", "half": "subsample 50 %"}
CRITERIA = ("elbow", "gap", "fk", "silhouette", "calinski_harabasz", "davies_bouldin")
ALPHA = 0.05


def _report(folder: pathlib.Path) -> dict | None:
    if not (folder / "summary.json").exists():
        return None
    rows = list(csv.DictReader((folder / "metrics.csv").open()))
    metric = lambda key: np.array([float(r[key]) if r[key] not in ("", "nan") else np.nan for r in rows])  # noqa: E731
    refs = list(csv.DictReader((folder / "gap_references.csv").open()))
    b = max(int(r["replicate"]) for r in refs)
    log_ref = np.full((len(rows), b), np.nan)
    for r in refs:
        log_ref[int(r["k"]) - 1, int(r["replicate"]) - 1] = float(r["log_wcss"])
    summary = json.loads((folder / "summary.json").read_text())
    return {
        "picks": summary["recommendations"],
        "n": summary["input"]["rows"],
        "log_w": metric("log_wcss"),
        "silhouette": metric("silhouette"),
        "log_ref": log_ref,
    }


def _resamples(name: str, scheme: str) -> list[tuple[dict, dict]]:
    """The (box, pca) reports of a data set's resamples under a scheme that have both; an
    unfinished sweep (a folder without its two reports) is left out."""
    folder = WORK / scheme / name
    if not folder.exists():
        return []
    reps = [(_report(f / "report"), _report(f / "report-pca")) for f in sorted(folder.iterdir())]
    return [(a, b) for a, b in reps if a is not None and b is not None]


def rule_pick(log_w: np.ndarray, log_ref: np.ndarray) -> int:
    """The decision rule of DESIGN.md from a data curve and its references."""
    if rules.structure_p_value(log_w, log_ref) > ALPHA:
        return 1
    mean = log_ref.mean(1)
    b = log_ref.shape[1]
    gap = mean - log_w
    se = log_ref.std(1) * math.sqrt(1 + 1 / b)
    return rules.tibs_from(gap, se, start=2)


def reused(full: dict, resample: dict) -> np.ndarray:
    """The full data's references moved to the resample's size m: each reference's log W*
    shifted by log(m/n) and its deviation from the mean scaled by √(n/m)."""
    m, n = resample["n"], full["n"]
    refs = full["log_ref"]
    mean = refs.mean(1, keepdims=True)
    return mean + math.log(m / n) + (refs - mean) * math.sqrt(n / m)


def reuse_of(full_pca: dict, reps: list) -> np.ndarray:
    return np.array([rule_pick(b["log_w"], reused(full_pca, b)) for _, b in reps])


def truth_of(name: str) -> int | None:
    if name in ("iris", "ruspini"):
        return None
    scenario, index = name.rsplit("-", 1)
    return next(s for s in scenarios.scenarios() if s.name == scenario).realisation(int(index)).true_k


def main() -> int:
    names = sorted(p.name for p in (WORK / "full").iterdir())
    compared: list[str] = []
    lines = [
        "# Selection frequency under resampling",
        "",
        "Commands: `.venv/bin/python lab/resample_runs.py --kselect PATH` (box references, `report/`) and "
        "the same with `--kselect-args '--reference-space pca' --report report-pca`; both again with "
        "`--scenarios tibs-3,close,mixed --schemes sub80`; then `.venv/bin/python lab/selection_frequency.py`.",
        "",
    ]
    counts = {}
    agreement = {s: {c: [] for c in (*CRITERIA, "rule", "rule (reused refs)")} for s in SCHEMES}
    shift = {s: {c: [] for c in (*CRITERIA, "rule")} for s in SCHEMES}
    sil_ratio = {s: [] for s in SCHEMES}
    reuse_agree = {s: [] for s in SCHEMES}
    calibration = {s: [] for s in SCHEMES}  # (frequency of the full pick, full pick right)
    for name in names:
        full = _report(WORK / "full" / name / "report")
        full_pca = _report(WORK / "full" / name / "report-pca")
        if full is None or full_pca is None:
            continue
        truth = truth_of(name)
        full_rule = rule_pick(full_pca["log_w"], full_pca["log_ref"])
        swept = {scheme: _resamples(name, scheme) for scheme in SCHEMES}
        complete = all(swept.values())
        if complete:
            compared.append(name)
        for scheme, reps in swept.items():
            if not reps:
                continue
            counts[scheme] = len(reps)
            if truth is not None:
                calibration[scheme].append((np.mean(reuse_of(full_pca, reps) == full_rule), full_rule == truth, name))
            if not complete:
                continue
            for c in CRITERIA:
                if full["picks"].get(c) is None:
                    continue
                picks = np.array([np.nan if a["picks"].get(c) is None else a["picks"][c] for a, _ in reps])
                agreement[scheme][c].append(np.mean(picks == full["picks"][c]))
                shift[scheme][c].append(np.nanmean(picks - full["picks"][c]))
            redrawn = np.array([rule_pick(b["log_w"], b["log_ref"]) for _, b in reps])
            reuse = np.array([rule_pick(b["log_w"], reused(full_pca, b)) for _, b in reps])
            agreement[scheme]["rule"].append(np.mean(redrawn == full_rule))
            agreement[scheme]["rule (reused refs)"].append(np.mean(reuse == full_rule))
            shift[scheme]["rule"].append(np.mean(redrawn - full_rule))
            reuse_agree[scheme].append(np.mean(reuse == redrawn))
            k = full["picks"]["silhouette"]
            if k >= 2:
                sil_ratio[scheme].append(np.nanmean([a["silhouette"][k - 1] for a, _ in reps]) - full["silhouette"][k - 1])
    lines += [
        f"{len(compared)} data sets (iris, ruspini and the first 8 design-half realisations of "
        "tibs-2, tibs-3p, close, separated, anisotropic, outliers, null-uniform, null-gaussian); "
        + ", ".join(f"{counts[s]} {SCHEMES[s]} resamples" for s in SCHEMES)
        + " each, every one swept as the full data (k ≤ 8, 20 references, box and pca).",
        "",
        "Agreement: mean over data sets of the fraction of resamples that choose the full data's k (%).",
        "",
        "| scheme | " + " | ".join(agreement["boot"]) + " |",
        "|---|" + "---:|" * len(agreement["boot"]),
    ]
    for s in SCHEMES:
        lines.append(f"| {SCHEMES[s]} | " + " | ".join(f"{100 * np.mean(v):.0f}" for v in agreement[s].values()) + " |")
    lines += [
        "",
        "Shift: mean over data sets of (resample's k − full data's k).",
        "",
        "| scheme | " + " | ".join(shift["boot"]) + " |",
        "|---|" + "---:|" * len(shift["boot"]),
    ]
    for s in SCHEMES:
        lines.append(f"| {SCHEMES[s]} | " + " | ".join(f"{np.mean(v):+.2f}" for v in shift[s].values()) + " |")
    lines += [
        "",
        "Mean silhouette at the full data's silhouette k, resample minus full data (mean over data sets): "
        + ", ".join(f"{SCHEMES[s]} {np.mean(sil_ratio[s]):+.3f}" for s in SCHEMES)
        + ".",
        "",
        "The rule with the full data's references reused agrees with the rule with references drawn again "
        "for every resample in "
        + ", ".join(f"{100 * np.mean(reuse_agree[s]):.1f} % ({SCHEMES[s]})" for s in SCHEMES)
        + " of resamples.",
        "",
        "Calibration on the benchmark's data sets (rule, reused references): the frequency of the full "
        "data's pick among the resamples, when that pick is right and when it is wrong (the 80 % row also "
        "covers the first 8 design-half realisations of tibs-3, close and mixed, where the rule errs more often).",
        "",
        "| scheme | sets right | mean frequency when right | sets wrong | mean frequency when wrong |",
        "|---|---:|---:|---:|---:|",
    ]
    for s in SCHEMES:
        right = [f for f, ok, _ in calibration[s] if ok]
        wrong = [f for f, ok, _ in calibration[s] if not ok]
        lines.append(
            f"| {SCHEMES[s]} | {len(right)} | {100 * np.mean(right):.0f} % | {len(wrong)} | "
            + (f"{100 * np.mean(wrong):.0f} %" if wrong else "–")
            + " |"
        )
    lines += [
        "",
        "Data sets where the full data's pick is wrong (frequency of that pick): "
        + "; ".join(
            f"{SCHEMES[s]}: " + ", ".join(f"{name} {100 * f:.0f} %" for f, ok, name in calibration[s] if not ok)
            for s in SCHEMES
        )
        + ".",
    ]
    lines += [
        "",
        "Precision of a reported frequency p from N resamples: standard error √(p(1 − p)/N); at p = 0.8 "
        + ", ".join(f"N = {n}: ±{100 * math.sqrt(0.16 / n):.1f} points" for n in (10, 20, 50, 100))
        + ".",
    ]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "selection-frequency.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
