"""Tables of Benchmarks/criteria/run's reports: the stability cap and the subsamples' settings."""
import csv
import json
import sys
from pathlib import Path

work = Path(sys.argv[1])


def summary(name):
    return json.loads((work / name / "summary.json").read_text())


def metrics(name):
    return list(csv.DictReader(open(work / name / "metrics.csv")))


print("## Stability halves capped at 5,000 rows against uncapped (n = 20,000: halves of 10,000)\n")
print("| data | PS pick capped / uncapped | instability pick capped / uncapped | uncapped instability at both picks (± SE) "
      "| max abs ΔPS over k (largest PS SE) |")
print("|---|---|---|---|---|")
for data in ["blobs", "overlap", "uniform", "gaussian"]:
    capped_name, full_name = f"stability-{data}-5000", f"stability-{data}-100000"
    capped, full = summary(capped_name), summary(full_name)
    column = lambda name, key: {int(r["k"]): float(r[key]) for r in metrics(name) if r[key]}
    ps_capped, ps_full = column(capped_name, "prediction_strength"), column(full_name, "prediction_strength")
    delta = max(abs(ps_capped[k] - ps_full[k]) for k in ps_full)
    largest_se = max(max(column(n, "prediction_strength_se").values()) for n in (capped_name, full_name))
    instability, instability_se = column(full_name, "instability"), column(full_name, "instability_se")
    picks = [capped["recommendations"]["instability"], full["recommendations"]["instability"]]
    at_picks = " / ".join(f"{instability[k]:.3f} ± {instability_se[k]:.3f}" for k in picks)
    print(
        f"| {data} | {capped['recommendations']['prediction_strength']} / {full['recommendations']['prediction_strength']} "
        f"| {picks[0]} / {picks[1]} | {at_picks} | {delta:.3f} ({largest_se:.3f}) |")

print("\n## Selection frequencies: 3 restarts and 2,000-point silhouettes against 10 restarts and exact\n")
print("| data | criterion | new counts | old counts | largest change in a frequency |")
print("|---|---|---|---|---|")
for data in ["blobs", "overlap", "uniform", "gaussian", "iris"]:
    new, old = summary(f"resamples-{data}-new"), summary(f"resamples-{data}-old")
    fn, fo = new["selection_frequencies"], old["selection_frequencies"]
    for criterion in fn["criteria"]:
        a, b = fn["criteria"][criterion], fo["criteria"][criterion]
        keys = sorted(set(a) | set(b), key=int)
        if not keys:
            continue
        change = max(abs(a.get(k, 0) - b.get(k, 0)) for k in keys) / fn["resamples"]
        show = lambda c: ", ".join(f"{k}: {c[k]}" for k in sorted(c, key=int)) or "none"
        print(
            f"| {data} | {criterion} | {show(a)} | {show(b)} | {change:.2f} |")
