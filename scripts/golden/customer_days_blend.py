#!/usr/bin/env python3
"""Reference weights of the customer days blend (CustomerDaysBlend).

Run alone (numpy and scipy):

    python3 scripts/golden/customer_days_blend.py

Writes Tests/Fixtures/golden/customer_days_blend_scipy.json: snapshot rows of (band, model day
D_m, customer day D_c, day paid D) drawn here with a seeded generator, and each band's weight:

    w = argmin_w sum_i |D_i - D_m,i - w (D_c,i - D_m,i)|,  clamped to [0, 1]

solved as a linear programme (scipy.optimize.linprog, HiGHS: minimise sum(u + v) subject to
w z_i + u_i - v_i = y_i, u, v >= 0, w free), rows with D_c = D_m left out; a band with fewer
than 50 other rows gets 0. The Swift code takes the weighted median of y / z with weights |z|
instead.

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


def lad_through_origin(z, y):
    """The w minimising sum |y - w z| (linear programme)."""
    n = len(z)
    c = np.concatenate([[0.0], np.ones(2 * n)])
    a_eq = np.hstack([np.array(z).reshape(-1, 1), np.eye(n), -np.eye(n)])
    bounds = [(None, None)] + [(0, None)] * (2 * n)
    result = linprog(c, A_eq=a_eq, b_eq=np.array(y), bounds=bounds, method="highs")
    assert result.status == 0, result.message
    return float(result.x[0])


def main() -> None:
    rng = np.random.default_rng(20261204)
    sizes = [300, 250, 120, 30, 200, 90]
    shares = [0.45, 0.3, 0.7, 0.5, 1.8, 0.1]
    bands, model, customer, actual = [], [], [], []
    for b in range(BANDS):
        for _ in range(sizes[b]):
            age = float(rng.uniform(0, 90))
            d_m = round(age + float(rng.uniform(1, 40)), 6)
            d_c = round(max(float(rng.uniform(5, 80)), age + 1), 6)
            d = float(round(d_m + shares[b] * (d_c - d_m) + float(rng.normal(0, 6))))
            bands.append(b)
            model.append(d_m)
            customer.append(d_c)
            actual.append(max(d, np.ceil(age) + 1))
    weights = []
    for b in range(BANDS):
        rows = [i for i in range(len(bands)) if bands[i] == b and customer[i] != model[i]]
        if len(rows) < MINIMUM_ROWS:
            weights.append(0.0)
            continue
        z = [customer[i] - model[i] for i in rows]
        y = [actual[i] - model[i] for i in rows]
        weights.append(min(max(lad_through_origin(z, y), 0.0), 1.0))
    OUT.write_text(
        json.dumps(
            {
                "generator": "scripts/golden/customer_days_blend.py (scipy %s)" % scipy.__version__,
                "bands": bands,
                "model": model,
                "customer": customer,
                "actual": actual,
                "weights": weights,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"{OUT.relative_to(ROOT)}: {len(bands)} rows, weights {[round(w, 4) for w in weights]}")


if __name__ == "__main__":
    main()
