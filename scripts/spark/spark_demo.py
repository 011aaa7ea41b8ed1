"""Train creditrisk's models on Apache Spark from shard statistics, then score.

The history is partitioned by customer (FNV-1a 64 of the customer_id's UTF-8 bytes, modulo the
number of partitions: the hash `creditrisk train --shard` and `score --shard` use), and each
partition is piped through the creditrisk binary, which returns its statistics for the round
(`train --history - --shard i/n --state S --stats-out -`). The Spark driver only moves the
statistics and hands them to `creditrisk solve`, which adds them up and takes the next step,
until the fits have converged. The model is then compared with the one `creditrisk train` fits
on one machine, coefficient by coefficient, and both models' score files are compared.

Usage: python spark_demo.py --creditrisk PATH --work DIR [--shards 4] [--master local[2]]
"""

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def fnv1a64(text):
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def run(args, **kwargs):
    print("$ " + " ".join(args), flush=True)
    return subprocess.run(args, check=True, **kwargs)


def as_of_date(history):
    latest = ""
    with open(history, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            latest = max(latest, row["issue_date"], row["paid_date"] or "")
    return latest


def shard_statistics(binary_name, header, customers_text, fx_text, state_text, shards):
    """The function each partition runs: its lines through `creditrisk train --shard`."""

    def run_partition(index, lines):
        binary = SparkFiles.get(binary_name)
        with tempfile.TemporaryDirectory() as tmp:
            state = os.path.join(tmp, "state.json")
            customers = os.path.join(tmp, "customers.csv")
            fx = os.path.join(tmp, "fx-rates.csv")
            for path, content in [(state, state_text), (customers, customers_text),
                                  (fx, fx_text)]:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(content.value)
            text = header + "\n" + "".join(line + "\n" for line in lines)
            done = subprocess.run(
                [binary, "train", "--history", "-", "--customers", customers, "--fx", fx,
                 "--shard", f"{index + 1}/{shards}", "--state", state, "--stats-out", "-"],
                input=text.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if done.returncode != 0:
                raise RuntimeError(done.stderr.decode("utf-8", "replace"))
            return [done.stdout.decode("utf-8").strip()]

    return run_partition


def coefficients(model):
    m = json.load(open(model, encoding="utf-8"))
    rows = []
    for part, fit in [("delinquency", m["delinquency"]), ("cox", m["timeToPaymentCox"]),
                      ("weibull", m["timeToPaymentWeibull"])]:
        rows += [(part, n, v) for n, v in zip(fit["featureNames"], fit["coefficients"])]
    rows.append(("weibull", "log_rho", m["timeToPaymentWeibull"]["logRho"]))
    cure = m.get("timeToPaymentCure")
    if cure:
        rows += [("cure", "incidence: " + n, v)
                 for n, v in zip(cure["incidenceNames"], cure["incidenceCoefficients"])]
        rows += [("cure", "latency: " + n, v)
                 for n, v in zip(cure["latencyNames"], cure["latencyCoefficients"])]
        rows.append(("cure", "log_rho", cure["logRho"]))
    return rows


def compare_scores(a_dir, b_dir):
    same, differ = [], []
    for name in sorted(os.listdir(a_dir)):
        if not name.endswith(".csv"):
            continue
        a = open(os.path.join(a_dir, name), "rb").read()
        b = open(os.path.join(b_dir, name), "rb").read()
        (same if a == b else differ).append(name)
    return same, differ


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--creditrisk", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--shards", type=int, default=4)
    p.add_argument("--master", default="local[2]")
    p.add_argument("--customers", type=int, default=400)
    p.add_argument("--invoices", type=int, default=20000)
    a = p.parse_args()
    binary = os.path.abspath(a.creditrisk)
    work = os.path.abspath(a.work)
    book = os.path.join(work, "book")
    history = os.path.join(book, "history.csv")
    customers = os.path.join(book, "customers.csv")
    fx = os.path.join(book, "fx-rates.csv")
    # The files every command reads beside the history.
    beside = ["--customers", customers, "--fx", fx]
    run([binary, "simulate", "--customers", str(a.customers), "--invoices", str(a.invoices),
         "--seed", "17", "--out", book], stdout=subprocess.DEVNULL)
    as_of = as_of_date(history)

    # One machine.
    single = os.path.join(work, "single-model.json")
    run([binary, "train", "--history", history] + beside + ["--as-of", as_of, "--model", single],
        stdout=subprocess.DEVNULL)

    # Spark: the history's lines keyed by customer, partitioned by the customers' hash.
    spark = (SparkSession.builder.master(a.master).appName("creditrisk-shards")
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    sc.addFile(binary)
    with open(history, encoding="utf-8") as f:
        header = f.readline().rstrip("\r\n")
    column = next(csv.reader([header])).index("customer_id")
    lines = sc.textFile(history).filter(lambda line: line != header)
    # The id as creditrisk reads it (`train --shard` hashes that): without the spaces and
    # tabs around it, so ids padded to a fixed width land in their shard.
    keyed = lines.map(lambda line: (next(csv.reader([line]))[column].strip(" \t"), line))
    partitions = keyed.partitionBy(a.shards, fnv1a64).values().cache()
    customers_text = sc.broadcast(open(customers, encoding="utf-8").read())
    fx_text = sc.broadcast(open(fx, encoding="utf-8").read())

    state = os.path.join(work, "state-0.json")
    run([binary, "solve", "--as-of", as_of, "--state-out", state], stdout=subprocess.DEVNULL)
    spark_model = os.path.join(work, "spark-model.json")
    for round_number in range(1, 100):
        state_text = sc.broadcast(open(state, encoding="utf-8").read())
        stats = partitions.mapPartitionsWithIndex(
            shard_statistics(os.path.basename(binary), header, customers_text, fx_text,
                             state_text, a.shards)).collect()
        stats_file = os.path.join(work, f"stats-{round_number}.jsonl")
        with open(stats_file, "w", encoding="utf-8") as f:
            f.write("\n".join(stats) + "\n")
        print(f"round {round_number}: {len(stats)} shards, "
              f"{sum(len(s) for s in stats):,} bytes of statistics", flush=True)
        next_state = os.path.join(work, f"state-{round_number}.json")
        run([binary, "solve", "--state", state, stats_file, "--state-out", next_state,
             "--model", spark_model])
        state = next_state
        if json.load(open(state, encoding="utf-8"))["stage"] == "done":
            break
    spark.stop()

    # Coefficients side by side.
    worst = 0.0
    print(f"\n{'model':<12}{'coefficient':<38}{'one machine':>22}{'Spark':>22}{'rel. diff':>11}")
    for (part, name, x), (_, _, y) in zip(coefficients(single), coefficients(spark_model)):
        rel = abs(x - y) / max(abs(x), abs(y)) if x != y else 0.0
        if part != "cure":
            worst = max(worst, rel)
        print(f"{part:<12}{name[:37]:<38}{x:>22.15g}{y:>22.15g}{rel:>11.1e}")
    print(f"\nlargest relative difference (logistic, Cox, Weibull): {worst:.2e}")

    # Both models score the same book.
    outs = []
    for label, model in [("single", single), ("spark", spark_model)]:
        out = os.path.join(work, f"scores-{label}")
        run([binary, "score", "--model", model, "--history", history] + beside
            + ["--as-of", as_of, "--out", out], stdout=subprocess.DEVNULL)
        outs.append(out)
    same, differ = compare_scores(*outs)
    print(f"score files identical: {', '.join(same) or 'none'}")
    if differ:
        print(f"score files that differ: {', '.join(differ)}")
    ok = worst <= 1e-9 and not differ
    print("spark-demo: " + ("PASSED" if ok else "FAILED"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
