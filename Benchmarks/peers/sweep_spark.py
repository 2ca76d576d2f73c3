"""The peer pipeline for the whole choice of k on Spark MLlib, in local mode.

    python sweep_spark.py data.csv --k-min 1 --k-max 15 --references 20 [--master local[2]]
                          [--driver-memory 6g] [--time-limit SECONDS]

What a Spark user with MLlib's defaults does: for every k one `KMeans` fit (k-means|| seeding,
MLlib's defaults of 20 iterations at most and tol 1e-4; MLlib has no restarts), W_k as the
model's training cost, and `ClusteringEvaluator`'s silhouette (MLlib's default metric, the
silhouette of squared Euclidean distances). MLlib's KMeans needs k >= 2: W_1 is the total sum of
squares about the mean. Then the gap statistic (Tibshirani, Walther & Hastie 2001) with
`references` uniform reference sets over the box of the feature ranges, drawn and clustered on
Spark the same way, and the Tibs2001SEmax choice.

With --time-limit the gap loop stops before a reference that would end past the limit (judged
from the references done so far); the gap is then read from the references done and the output
says how many. Prints one JSON object per line: "loaded", one "fit" per k, one "reference" per
reference set, and "done" with the choices and the peak resident set of the driver and its JVM
(their VmHWM added up).
"""

import argparse
import json
import math
import os
import sys
import time

from pyspark.ml.clustering import KMeans
from pyspark.ml.evaluation import ClusteringEvaluator
from pyspark.ml.feature import VectorAssembler
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import DoubleType, StructField, StructType


def emit(event, **fields):
    print(json.dumps({"event": event, **fields}), flush=True)


def feature_frame(frame, columns):
    """The columns as one vector column `features`, cached and materialised."""
    features = VectorAssembler(inputCols=columns, outputCol="features").transform(frame).select("features").cache()
    features.count()
    return features


def total_sum_of_squares(frame, columns, n):
    """W_1: the sum over the columns of n times the population variance."""
    variances = frame.agg(*[F.var_pop(c) for c in columns]).first()
    return float(n * sum(variances))


def wcss(features, k, seed, max_iter, tol):
    """W_k of one MLlib fit and the fitted model."""
    model = KMeans(k=k, seed=seed, maxIter=max_iter, tol=tol, featuresCol="features").fit(features)
    return float(model.summary.trainingCost), model


def reference_frame(spark, n, low, high, partitions, seed):
    """n points uniform in the box [low, high], drawn on Spark from one seed per column."""
    columns = [f"x{j}" for j in range(len(low))]
    draws = [(F.rand(seed * 1009 + j) * (high[j] - low[j]) + low[j]).alias(c) for j, c in enumerate(columns)]
    return spark.range(0, n, numPartitions=partitions).select(*draws), columns


def peak_mib(pid):
    """The peak resident set (VmHWM) of process `pid` and its descendants, added up, in MiB."""
    parents = {}
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                # The parent's id is the second field after the parenthesised command name.
                parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (ValueError, OSError):
            continue
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        pending += [child for child, parent in parents.items() if parent == current]
    total = 0
    for member in tree:
        try:
            with open(f"/proc/{member}/status") as status:
                total += next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), 0)
        except OSError:
            continue
    return total / 1024


