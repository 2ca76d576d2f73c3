"""One sweep's sampled mean silhouettes against the exact ones, per k.

    python sampled_vs_exact.py EXACT_REPORT SAMPLED_REPORT [SAMPLED_REPORT ...]

Prints, for each sampled report, the silhouette phase's seconds, the silhouette's pick, the
largest |sampled − exact| over k, the largest |error| / SE and the range of the SEs.
"""
import csv, json, sys
def load(d):
    rows = list(csv.DictReader(open(f"{d}/metrics.csv")))
    return {int(r["k"]): (float(r["silhouette"]) if r["silhouette"] else None, float(r["silhouette_se"]) if r.get("silhouette_se") else None) for r in rows}
exact = load(sys.argv[1])
ej = json.load(open(sys.argv[1] + "/summary.json"))
print("exact silhouette time", round(ej["timings_seconds"]["silhouette"], 2), "pick", ej["recommendations"]["silhouette"])
for d in sys.argv[2:]:
    s = load(d); j = json.load(open(d + "/summary.json"))
    zs = [(s[k][0] - exact[k][0]) / s[k][1] for k in exact if exact[k][0] is not None]
    errs = [abs(s[k][0] - exact[k][0]) for k in exact if exact[k][0] is not None]
    ses = [s[k][1] for k in exact if exact[k][0] is not None]
    print(d, "time", round(j["timings_seconds"]["silhouette"], 2), "pick", j["recommendations"]["silhouette"],
          "max|err|", round(max(errs), 4), "max|z|", round(max(map(abs, zs)), 2), "SE range", round(min(ses), 4), round(max(ses), 4))
