"""Reading a large CSV file: KSelect against pandas and numpy, side by side (see ./run).

Every reader runs in a fresh process, so that its peak resident memory (the interpreter, the
libraries and the file's pages included) is its own; each is timed from the call to the finished
float64 matrix. The file holds Gaussian blobs printed with 17 significant digits, as Python's
repr and pandas' to_csv print doubles; the sums of the values read (in row order, one after the
other) show whether the readers agree (pandas' default float parser is not correctly rounded:
its sum may differ in the last digits).
"""

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(ROOT, "work", "loading")
RESULTS = os.path.join(ROOT, "results")

# Each Python reader: the code that turns PATH into a float64 matrix X.
PY_READERS = {
    "pandas read_csv (engine c)": "import pandas as pd\nX = pd.read_csv(PATH, engine='c').to_numpy()",
    "pandas read_csv (engine c, round_trip)":
        "import pandas as pd\nX = pd.read_csv(PATH, engine='c', float_precision='round_trip').to_numpy()",
    "pandas read_csv (engine pyarrow)": "import pandas as pd\nX = pd.read_csv(PATH, engine='pyarrow').to_numpy()",
    "numpy loadtxt": "import numpy as np\nX = np.loadtxt(PATH, delimiter=',', skiprows=1)",
    "numpy genfromtxt": "import numpy as np\nX = np.genfromtxt(PATH, delimiter=',', skip_header=1)",
}

PY_RUNNER = """
import json, resource, sys, time
PATH = sys.argv[1]
import numpy as np
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
start, start_cpu = time.perf_counter(), cpu()
exec(sys.argv[2])
seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
# Summed in row order, one value after the other, as kselect-bench sums: equal sums, equal values.
checksum = float(np.cumsum(np.ascontiguousarray(X, dtype=float).ravel())[-1])
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "shape": list(X.shape), "checksum": checksum,
                  "peak_mib": peak_mib}))
"""


def generate(path, n, d, block=100_000):
    """n × d Gaussian blobs, 17 significant digits; a block of rows repeated (the readers do not care)."""
    import numpy as np

    rng = np.random.default_rng(1)
    rows = min(n, block)
    centres = rng.uniform(-10, 10, size=(12, d))
    x = centres[rng.integers(0, 12, rows)] + rng.normal(size=(rows, d))
    text = "\n".join(",".join(repr(float(v)) for v in row) for row in x) + "\n"
    with open(path, "w") as out:
        out.write(",".join(f"x{j + 1}" for j in range(d)) + "\n")
        written = 0
        while written < n:
            take = min(rows, n - written)
            out.write(text if take == rows else "\n".join(text.split("\n")[:take]) + "\n")
            written += take


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_kselect(bench, path, n, d):
    before = children_cpu()
    out = subprocess.run([bench, "load", path, str(n), str(d), "--repeats", "1"],
                         check=True, capture_output=True, text=True).stdout
    record = json.loads(out)
    # The process's whole CPU time (its start-up is a few milliseconds).
    return {"seconds": record["times"][0], "cpu_seconds": children_cpu() - before, "checksum": record["checksum"],
            "peak_mib": record["peak_mib"], "estimate_mib": record.get("estimate_mib"), "threads": record["threads"]}


def run_python(code, path):
    out = subprocess.run([sys.executable, "-c", PY_RUNNER, path, code], check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out)


