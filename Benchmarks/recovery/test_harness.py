"""The harness against a stand-in kselect whose summary.json names criteria the tables do not know.

    cd Benchmarks/recovery && .venv/bin/python -m unittest test_harness

The stand-in prints a fixed summary.json: the six classic criteria pick 2, the stability criteria
``prediction_strength`` and ``instability`` pick 3 (the second as an object with a ``k``), a
criterion unknown to tables.py picks 3, one criterion makes no choice (null), and
``recommendation.k`` is 3. On tibs-2 (true k = 3) the tables must show every one of them, count
the null as unanswered and name the stability criteria among the best single criteria.
"""

from __future__ import annotations

import csv
import json
import pathlib
import shutil
import sys
import tempfile
import textwrap
import unittest

import harness

SUMMARY = {
    "recommendations": {
        "elbow": 2,
        "gap": 2,
        "fk": 2,
        "silhouette": 2,
        "calinski_harabasz": 2,
        "davies_bouldin": 2,
        "prediction_strength": 3,
        "instability": {"k": 3},
        "zeta_criterion": 3,
        "undecided_criterion": None,
    },
    "recommendation": {"k": 3, "rule": "stand-in"},
    "consensus": 2,
}


class HarnessTablesTest(unittest.TestCase):
    def setUp(self) -> None:
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="recovery-harness-"))
        self.addCleanup(shutil.rmtree, self.folder)
        self.fake = self.folder / "kselect"
        self.fake.write_text(
            f"#!{sys.executable}\n"
            + textwrap.dedent(
                f"""
                import json
                print(json.dumps({SUMMARY!r}))
                """
            )
        )
        self.fake.chmod(0o755)
        arguments = [
            "--kselect", str(self.fake), "--scenarios", "tibs-2", "--realisations", "2", "--jobs", "1",
            "--work", str(self.folder / "work"), "--results", str(self.folder / "results"), "--label", "fake",
        ]  # fmt: skip
        self.assertEqual(harness.main(arguments), 0)
        self.results = self.folder / "results"

    def test_every_recommendations_key_is_a_column(self) -> None:
        with (self.results / "fake-realisations.csv").open() as handle:
            rows = list(csv.DictReader(handle))
        self.assertEqual(len(rows), 2)
        for row in rows:
            self.assertEqual(row["prediction_strength"], "3")
            self.assertEqual(row["instability"], "3")
            self.assertEqual(row["zeta_criterion"], "3")
            self.assertEqual(row["undecided_criterion"], "")
            self.assertEqual(row["gap"], "2")
            self.assertEqual(row["headline"], "3")
            self.assertEqual(row["headline_key"], "recommendation")
        header = list(rows[0])
        order = ["elbow", "gap", "fk", "silhouette", "calinski_harabasz", "davies_bouldin",
                 "prediction_strength", "instability", "undecided_criterion", "zeta_criterion", "headline"]  # fmt: skip
        self.assertEqual([h for h in header if h in order], order)

    def test_recovery_table_shows_and_ranks_the_stability_criteria(self) -> None:
        lines = (self.results / "fake-recovery.md").read_text().splitlines()
        command = next(line for line in lines if line.startswith("Command: "))
        self.assertIn("`Benchmarks/recovery/run --scenarios tibs-2 --realisations 2", command)
        self.assertNotIn(str(self.fake), command)
        head = next(line for line in lines if line.startswith("| scenario |"))
        columns = [c.strip() for c in head.strip("|").split("|")]
        for name in ("PS", "instab.", "zeta_criterion", "undecided_criterion", "headline"):
            self.assertIn(name, columns)
        row = next(line for line in lines if line.startswith("| tibs-2 |"))
        cells = dict(zip(columns, (c.strip() for c in row.strip("|").split("|"))))
        self.assertEqual(cells["PS"], "100")
        self.assertEqual(cells["instab."], "100")
        self.assertEqual(cells["gap"], "0")
        self.assertEqual(cells["undecided_criterion"], "–")
        self.assertEqual(cells["headline"], "100")
        self.assertEqual(cells["best single"], "100 (PS, instab., zeta_criterion)")
        mean = next(line for line in lines if line.startswith("| mean of scenarios |"))
        cells = dict(zip(columns, (c.strip() for c in mean.strip("|").split("|"))))
        self.assertEqual(cells["undecided_criterion"], "–")
        self.assertEqual(cells["PS"], "100")

    def test_distribution_counts_the_new_criteria(self) -> None:
        with (self.results / "fake-distribution.csv").open() as handle:
            rows = {(r["method"], r["k"]): int(r["count"]) for r in csv.DictReader(handle)}
        self.assertEqual(rows[("prediction_strength", "3")], 2)
        self.assertEqual(rows[("instability", "3")], 2)
        self.assertNotIn(("undecided_criterion", "None"), rows)


class CriterionPicksTest(unittest.TestCase):
    def test_numbers_objects_and_nulls(self) -> None:
        picks = harness.criterion_picks(json.loads(json.dumps(SUMMARY)))
        self.assertEqual(picks["instability"], 3)
        self.assertEqual(picks["prediction_strength"], 3)
        self.assertIsNone(picks["undecided_criterion"])
        self.assertEqual(harness.headline(SUMMARY, None), (3, "recommendation"))
        self.assertEqual(harness.headline({"consensus": 4}, None), (4, "consensus"))

    def test_run_command_leaves_out_the_binary(self) -> None:
        command = harness.run_command(["--kselect", "/x/kselect", "--label", "pca", "--kselect-args", "--reference-space pca"])
        self.assertEqual(command, "Benchmarks/recovery/run --label pca --kselect-args '--reference-space pca'")
        self.assertEqual(harness.run_command(["--kselect=/x/kselect", "--quick"]), "Benchmarks/recovery/run --quick")


if __name__ == "__main__":
    unittest.main()
