#!/usr/bin/env python3
"""Reference weights of the customer days blend (CustomerDaysBlend).

Run alone (numpy and scipy):

    python3 scripts/golden/customer_days_blend.py

Writes Tests/Fixtures/golden/customer_days_blend_scipy.json: snapshot rows of (band, model day
D_m, customer day D_c, day paid D, days from the landmark to the payment t) drawn here with a
seeded generator, each band's follow-ups (days from each landmark row's landmark to the scoring
date, paid rows and rows still open alike), each paid row's case weight and each band's weight:

    v_i = 1 / G(t_i),  G(t) = share of the band's follow-ups >= t   (inverse probability of
                                                                    censoring, numpy)
    w = argmin_w sum_i v_i |D_i - D_m,i - w (D_c,i - D_m,i)|,  clamped to [0, 1]

solved as a linear programme (scipy.optimize.linprog, HiGHS: minimise sum v (p + q) subject to
w z_i + p_i - q_i = y_i, p, q >= 0, w free), rows with D_c = D_m left out; a band with fewer
than 50 other rows gets 0. The Swift code takes the median of y / z weighted by v |z| instead
(CustomerDaysBlend, FollowUpCensoring).

The bands: six, with 0 to 300 rows each (one with 30, below the minimum); in each the day paid
is a mix of the model's and the customer's day with the band's own share plus noise, so the
weights spread over (0, 1).
"""

import json
import pathlib

import numpy as np
import scipy
from scipy.optimize import linprog

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "Fixtures" / "golden" / "customer_days_blend_scipy.json"
BANDS = 6
MINIMUM_ROWS = 50
FOLLOW_UPS = [91.0 + 28.0 * j for j in range(6)]


def lad_through_origin(z, y, v):
    """The w minimising sum v |y - w z| (linear programme)."""
    n = len(z)
    c = np.concatenate([[0.0], np.array(v), np.array(v)])
    a_eq = np.hstack([np.array(z).reshape(-1, 1), np.eye(n), -np.eye(n)])
    bounds = [(None, None)] + [(0, None)] * (2 * n)
    result = linprog(c, A_eq=a_eq, b_eq=np.array(y), bounds=bounds, method="highs")
    assert result.status == 0, result.message
    return float(result.x[0])


def main() -> None:
    rng = np.random.default_rng(20261204)
    sizes = [300, 250, 120, 30, 200, 90]
    shares = [0.45, 0.3, 0.7, 0.5, 1.8, 0.1]
    bands, model, customer, actual, elapsed = [], [], [], [], []
    follow_ups = [[] for _ in range(BANDS)]
    for b in range(BANDS):
        for _ in range(sizes[b]):
            age = float(rng.uniform(0, 90))
            d_m = round(age + float(rng.uniform(1, 40)), 6)
            d_c = round(max(float(rng.uniform(5, 80)), age + 1), 6)
            d = float(round(d_m + shares[b] * (d_c - d_m) + float(rng.normal(0, 6))))
            d = max(d, np.ceil(age) + 1)
            # The landmark lies between issue and payment: t days before the payment.
            t = float(rng.integers(1, 201))
            c = FOLLOW_UPS[int(rng.integers(0, len(FOLLOW_UPS)))]
            follow_ups[b].append(c)
            if t > c:
                continue
            bands.append(b)
            model.append(d_m)
            customer.append(d_c)
            actual.append(d)
            elapsed.append(t)
    seen = [np.array(f) for f in follow_ups]
    case_weights = [float(1.0 / np.mean(seen[b] >= t)) for b, t in zip(bands, elapsed)]
    weights = []
    for b in range(BANDS):
        rows = [i for i in range(len(bands)) if bands[i] == b and customer[i] != model[i]]
        if len(rows) < MINIMUM_ROWS:
            weights.append(0.0)
            continue
        z = [customer[i] - model[i] for i in rows]
        y = [actual[i] - model[i] for i in rows]
        v = [case_weights[i] for i in rows]
        weights.append(min(max(lad_through_origin(z, y, v), 0.0), 1.0))
    OUT.write_text(
        json.dumps(
            {
                "generator": "scripts/golden/customer_days_blend.py (scipy %s)" % scipy.__version__,
                "bands": bands,
                "model": model,
                "customer": customer,
                "actual": actual,
                "elapsed": elapsed,
                "follow_ups": follow_ups,
                "case_weights": case_weights,
                "weights": weights,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"{OUT.relative_to(ROOT)}: {len(bands)} rows, weights {[round(w, 4) for w in weights]}")


if __name__ == "__main__":
    main()
