#!/usr/bin/env python3
"""How far the expected payment dates of a rolling backtest lie from the simulation's truth.

    creditrisk backtest --history sim/history.csv --customers sim/customers.csv \\
      --fx sim/fx-rates.csv --cutoffs 2024-10..2025-09 --out sim/backtest
    python3 scripts/notebooks/date_bias.py sim/backtest/backtest_invoices.csv \\
      sim/truth_invoices.csv [more pairs...]

For the invoices open at each cutoff that the truth says will be paid (numpy only):

- `model - true`: the model's expected payment date minus the true median given paid at the
  same age (`ceiling_payment_date`), mean days, with a 95% bootstrap interval over customers.
- `|model - true|`: the same difference's mean absolute value, how far each invoice's date
  lies from its own true median (a date can be right on average and wrong invoice by invoice).
- `F`: the true probability of being paid by the model's date, given paid and open at that
  age, averaged. A median that is right for the invoices it cannot tell apart gives 0.5 on
  average (plus what whole days add: the true median's own F, `F true`, is about 0.515).
- `model - true` of each bucket by the quarter of the cutoff (means, no interval).
- For the invoices paid after their cutoff (the backtest's date rows), how often the mean
  signed error (predicted - actual) of the model's dates and of the true medians is within
  +/-5 days when the payment days are drawn again from the truth (each invoice once, given
  paid and open at the first cutoff it is open at; it counts at every cutoff it is still open
  at, as the backtest counts it, and only when paid by the history's last payment date).

Pairs of files are pooled in the last lines. Only the files named are read.
"""

import csv
import datetime
import math
import sys

import numpy as np

BUCKETS = [(0, 30), (31, 60), (61, 120), (121, 365)]
DRAWS = 2000


def ordinal(text):
    return datetime.date.fromisoformat(text).toordinal() if text else None


class Truth:
    """One invoice's true cure-Weibull payment model (`truth_invoices.csv`)."""

    def __init__(self, row):
        self.scale = float(row["weibull_lambda"])
        self.shape = float(row["weibull_rho"])
        self.window = int(row["discount_days"])
        self.take_up = float(row["discount_take_up"])
        self.never = row["never_pays"] == "true"

    def weibull(self, d):
        return 1.0 if d < 1 else math.exp(-(((d + 0.5) / self.scale) ** self.shape))

    def survival(self, d):
        """P(D > d | paid), the discount's drop included."""
        s = self.weibull(d)
        return (1 - self.take_up) * s if self.window > 0 and d >= self.window else s

    def cdf(self, d, age):
        """P(D <= d | paid, D > age)."""
        at = self.survival(age)
        return 1.0 if at <= 0 else 1 - self.survival(d) / at



def draw_days(truths, ages, shape, rng):
    """Payment days given paid and D > age, `shape` draws of each invoice (inverse transform)."""
    scale = np.array([t.scale for t in truths])
    rho = np.array([t.shape for t in truths])
    window = np.array([t.window for t in truths])
    take_up = np.array([t.take_up for t in truths])
    ages = np.asarray(ages)
    at = np.array([t.survival(a) for t, a in zip(truths, ages)])
    level = rng.random(shape + (len(truths),)) * at

    def weibull_day(lv):
        return np.maximum(1, np.ceil(scale * (-np.log(lv)) ** (1 / rho) - 0.5))

    day = weibull_day(level)
    at_window = (1 - take_up) * np.exp(-(((window + 0.5) / scale) ** rho))
    late = (window > ages) & (day >= window)
    day = np.where(late & (at_window <= level), window, day)
    day = np.where(
        late & (at_window > level), weibull_day(np.minimum(level / (1 - take_up), 1)), day
    )
    return np.maximum(day, ages + 1)


def read(invoices_path, truth_path):
    with open(truth_path, newline="") as f:
        truth = {r["invoice_id"]: Truth(r) for r in csv.DictReader(f)}
    rows = []
    with open(invoices_path, newline="") as f:
        for r in csv.DictReader(f):
            t = truth[r["invoice_id"]]
            if t.never:
                continue
            cutoff = ordinal(r["cutoff"])
            age = int(r["age_days"])
            issue = cutoff - age
            rows.append(
                {
                    "invoice": r["invoice_id"],
                    "customer": r["customer_id"],
                    "cutoff": cutoff,
                    "age": age,
                    "paid": ordinal(r["paid_date"]) - issue if r["paid_date"] else None,
                    "model": ordinal(r["model_payment_date"]) - issue,
                    "true": ordinal(r["ceiling_payment_date"]) - issue,
                    "truth": t,
                }
            )
    return rows


def bucket(age):
    for lo, hi in BUCKETS:
        if lo <= age <= hi:
            return f"{lo}-{hi}"
    return None