def tibs2001_se_max(ks, gaps, se):
    """The smallest k with Gap(k) >= Gap(k+1) - s_{k+1}; the largest k when none is."""
    for i in range(len(ks) - 1):
        if gaps[i] >= gaps[i + 1] - se[i + 1]:
            return ks[i]
    return ks[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--k-min", type=int, default=1)
    parser.add_argument("--k-max", type=int, default=15)
    parser.add_argument("--references", type=int, default=20)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--driver-memory", default="6g")
    parser.add_argument("--max-iter", type=int, default=20, help="MLlib's default")
    parser.add_argument("--tol", type=float, default=1e-4, help="MLlib's default")
    parser.add_argument("--time-limit", type=float, default=0, help="seconds; stop the gap loop before passing it")
    args = parser.parse_args()
    start = time.perf_counter()
    spark = (
        SparkSession.builder.master(args.master)
        .appName("kselect-scale-peer")
        .config("spark.driver.memory", args.driver_memory)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        run(spark, args, start)
    finally:
        spark.stop()


def run(spark, args, start):
    with open(args.csv) as header:
        columns = header.readline().strip().split(",")
    schema = StructType([StructField(c, DoubleType(), False) for c in columns])
    frame = spark.read.csv(args.csv, header=True, schema=schema)
    features = feature_frame(frame, columns)
    n = features.count()
    partitions = features.rdd.getNumPartitions()
    bounds = frame.agg(*[F.min(c) for c in columns], *[F.max(c) for c in columns]).first()
    low, high = list(bounds[: len(columns)]), list(bounds[len(columns) :])
    emit("loaded", seconds=time.perf_counter() - start, n=n, d=len(columns), partitions=partitions)

    ks = list(range(args.k_min, args.k_max + 1))
    evaluator = ClusteringEvaluator(featuresCol="features")
    rows = []
    fits_start = time.perf_counter()
    for k in ks:
        began = time.perf_counter()
        if k == 1:
            row = {"k": 1, "wcss": total_sum_of_squares(frame, columns, n)}
        else:
            cost, model = wcss(features, k, args.seed, args.max_iter, args.tol)
            row = {"k": k, "wcss": cost, "silhouette": float(evaluator.evaluate(model.transform(features)))}
        row["seconds"] = time.perf_counter() - began
        rows.append(row)
        emit("fit", **row)
    fits_seconds = time.perf_counter() - fits_start

    gap_start = time.perf_counter()
    reference_logs = []
    for b in range(args.references):
        elapsed = time.perf_counter() - start
        if args.time_limit and reference_logs:
            per_reference = (time.perf_counter() - gap_start) / len(reference_logs)
            if elapsed + per_reference > args.time_limit:
                break
        began = time.perf_counter()
        reference, reference_columns = reference_frame(spark, n, low, high, partitions, args.seed + 1 + b)
        reference = reference.cache()
        reference_features = feature_frame(reference, reference_columns)
        logs = []
        for k in ks:
            if k == 1:
                logs.append(math.log(total_sum_of_squares(reference, reference_columns, n)))
            else:
                logs.append(math.log(wcss(reference_features, k, args.seed + b, args.max_iter, args.tol)[0]))
        reference_features.unpersist()
        reference.unpersist()
        reference_logs.append(logs)
        emit("reference", b=b, seconds=time.perf_counter() - began)
    gap_seconds = time.perf_counter() - gap_start

    done = {
        "n": n, "d": len(columns), "partitions": partitions, "rows": rows,
        "fits_seconds": fits_seconds, "gap_seconds": gap_seconds,
        "references_requested": args.references, "references_done": len(reference_logs),
    }
    with_silhouette = [r for r in rows if "silhouette" in r]
    done["silhouette_choice"] = max(with_silhouette, key=lambda r: r["silhouette"])["k"] if with_silhouette else None
    if len(reference_logs) >= 2:
        count = len(reference_logs)
        means = [sum(logs[i] for logs in reference_logs) / count for i in range(len(ks))]
        sds = [math.sqrt(sum((logs[i] - means[i]) ** 2 for logs in reference_logs) / count) for i in range(len(ks))]
        se = [s * math.sqrt(1 + 1 / count) for s in sds]
        gaps = [means[i] - math.log(rows[i]["wcss"]) for i in range(len(ks))]
        for i, row in enumerate(rows):
            row["gap"], row["gap_se"] = gaps[i], se[i]
        done["gap_choice"] = tibs2001_se_max(ks, gaps, se)
    else:
        done["gap_choice"] = None
    done["seconds"] = time.perf_counter() - start
    # The driver and its JVM: GNU time cannot see the JVM, which outlives the driver unreaped.
    done["peak_mib"] = peak_mib(os.getpid())
    emit("done", **done)


if __name__ == "__main__":
    sys.exit(main())
