"""The three tools of the scale benchmark, each run as a whole command and read into a `Cell`:
`kselect sweep`, Spark MLlib (peers/sweep_spark.py) and scikit-learn (peers/sweep_sklearn.py)."""

import json
import os
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from timed import run_timed

PEERS = Path(__file__).resolve().parent.parent / "peers"
WORK = Path(__file__).resolve().parent.parent / "work"


@dataclass
class Settings:
    cli: str
    k_max: int
    references: int
    time_limit: float  # seconds per run of one tool; 0 for none
    repeats: int  # runs of a tool at most, for a median
    repeat_below: float  # a tool is run again only while its runs take less than this
    spark_master: str
    spark_memory: str


@dataclass
class Cell:
    """One tool on one data set: the median over its runs (or why there is none)."""

    tool: str
    status: str = "ok"  # "ok", "did not finish in T s", "failed: …"
    times: list = field(default_factory=list)
    peak_mib: float | None = None
    gap_k: object = ""
    silhouette_k: object = ""
    headline: str = ""
    detail: str = ""

    @property
    def seconds(self):
        return statistics.median(self.times) if self.times else None


def repeated(cell, settings, command, read, log, limit=None, env=None):
    """Runs `command` until it has `settings.repeats` runs or one run takes `repeat_below`
    seconds or more; `read(cell, stdout)` fills the tool's answers from the last run, whose
    output is kept in work/scale-logs/`log` (per-k values included)."""
    limit = settings.time_limit if limit is None else limit
    (WORK / "scale-logs").mkdir(parents=True, exist_ok=True)
    while len(cell.times) < settings.repeats:
        outcome = run_timed(command, limit, env)
        (WORK / "scale-logs" / log).write_text(outcome.stdout + "\n--- standard error ---\n" + outcome.stderr)
        if outcome.returncode is None:
            cell.status = f"did not finish in {limit:.0f} s"
            read_partial(cell, outcome.stdout)
            return cell
        if not outcome.finished:
            last = outcome.stderr.strip().splitlines()[-1] if outcome.stderr.strip() else f"exit {outcome.returncode}"
            cell.status = f"failed: {last[:160]}"
            return cell
        cell.times.append(outcome.seconds)
        cell.peak_mib = max(cell.peak_mib or 0, outcome.peak_mib or 0) or None
        try:
            read(cell, outcome.stdout)
        except (ValueError, KeyError, StopIteration) as error:
            cell.status = f"failed: unreadable output ({type(error).__name__}: {error}), see work/scale-logs/{log}"
            return cell
        if outcome.seconds >= settings.repeat_below:
            break
    return cell


def read_partial(cell, stdout):
    """What a killed Spark run had printed (one JSON event per line), as the cell's detail."""
    events = []
    for line in stdout.splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and "event" in event:
            events.append(event)
    fits = [e for e in events if e.get("event") == "fit"]
    references = [e for e in events if e.get("event") == "reference"]
    if events:
        cell.detail = f"killed after {len(fits)} fits and {len(references)} references"


def kselect(settings, csv, n, d):
    command = [settings.cli, "sweep", csv, "--k-max", settings.k_max, "--out", WORK / f"scale-report-{n}-{d}",
               "--quiet", "--no-render", "--json"]
    if settings.references != 20:  # kselect's default
        command += ["--references", settings.references]

    def read(cell, stdout):
        summary = json.loads(stdout)
        cell.gap_k = summary["recommendations"].get("gap") or ""
        cell.silhouette_k = summary["recommendations"].get("silhouette") or ""
        cell.headline = summary["recommendation"]["headline"]
        timings = summary.get("timings_seconds") or {}
        if timings:
            cell.detail = ", ".join(f"{name} {value:.1f} s" for name, value in timings.items() if isinstance(value, (int, float)))

    return repeated(Cell("kselect sweep"), settings, command, read, f"kselect-{n}-{d}.out")


def spark(settings, csv, n, d):
    """MLlib on `spark_master`. The peer stops its gap loop before the time limit; the run is
    killed only when it overshoots by a tenth (at least two minutes)."""
    limit = settings.time_limit
    command = [sys.executable, PEERS / "sweep_spark.py", csv, "--k-max", settings.k_max, "--references", settings.references,
               "--master", settings.spark_master, "--driver-memory", settings.spark_memory, "--time-limit", limit]

    def read(cell, stdout):
        events = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
        loaded = next(e for e in events if e["event"] == "loaded")
        done = next(e for e in events if e["event"] == "done")
        cell.gap_k = done["gap_choice"] if done["gap_choice"] is not None else "–"
        cell.silhouette_k = done["silhouette_choice"] or ""
        cell.peak_mib = max(cell.peak_mib or 0, done["peak_mib"])
        count, requested = done["references_done"], done["references_requested"]
        per_reference = done["gap_seconds"] / count if count else 0
        cell.detail = (
            f"load {loaded['seconds']:.1f} s (JVM start included; partitions: {loaded['partitions']}), "
            f"{len(done['rows'])} fits with silhouettes {done['fits_seconds']:.1f} s, "
            f"gap {done['gap_seconds']:.1f} s on {count} of {requested} references ({per_reference:.1f} s each)")
        if count < requested:
            cell.status = f"gap on {count} of {requested} references within {limit:.0f} s"

    hard_limit = limit + max(120, limit / 10) if limit else 0
    return repeated(Cell(f"Spark MLlib {settings.spark_master}"), settings, command, read, f"spark-{n}-{d}.out", limit=hard_limit)


def sklearn(settings, csv, n, d):
    jobs = os.cpu_count()
    command = [sys.executable, PEERS / "sweep_sklearn.py", csv, "--k-max", settings.k_max, "--references", settings.references,
               "--jobs", jobs]

    def read(cell, stdout):
        result = json.loads(stdout)
        cell.gap_k = result["gap_choice"]
        cell.silhouette_k = result["silhouette_choice"] or ""

    return repeated(Cell(f"scikit-learn + numpy gap, {jobs} processes"), settings, command, read, f"sklearn-{n}-{d}.out")


TOOLS = {"kselect": kselect, "spark": spark, "sklearn": sklearn}