def interval(values, customers, rng, replicates=1000):
    values = np.asarray(values, float)
    ids, index = np.unique(customers, return_inverse=True)
    sums = np.bincount(index, weights=values, minlength=len(ids))
    counts = np.bincount(index, minlength=len(ids))
    means = []
    for _ in range(replicates):
        k = rng.integers(0, len(ids), len(ids))
        means.append(sums[k].sum() / max(counts[k].sum(), 1))
    return values.mean(), np.percentile(means, 2.5), np.percentile(means, 97.5)


def redraws(rows, rng):
    """Share of draws with |mean signed error| <= 5 per bucket: ((model, truth), n)."""
    last = max(r["cutoff"] + (r["paid"] - r["age"]) for r in rows if r["paid"] is not None)
    result = {}
    for label in (f"{lo}-{hi}" for lo, hi in BUCKETS):
        part = [r for r in rows if bucket(r["age"]) == label]
        n = sum(1 for r in part if r["paid"] is not None)
        if not part:
            continue
        first = {}
        for r in sorted(rows, key=lambda r: r["cutoff"]):
            first.setdefault(r["invoice"], r)
        invoices = sorted({r["invoice"] for r in part})
        column = {inv: j for j, inv in enumerate(invoices)}
        days = draw_days(
            [first[i]["truth"] for i in invoices], [first[i]["age"] for i in invoices],
            (DRAWS,), rng,
        )
        cols = np.array([column[r["invoice"]] for r in part])
        age = np.array([r["age"] for r in part])
        issue = np.array([r["cutoff"] - r["age"] for r in part])
        model = np.array([r["model"] for r in part])
        true = np.array([r["true"] for r in part])
        d = days[:, cols]
        counted = (d > age) & (issue + d <= last)
        count = np.maximum(counted.sum(1), 1)
        signed_model = ((model - d) * counted).sum(1) / count
        signed_true = ((true - d) * counted).sum(1) / count
        result[label] = (
            (np.mean(np.abs(signed_model) <= 5), np.mean(np.abs(signed_true) <= 5)), n
        )
    return result


def quarter(day):
    date = datetime.date.fromordinal(day)
    return f"{date.year}Q{(date.month - 1) // 3 + 1}"


def by_quarter(rows):
    """`model - true` (mean days) of each bucket by the quarter of the cutoff: the models of
    later cutoffs are trained on longer histories and their landmarks lie further from the
    history's start."""
    quarters = sorted({quarter(r["cutoff"]) for r in rows})
    for lo, hi in BUCKETS:
        cells = []
        for q in quarters:
            part = [r["model"] - r["true"] for r in rows
                    if lo <= r["age"] <= hi and quarter(r["cutoff"]) == q]
            if part:
                cells.append(f"{q} {np.mean(part):+.2f} ({len(part)})")
        if cells:
            print(f"  {lo}-{hi} by cutoff quarter: " + ", ".join(cells))


def report(name, rows, rng, redraw):
    print(f"== {name}: {len(rows)} invoice-cutoffs of payers")
    for lo, hi in BUCKETS:
        part = [r for r in rows if lo <= r["age"] <= hi]
        if not part:
            continue
        est, low, high = interval(
            [r["model"] - r["true"] for r in part], [r["customer"] for r in part], rng
        )
        f_model = np.mean([r["truth"].cdf(r["model"], r["age"]) for r in part])
        f_true = np.mean([r["truth"].cdf(r["true"], r["age"]) for r in part])
        absolute = np.mean([abs(r["model"] - r["true"]) for r in part])
        print(
            f"  {lo}-{hi}: n {len(part)}, model - true {est:+.2f} [{low:+.2f}, {high:+.2f}],"
            f" |model - true| {absolute:.2f}, F {f_model:.3f} (F true {f_true:.3f})"
        )
    by_quarter(rows)
    if redraw:
        for label, ((model, true), n) in redraws(rows, rng).items():
            print(
                f"  {label}: {n} paid; |mean signed| <= 5 in {100 * model:.0f}% of draws"
                f" (true medians {100 * true:.0f}%)"
            )


def main():
    args = sys.argv[1:]
    if len(args) < 2 or len(args) % 2:
        sys.exit("usage: date_bias.py INVOICES.csv TRUTH.csv [INVOICES.csv TRUTH.csv ...]")
    rng = np.random.default_rng(1)
    pooled = []
    for k in range(0, len(args), 2):
        rows = read(args[k], args[k + 1])
        for r in rows:
            r["customer"] = f"{k}/{r['customer']}"
        report(args[k], rows, rng, redraw=True)
        pooled += rows
    if len(args) > 2:
        report("pooled", pooled, rng, redraw=False)


if __name__ == "__main__":
    main()
