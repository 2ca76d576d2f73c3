"""Runs one benchmark command: wall time, peak resident set (GNU time's maximum RSS of the
largest process in the tree, which for Spark is its JVM) and a time limit after which the whole
process group (a Spark JVM included) is killed."""

import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass
class Outcome:
    seconds: float
    peak_mib: float | None  # None when the run was killed or failed before GNU time reported
    stdout: str
    stderr: str
    returncode: int | None  # None when the time limit killed the run

    @property
    def finished(self):
        return self.returncode == 0


def run_timed(command, limit_seconds, env=None):
    """Runs `command` under /usr/bin/time in its own process group; kills the group at
    `limit_seconds` (0: no limit)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        wrapped = ["/usr/bin/time", "-f", "%M", "-o", report.name, *map(str, command)]
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=limit_seconds or None)
            returncode = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            returncode = None
        seconds = time.perf_counter() - start
        # Children the group leaves behind (none expected) must not outlive the run.
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        lines = [line for line in open(report.name).read().splitlines() if line.strip().isdigit()]
    peak = int(lines[-1]) / 1024 if lines and returncode == 0 else None
    return Outcome(seconds, peak, stdout, stderr, returncode)
