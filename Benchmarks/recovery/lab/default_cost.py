"""What the answer's defaults cost: the whole sweep before and after, side by side.

    python lab/default_cost.py --old PATH --new PATH [--repeats R]

On the speed benchmark's 20,000 × 10 data (lab/cost.py's recipe), k = 1…15, every other option
at its default (10 restarts, 20 references, all threads), runs the two binaries' sweeps
interleaved (old, new, old, new, …) so that the machine's load falls on both alike, and reports
the median wall time of each, their ratio and the new sweep's stages from its summary.json
timings (the median run's). Writes results/default-cost.md.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import cost  # noqa: E402

WORK = HERE.parent / "work" / "cost"
RESULTS = HERE.parent / "results"


def run(binary: str, file: pathlib.Path, out: str) -> tuple[float, dict]:
    command = [binary, "sweep", str(file), "--k-max", "15", "--seed", "42", "--quiet", "--no-render", "--json",
               "--out", str(WORK / out)]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", required=True, help="kselect before (plurality vote, box references)")
    parser.add_argument("--new", required=True, help="kselect after (decision rule and its defaults)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    file = WORK / "sweep_20000_10.csv"
    cost.write(file, cost.data())
    old, new = [], []
    for _ in range(args.repeats):
        old.append(run(args.old, file, "default-old"))
        new.append(run(args.new, file, "default-new"))
    old_median = statistics.median(s for s, _ in old)
    new_median = statistics.median(s for s, _ in new)
    _, summary = sorted(new, key=lambda r: r[0])[len(new) // 2]
    timings = summary.get("timings_seconds", {})
    lines = [
        "# The answer's defaults: cost of the whole sweep",
        "",
        f"Command: `.venv/bin/python lab/default_cost.py --old OLD --new NEW --repeats {args.repeats}` (interleaved runs, "
        "20,000 × 10, k = 1…15, defaults otherwise, all threads of this 2-core machine).",
        "",
        "| binary | median s | runs (s) |",
        "|---|---:|---|",
        f"| old | {old_median:.2f} | " + ", ".join(f"{s:.2f}" for s, _ in old) + " |",
        f"| new | {new_median:.2f} | " + ", ".join(f"{s:.2f}" for s, _ in new) + " |",
        "",
        f"Ratio new / old: {new_median / old_median:.2f}.",
        "",
        "Stages of the new sweep (its summary.json timings, median run):",
        "",
        "| stage | s |",
        "|---|---:|",
    ]
    lines += [f"| {key} | {value:.2f} |" for key, value in timings.items() if isinstance(value, (int, float))]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "default-cost.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
