"""Loads what the benchmark runs left in work/: kselect's metrics and gap references per
realisation, the harness's picks, and the prototype statistics of lab/compute.py."""

from __future__ import annotations

import csv
import json
import pathlib
import pickle

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
WORK = HERE.parent / "work"
RESULTS = HERE.parent / "results"
CRITERIA = ("elbow", "gap", "fk", "silhouette", "calinski_harabasz", "davies_bouldin")


def _float(text: str) -> float:
    return float(text) if text not in ("", "nan") else float("nan")


def report(folder: pathlib.Path) -> dict:
    """A kselect report folder's metrics.csv columns, per-reference ln W* (K × B) and picks."""
    rows = list(csv.DictReader((folder / "metrics.csv").open()))
    metrics = {key: np.array([_float(r[key]) for r in rows]) for key in rows[0] if key not in ("converged",)}
    refs = list(csv.DictReader((folder / "gap_references.csv").open()))
    ks = sorted({int(r["k"]) for r in refs})
    b = max(int(r["replicate"]) for r in refs)
    log_ref = np.full((len(ks), b), np.nan)
    for r in refs:
        log_ref[int(r["k"]) - 1, int(r["replicate"]) - 1] = float(r["log_wcss"])
    summary = json.loads((folder / "summary.json").read_text())
    return {"metrics": metrics, "log_ref": log_ref, "picks": summary["recommendations"]}


def load(label: str = "kselect", lab: str | None = "lab") -> dict:
    """(scenario, index) → {"truth": …, "cell", "half", "n", "d", "picks", "metrics", "log_ref",
    and the prototype statistics when ``lab`` names a folder of lab/compute.py's output}."""
    cache = WORK / f"features-{label}-{lab}.pkl"
    sources = [RESULTS / f"{label}-realisations.csv"]
    if cache.exists() and cache.stat().st_mtime > max(p.stat().st_mtime for p in sources):
        return pickle.loads(cache.read_bytes())
    out = {}
    for row in csv.DictReader((RESULTS / f"{label}-realisations.csv").open()):
        key = (row["scenario"], int(row["index"]))
        record = {
            "scenario": row["scenario"],
            "index": int(row["index"]),
            "half": row["half"],
            "cell": row["cell"],
            "truth": int(row["true_k"]),
            "n": int(row["n"]),
            "d": int(row["d"]),
            "seconds": _float(row["seconds"]),
            "headline": int(row["headline"]) if row["headline"] else None,
        }
        record.update(report(WORK / label / row["scenario"] / f"{int(row['index']):04d}"))
        if lab:
            path = WORK / lab / row["scenario"] / f"{int(row['index']):04d}.json"
            if path.exists():
                record["lab"] = json.loads(path.read_text())
        out[key] = record
    cache.write_bytes(pickle.dumps(out))
    return out
