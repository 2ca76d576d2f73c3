"""Runs kselect (and optionally the R peers) on every realisation of the recovery benchmark
and tabulates how often each criterion and the headline answer found the true k.

    python harness.py --kselect PATH [--quick] [--realisations N] [--jobs J]
                      [--scenarios a,b] [--headline KEY] [--peers] [--work DIR] [--results DIR]

Per realisation it runs

    kselect sweep FILE --k-max 8 --seed S --json --quiet --no-render --out DIR --threads 1

and reads ``recommendations`` (one k per criterion: every key there, the stability criteria
``prediction_strength`` and ``instability`` included, becomes a column of the tables) and the
headline from the printed summary.json. The headline key is ``--headline`` (a dotted path such as ``recommendation.k``)
or, by default, the first present of ``recommendation``, ``structure`` and ``consensus``; an
object there is read through its ``k`` field.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import json
import os
import pathlib
import shlex
import subprocess
import sys
import time
import zlib

import numpy as np

import scenarios as scenario_module
import tables

HERE = pathlib.Path(__file__).resolve().parent
K_MAX = 8
HEADLINE_KEYS = ("recommendation", "structure", "consensus")
PEER_SCENARIOS = ("tibs-1", "tibs-2", "tibs-3", "tibs-4", "tibs-5", "tibs-3p", "tibs-4p")


def kselect_seed(scenario: str, index: int) -> int:
    """The --seed of a realisation's sweep: a pure function of its name, apart from the data's."""
    return (zlib.crc32(f"kselect:{scenario}".encode()) + index) % 2_000_000_000 + 1


def data_path(work: pathlib.Path, scenario: str, index: int) -> pathlib.Path:
    return work / "data" / scenario / f"{index:04d}.csv"


def write_data(path: pathlib.Path, data: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = ",".join(f"x{j + 1}" for j in range(data.shape[1]))
    temporary = path.with_suffix(".tmp")
    np.savetxt(temporary, data, delimiter=",", header=header, comments="", fmt="%.10g")
    temporary.replace(path)


def as_k(value: object) -> int | None:
    """A k from summary.json: a number, or an object's ``k`` field; None when there is none."""
    if isinstance(value, dict):
        value = value.get("k")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    return None


def criterion_picks(summary: dict) -> dict[str, int | None]:
    """Every criterion's k from summary.json's ``recommendations``, whatever criteria it names."""
    return {name: as_k(value) for name, value in summary.get("recommendations", {}).items()}


def headline(summary: dict, key: str | None) -> tuple[int | None, str]:
    """The headline k of a summary.json and the key it was read from."""
    keys = [key] if key else [k for k in HEADLINE_KEYS if k in summary]
    for name in keys:
        value: object = summary
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        k = as_k(value)
        if k is not None:
            return k, name
    return None, keys[0] if keys else "none"


def run_command(argv: list[str]) -> str:
    """The `run` command that repeats this run, with the kselect binary left to `run` to build."""
    kept, skip = [], False
    for argument in argv:
        if skip:
            skip = False
        elif argument == "--kselect":
            skip = True
        elif not argument.startswith("--kselect="):
            kept.append(argument)
    return shlex.join(["Benchmarks/recovery/run", *kept])


def run_kselect(binary: str, task: dict, headline_key: str | None, reuse: bool, extra: list[str]) -> dict:
    out = pathlib.Path(task["out"])
    summary_path = out / "summary.json"
    started = time.perf_counter()
    if reuse and summary_path.exists():
        summary = json.loads(summary_path.read_text())
        seconds = float("nan")
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        command = [
            binary, "sweep", task["file"], "--k-max", str(K_MAX), "--seed", str(task["seed"]),
            "--json", "--quiet", "--no-render", "--out", str(out), "--threads", "1", *extra,
        ]  # fmt: skip
        run = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if run.returncode != 0:
            return {**task, "error": run.stderr.strip()[:300], "seconds": seconds}
        summary = json.loads(run.stdout)
    picks = criterion_picks(summary)
    head, key = headline(summary, headline_key)
    return {**task, "picks": picks, "headline": head, "headline_key": key, "seconds": seconds}