def measure(name, runner, repeats):
    runs = [runner() for _ in range(repeats)]
    seconds = statistics.median(r["seconds"] for r in runs)
    cpu_seconds = statistics.median(r["cpu_seconds"] for r in runs)
    print(f"  {name}: {seconds:.2f} s (median of {repeats}), peak {max(r['peak_mib'] for r in runs):.0f} MiB",
          file=sys.stderr)
    return {"name": name, "seconds": seconds, "cpu_seconds": cpu_seconds, "all_seconds": [r["seconds"] for r in runs],
            "estimate_mib": runs[0].get("estimate_mib"),
            "peak_mib": max(r["peak_mib"] for r in runs), "checksum": runs[0]["checksum"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", required=True)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--dims", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--only", default="", help="comma-separated words; time only the readers whose name holds one "
                        "(KSelect always runs)")
    parser.add_argument("--no-tenth", action="store_true", help="skip the tenth-size file (genfromtxt)")
    args = parser.parse_args()
    n = 1_000_000 if args.quick else args.rows
    d = args.dims
    small = max(1, n // 10)
    os.makedirs(WORK, exist_ok=True)
    os.makedirs(RESULTS, exist_ok=True)
    big = os.path.join(WORK, f"blobs-{n}x{d}.csv")
    tenth = os.path.join(WORK, f"blobs-{small}x{d}.csv")
    try:
        print(f"Generating {n} × {d} and {small} × {d}", file=sys.stderr)
        if not (args.keep and os.path.exists(big)):
            generate(big, n, d)
        if not args.no_tenth and not (args.keep and os.path.exists(tenth)):
            generate(tenth, small, d)
        size = os.path.getsize(big)
        size_tenth = os.path.getsize(tenth) if os.path.exists(tenth) else 0
        rows = []
        print(f"{n} × {d} ({size / 1e9:.2f} GB):", file=sys.stderr)
        rows.append(dict(measure("KSelect (kselect-bench load)", lambda: run_kselect(args.bench, big, n, d),
                                 args.repeats), file="full"))
        wanted = [w.strip() for w in args.only.split(",") if w.strip()]
        for name, code in PY_READERS.items():
            if name == "numpy genfromtxt" or (wanted and not any(w in name for w in wanted)):
                continue
            rows.append(dict(measure(name, lambda code=code: run_python(code, big), args.repeats), file="full"))
        if not args.no_tenth:
            print(f"{small} × {d} ({size_tenth / 1e9:.2f} GB):", file=sys.stderr)
            rows.append(dict(measure("KSelect (kselect-bench load)",
                                     lambda: run_kselect(args.bench, tenth, small, d), args.repeats), file="tenth"))
            rows.append(dict(measure("numpy genfromtxt", lambda: run_python(PY_READERS["numpy genfromtxt"], tenth),
                                     max(1, args.repeats // 3)), file="tenth"))
    finally:
        if not args.keep:
            for path in (big, tenth):
                if os.path.exists(path):
                    os.remove(path)
    import numpy
    import pandas
    import pyarrow

    versions = {"python": platform.python_version(), "numpy": numpy.__version__, "pandas": pandas.__version__,
                "pyarrow": pyarrow.__version__, "cores": os.cpu_count()}
    for row in rows:
        reference = next(r for r in rows if r["file"] == row["file"] and r["name"].startswith("KSelect"))
        row["ratio_to_kselect"] = row["seconds"] / reference["seconds"]
        row["cpu_ratio_to_kselect"] = row["cpu_seconds"] / reference["cpu_seconds"]
        row["mb_per_s"] = (size if row["file"] == "full" else size_tenth) / 1e6 / row["seconds"]
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    name = "loading-quick" if args.quick else "loading"
    with open(os.path.join(RESULTS, name + ".json"), "w") as out:
        json.dump({"rows": n, "dims": d, "bytes": size, "repeats": args.repeats, "versions": versions,
                   "when": stamp, "results": rows}, out, indent=1)
    lines = [f"# Reading {n:,} × {d} from CSV ({size / 1e9:.2f} GB of text)", "",
             f"`Benchmarks/loading/run {' '.join(sys.argv[3:])}`, {stamp}, {os.cpu_count()} cores; "
             + ", ".join(f"{k} {v}" for k, v in versions.items() if k != "cores") + ".",
             f"Medians of {args.repeats} runs, each in a fresh process; peak = the process's maximum resident set "
             "(interpreter, libraries and the file's pages included); CPU = user + system time of the reading "
             "(KSelect: of its whole process), the fairer measure on a loaded machine; estimate = what --max-memory "
             "checks for reading (MemoryEstimate.loading and the process's baseline). genfromtxt is timed on a tenth of the rows "
             "against KSelect on the same file.", "",
             "| reader | rows | median s | × KSelect's time | CPU s | × KSelect's CPU | MB/s | peak MiB | estimate MiB | sum of values |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        count = n if row["file"] == "full" else small
        lines.append(f"| {row['name']} | {count:,} | {row['seconds']:.2f} | {row['ratio_to_kselect']:.1f} | "
                     f"{row['cpu_seconds']:.2f} | {row['cpu_ratio_to_kselect']:.1f} | "
                     f"{row['mb_per_s']:.0f} | {row['peak_mib']:.0f} | "
                     f"{'—' if row.get('estimate_mib') is None else format(row['estimate_mib'], '.0f')} | {row['checksum']!r} |")
    with open(os.path.join(RESULTS, name + ".md"), "w") as out:
        out.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
