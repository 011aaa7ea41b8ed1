#!/usr/bin/env python3
"""Reference values for each customer's correlation of the cash forecast (CustomerCorrelations).

Run alone (numpy only; draw_week is cash_correlation.py's):

    python3 scripts/golden/customer_correlations.py

Writes Tests/Fixtures/golden/customer_correlations_numpy.json: rows of (customer, landmark,
amount, W(0), W(7), ..., W(91), paid week) drawn here with a seeded generator, and by explicit
loops over the ordered pairs (i, j), i != j, of one customer's invoices open at the same
landmark (the Swift code uses (sum a)^2 - sum a^2 per customer and landmark instead):

    cross_c  = sum_{L,k} sum_{i != j} e_ik e_jk
    spread_c = sum_{L,k} sum_{i != j} s_ik s_jk
    noise_c  = 2 sum_{L,k} sum_{i != j} s_ik^2 s_jk^2
    pi_ik = W_i(7k + 7) - W_i(7k),  e_ik = A_i (Y_ik - pi_ik),  s_ik = A_i sqrt(pi_ik (1 - pi_ik))

then r_bar = clamp(sum cross / sum spread), over the customers with spread_c > 0 and
noise_c > 0: r_c = cross_c / spread_c, V_c = noise_c / spread_c^2, w_c = 1 / V_c,
tau^2 = max(0, (sum w_c (r_c - r_bar)^2 - m) / sum w_c), and each customer's shrunk
r_bar + tau^2 / (tau^2 + V_c) (r_c - r_bar), clamped to [0, 1] (r_bar for the others).

The rows: 30 customers at 4 landmarks, 0-14 invoices each time; each customer has its own
probability (0, 0.1, ..., 0.9 in turn) that its invoices at a landmark pay in one shared week,
so some customers' invoices move together and others' do not.
"""

import json
import pathlib

import numpy as np

from cash_correlation import draw_week

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "Fixtures" / "golden" / "customer_correlations_numpy.json"
WEEKS = 13
CUSTOMERS = 30
LANDMARKS = 4


def main() -> None:
    rng = np.random.default_rng(20261203)
    customers, landmarks, amounts, within, paid = [], [], [], [], []
    for c in range(CUSTOMERS):
        together = (c % 10) / 10
        for landmark in range(LANDMARKS):
            size = int(rng.integers(0, 15))
            ever = float(rng.uniform(0.6, 1.0))
            q = float(rng.uniform(0.5, 0.9))
            w = [ever * (1 - q**k) for k in range(WEEKS + 1)]
            shared = rng.random() < together
            group_week = draw_week(rng, w)
            for _ in range(size):
                own = [min(1.0, x * float(rng.uniform(0.9, 1.1))) for x in w]
                own = list(np.maximum.accumulate(own))
                customers.append(c)
                landmarks.append(landmark)
                amounts.append(round(float(rng.lognormal(7, 1)), 2))
                within.append(own)
                paid.append(group_week if shared else draw_week(rng, own))
    n = len(customers)
    cross = np.zeros(CUSTOMERS)
    spread = np.zeros(CUSTOMERS)
    noise = np.zeros(CUSTOMERS)
    a = np.array(amounts)
    for k in range(WEEKS):
        pi = np.array([min(max(within[i][k + 1] - within[i][k], 0.0), 1.0) for i in range(n)])
        y = np.array([1.0 if paid[i] == k else 0.0 for i in range(n)])
        e = a * (y - pi)
        s = a * np.sqrt(pi * (1 - pi))
        for i in range(n):
            for j in range(n):
                if i != j and customers[i] == customers[j] and landmarks[i] == landmarks[j]:
                    c = customers[i]
                    cross[c] += e[i] * e[j]
                    spread[c] += s[i] * s[j]
                    noise[c] += 2 * s[i] ** 2 * s[j] ** 2
    pooled = min(max(cross.sum() / spread.sum(), 0.0), 1.0)
    own = [(cross[c] / spread[c], noise[c] / spread[c] ** 2) if spread[c] > 0 and noise[c] > 0
           else None for c in range(CUSTOMERS)]
    known = [o for o in own if o is not None]
    q = sum((r - pooled) ** 2 / v for r, v in known)
    weights = sum(1 / v for _, v in known)
    tau2 = max(0.0, (q - len(known)) / weights)
    shrunk = [pooled if o is None or tau2 == 0
              else min(max(pooled + tau2 / (tau2 + o[1]) * (o[0] - pooled), 0.0), 1.0)
              for o in own]
    OUT.write_text(
        json.dumps(
            {
                "generator": "scripts/golden/customer_correlations.py (numpy %s)" % np.__version__,
                "customers": customers,
                "landmarks": landmarks,
                "customer_count": CUSTOMERS,
                "landmark_count": LANDMARKS,
                "amounts": amounts,
                "within_weeks": [[within[i][k] for i in range(n)] for k in range(WEEKS + 1)],
                "paid_week": [-1 if p is None else p for p in paid],
                "cross": cross.tolist(),
                "spread": spread.tolist(),
                "noise": noise.tolist(),
                "pooled": pooled,
                "between": tau2,
                "by_customer": shrunk,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"{OUT.relative_to(ROOT)}: {n} rows, r_bar = {pooled:.6f}, tau2 = {tau2:.6f}, "
          f"r_c {min(shrunk):.4f}..{max(shrunk):.4f}")


if __name__ == "__main__":
    main()
