#!/usr/bin/env python3
"""An invoice history from a generator written apart from `creditrisk simulate`, with its truth.

`creditrisk simulate` and the models were built side by side, so a model can look better on its
histories than it is. This generator shares no code or parameter with it and is built the other
way round where it can be:

- each customer has a Weibull shape of its own (1.3 to 3.2; the simulator's is one shape for
  everyone), a latent slowness that is not in the history (normal, sd 0.5 on the log scale of
  the time to pay) and a size drawn from a heavy tail, so that a few customers hold much of the
  book;
- payment terms 15, 30, 45, 60 or 90 days by customer, an invoice in ten on other terms;
- payers' time to pay from issue is Weibull with scale (terms + 8) * exp(0.5 z
  + 0.05 log(amount / the customer's size) + 0.35 disputed + 0.12 issued in December);
- an invoice never pays with a logistic probability in the latent slowness, the dispute flag
  and the amount, its intercept set so that `--never-pay-rate` of the invoices never pay; they
  are not flagged (they stay open, as most exports show them);
- issue dates on weekdays only, with more invoices at month ends; the history has no currency
  column, its categories are named unlike the simulator's and live only in customers.csv.

Writes history.csv, customers.csv and truth_invoices.csv (the columns `creditrisk simulate`
writes: each invoice's never-pay probability and Weibull, from which `creditrisk backtest
--cutoffs` prints the ceiling) to --out. A payment day is max(1, round(T)) days after issue for
a Weibull draw T, as truth_invoices.csv defines it. The same seed gives the same files.

    python3 scripts/independent_history.py --seed 1 --out /tmp/ind1
    creditrisk backtest --history /tmp/ind1/history.csv --customers /tmp/ind1/customers.csv \
        --cutoffs 2024-10..2025-09 --replicates 20

Needs numpy (scripts/golden/requirements.txt).
"""

import argparse
import csv
import datetime as dt
import os

import numpy as np


def logistic(x):
    return 1.0 / (1.0 + np.exp(-x))


def never_pay_intercept(linear, rate):
    """The intercept a with mean(logistic(a + linear)) = rate, by bisection."""
    lo, hi = -30.0, 30.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if logistic(mid + linear).mean() < rate:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=500)
    parser.add_argument("--invoices", type=int, default=40000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--never-pay-rate", type=float, default=0.07)
    parser.add_argument("--as-of", default="2025-12-31")
    parser.add_argument("--history-days", type=int, default=730)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    as_of = dt.date.fromisoformat(args.as_of)
    first = as_of - dt.timedelta(days=args.history_days - 1)
    n_customers, n = args.customers, args.invoices

    # Customers.
    slowness = rng.normal(0.0, 0.5, n_customers)
    shape = rng.uniform(1.3, 3.2, n_customers)
    activity = rng.pareto(1.3, n_customers) + 1.0
    size = rng.lognormal(7.5, 0.8, n_customers)
    terms_of = rng.choice([15, 30, 45, 60, 90], n_customers, p=[0.1, 0.45, 0.2, 0.2, 0.05])
    areas = np.array(["North", "South", "East", "West", "Central"])
    sectors = np.array(["Food", "Metals", "Textiles", "Software", "Logistics", "Pharma"])
    area = rng.choice(areas, n_customers)
    sector = rng.choice(sectors, n_customers)
    since = rng.integers(60, 4000, n_customers)
    limit = np.round(size * rng.uniform(4, 25, n_customers), -3)

    # Invoices: weekdays, a month end weighs three days.
    days = np.array([first + dt.timedelta(days=int(k)) for k in range(args.history_days)])
    weight = np.array(
        [0.0 if d.weekday() >= 5 else (3.0 if (d + dt.timedelta(days=3)).month != d.month else 1.0)
         for d in days])
    issue_index = np.sort(rng.choice(args.history_days, n, p=weight / weight.sum()))
    customer = rng.choice(n_customers, n, p=activity / activity.sum())
    amount = np.round(size[customer] * rng.lognormal(0.0, 0.9, n), 2)
    amount = np.maximum(amount, 1.0)
    terms = terms_of[customer].copy()
    other = rng.random(n) < 0.1
    terms[other] = rng.choice([15, 30, 45, 60, 90], other.sum())
    disputed = rng.random(n) < 0.03 + 0.05 * (slowness[customer] > 0.4)
    december = np.array([days[k].month == 12 for k in issue_index])
    relative_size = np.log(amount / size[customer])

    # Payers' time to pay from issue, and who never pays.
    z = slowness[customer]
    scale = (terms + 8.0) * np.exp(0.5 * z + 0.05 * relative_size + 0.35 * disputed + 0.12 * december)
    rho = shape[customer]
    t = scale * (-np.log(rng.random(n))) ** (1.0 / rho)
    pay_age = np.maximum(1, np.round(t)).astype(int)
    linear = 1.5 * z + 0.8 * disputed + 0.2 * relative_size
    a = never_pay_intercept(linear, args.never_pay_rate)
    p_never = logistic(a + linear)
    never = rng.random(n) < p_never

    os.makedirs(args.out, exist_ok=True)
    ids = [f"C{c:05d}" for c in range(n_customers)]
    with open(os.path.join(args.out, "customers.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["customer_id", "credit_limit", "region", "industry", "customer_since"])
        for c in range(n_customers):
            w.writerow([ids[c], f"{limit[c]:.2f}", area[c], sector[c],
                        (as_of - dt.timedelta(days=int(since[c]) + args.history_days)).isoformat()])
    with open(os.path.join(args.out, "history.csv"), "w", newline="") as f, \
            open(os.path.join(args.out, "truth_invoices.csv"), "w", newline="") as g:
        w = csv.writer(f, lineterminator="\n")
        v = csv.writer(g, lineterminator="\n")
        w.writerow(["invoice_id", "customer_id", "issue_date", "due_date", "amount", "paid_date",
                    "disputed"])
        v.writerow(["invoice_id", "customer_id", "terms_days", "p_susceptible", "weibull_lambda",
                    "weibull_rho", "latent_risk", "never_pays", "discount_days",
                    "discount_take_up"])
        for k in range(n):
            issued = days[issue_index[k]]
            paid = issued + dt.timedelta(days=int(pay_age[k]))
            paid_text = "" if never[k] or paid > as_of else paid.isoformat()
            invoice = f"N{k + 1:07d}"
            w.writerow([invoice, ids[customer[k]], issued.isoformat(),
                        (issued + dt.timedelta(days=int(terms[k]))).isoformat(),
                        f"{amount[k]:.2f}", paid_text, "true" if disputed[k] else "false"])
            v.writerow([invoice, ids[customer[k]], int(terms[k]), f"{1 - p_never[k]:.9f}",
                        f"{scale[k]:.6f}", f"{rho[k]:.6f}", f"{z[k]:.6f}",
                        "true" if never[k] else "false", 0, "0.000000000"])


if __name__ == "__main__":
    main()