def run_peers(tasks: list[dict], work: pathlib.Path, jobs: int, reuse: bool) -> dict:
    """R cluster::clusGap and fpc::prediction.strength on the same files (peers/r_peers.R)."""
    out_dir = work / "peers"
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[tuple[str, int], dict] = {}
    pending = []
    for task in tasks:
        path = out_dir / task["scenario"] / f"{task['index']:04d}.json"
        if reuse and path.exists():
            results[(task["scenario"], task["index"])] = json.loads(path.read_text())
        else:
            pending.append((task, path))
    chunks = [pending[i::jobs] for i in range(jobs)]
    procs = []
    for number, chunk in enumerate(chunks):
        if not chunk:
            continue
        manifest = out_dir / f"manifest-{number}.csv"
        with manifest.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["file", "seed", "out"])
            for task, path in chunk:
                path.parent.mkdir(parents=True, exist_ok=True)
                writer.writerow([task["file"], task["seed"], str(path)])
        procs.append(subprocess.Popen(["Rscript", str(HERE / "peers" / "r_peers.R"), str(manifest)]))
    for proc in procs:
        if proc.wait() != 0:
            print("warning: an R peer process failed", file=sys.stderr)
    for task, path in pending:
        if path.exists():
            results[(task["scenario"], task["index"])] = json.loads(path.read_text())
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kselect", required=True, help="the kselect binary")
    parser.add_argument("--quick", action="store_true", help="fewer realisations per scenario")
    parser.add_argument("--realisations", type=int, help="realisations of every scenario")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--scenarios", help="comma-separated scenario names (default: all)")
    parser.add_argument("--headline", help="dotted key of the headline k in summary.json (default: auto)")
    parser.add_argument("--peers", action="store_true", help="also run R clusGap and prediction.strength")
    parser.add_argument(
        "--peer-scenarios", default=",".join(PEER_SCENARIOS), help="the scenarios the R peers run on"
    )
    parser.add_argument(
        "--kselect-args", default="", help="further sweep options, space-separated (e.g. '--reference-space pca')"
    )
    parser.add_argument("--reuse", action="store_true", help="reuse reports already in the work folder")
    parser.add_argument("--label", default="kselect", help="name of this run's work subfolder and results")
    parser.add_argument("--table", help="name of the results files (default: the label)")
    parser.add_argument("--work", default=str(HERE / "work"))
    parser.add_argument("--results", default=str(HERE / "results"))
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv)

    work = pathlib.Path(args.work)
    results_dir = pathlib.Path(args.results)
    results_dir.mkdir(parents=True, exist_ok=True)
    chosen = scenario_module.scenarios(quick=args.quick, realisations=args.realisations)
    if args.scenarios:
        wanted = set(args.scenarios.split(","))
        unknown = wanted - {s.name for s in chosen}
        if unknown:
            parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
        chosen = [s for s in chosen if s.name in wanted]

    tasks = []
    for scenario in chosen:
        for index in range(scenario.realisations):
            path = data_path(work, scenario.name, index)
            realisation = None
            if not path.exists():
                realisation = scenario.realisation(index)
                write_data(path, realisation.data)
            if realisation is None:
                realisation = scenario.realisation(index)  # cheap; gives true k and cell
            tasks.append(
                {
                    "scenario": scenario.name,
                    "family": scenario.family,
                    "index": index,
                    "half": "design" if index % 2 == 0 else "held-out",
                    "cell": realisation.cell,
                    "true_k": realisation.true_k,
                    "n": realisation.data.shape[0],
                    "d": realisation.data.shape[1],
                    "file": str(path),
                    "seed": kselect_seed(scenario.name, index),
                    "out": str(work / args.label / scenario.name / f"{index:04d}"),
                }
            )
    print(f"{len(tasks)} realisations in {len(chosen)} scenarios; {args.jobs} jobs", file=sys.stderr)

    started = time.perf_counter()
    rows = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_kselect, args.kselect, t, args.headline, args.reuse, args.kselect_args.split()) for t in tasks]
        for number, future in enumerate(concurrent.futures.as_completed(futures), 1):
            rows.append(future.result())
            if number % 100 == 0:
                print(f"  {number}/{len(tasks)} sweeps, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    errors = [r for r in rows if "error" in r]
    for row in errors[:5]:
        print(f"error: {row['scenario']} #{row['index']}: {row['error']}", file=sys.stderr)
    rows = [r for r in rows if "error" not in r]
    kselect_seconds = time.perf_counter() - started

    peer_seconds = 0.0
    if args.peers:
        peer_names = set(args.peer_scenarios.split(","))
        peer_tasks = [t for t in tasks if t["scenario"] in peer_names]
        print(f"R peers on {len(peer_tasks)} realisations", file=sys.stderr)
        started = time.perf_counter()
        peers = run_peers(peer_tasks, work, args.jobs, args.reuse)
        peer_seconds = time.perf_counter() - started
        for row in rows:
            peer = peers.get((row["scenario"], row["index"]))
            if peer:
                row["picks"]["R_clusGap"] = peer["clusgap_k"]
                row["picks"]["R_prediction_strength"] = peer["ps_k"]

    rows.sort(key=lambda r: (r["scenario"], r["index"]))
    tables.write_all(
        rows, chosen, results_dir, args.table or args.label, kselect_seconds, peer_seconds, len(errors), run_command(argv)
    )
    print(f"results in {results_dir}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
