#!/usr/bin/env python3
"""Reference value for the customer correlation of the cash forecast (CustomerCashCorrelation).

Run alone (numpy only):

    python3 scripts/golden/cash_correlation.py

Writes Tests/Fixtures/golden/cash_correlation_numpy.json: 600 rows of (group, amount,
W(0), W(7), ..., W(91), paid week) drawn here with a seeded generator, and the estimate

    r = sum_{k} sum_{groups} sum_{i != j} e_ik e_jk / sum_{k} sum_{groups} sum_{i != j} s_ik s_jk
    pi_ik = W_i(7k + 7) - W_i(7k),  e_ik = A_i (Y_ik - pi_ik),  s_ik = A_i sqrt(pi_ik (1 - pi_ik))

computed here by explicit loops over the ordered pairs (i, j), i != j, of each group (the Swift
code uses (sum a)^2 - sum a^2 per group instead), clamped to [0, 1].

The rows: 60 groups of 1-19 invoices; each invoice's weekly payment probabilities from a
geometric-like curve (P(paid within 7k days) = p_ever (1 - q^k)); a group's invoices pay in a
week drawn once for the group with probability 0.5, else each in its own draw, so the rows are
correlated within groups and the estimate is well inside (0, 1).
"""

import json
import pathlib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "Fixtures" / "golden" / "cash_correlation_numpy.json"
WEEKS = 13


def draw_week(rng, within):
    """A payment week 0..12 drawn from W (or None: not paid within the 13 weeks)."""
    u = rng.random()
    for k in range(WEEKS):
        if u < within[k + 1]:
            return k
    return None


def main() -> None:
    rng = np.random.default_rng(20261202)
    groups, amounts, within, paid = [], [], [], []
    for g in range(60):
        size = int(rng.integers(1, 20))
        shared = rng.random() < 0.5
        ever = float(rng.uniform(0.6, 1.0))
        q = float(rng.uniform(0.5, 0.9))
        w = [ever * (1 - q**k) for k in range(WEEKS + 1)]
        group_week = draw_week(rng, w)
        for _ in range(size):
            own = [min(1.0, x * float(rng.uniform(0.9, 1.1))) for x in w]
            own = list(np.maximum.accumulate(own))
            groups.append(g)
            amounts.append(round(float(rng.lognormal(7, 1)), 2))
            within.append(own)
            paid.append(group_week if shared else draw_week(rng, own))
    n = len(groups)
    numerator = 0.0
    denominator = 0.0
    for k in range(WEEKS):
        pi = np.array([min(max(within[i][k + 1] - within[i][k], 0.0), 1.0) for i in range(n)])
        y = np.array([1.0 if paid[i] == k else 0.0 for i in range(n)])
        a = np.array(amounts)
        e = a * (y - pi)
        s = a * np.sqrt(pi * (1 - pi))
        for i in range(n):
            for j in range(n):
                if i != j and groups[i] == groups[j]:
                    numerator += e[i] * e[j]
                    denominator += s[i] * s[j]
    estimate = min(max(numerator / denominator, 0.0), 1.0)
    OUT.write_text(
        json.dumps(
            {
                "generator": "scripts/golden/cash_correlation.py (numpy %s)" % np.__version__,
                "groups": groups,
                "amounts": amounts,
                "within_weeks": [[within[i][k] for i in range(n)] for k in range(WEEKS + 1)],
                "paid_week": [-1 if p is None else p for p in paid],
                "numerator": numerator,
                "denominator": denominator,
                "estimate": estimate,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"{OUT.relative_to(ROOT)}: {n} rows, r = {estimate:.6f}")


if __name__ == "__main__":
    main()
