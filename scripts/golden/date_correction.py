#!/usr/bin/env python3
"""Reference factors of the open invoices' date correction (OpenDateCorrection).

Run alone (numpy and lifelines):

    python3 scripts/golden/date_correction.py

Writes Tests/Fixtures/golden/date_correction_lifelines.json: about 4,000 snapshot rows of (cell,
ratio, paid, weight) drawn here with a seeded generator, and each cell's factor:

    the weighted Kaplan-Meier median of the ratios (lifelines' KaplanMeierFitter with
    weights, median_survival_time_) over the cell's rows, when their payments (the weights
    of the paid rows) add up to at least 50; else the same over the four cells of its
    days-past-due band; else 1.

The rows: 24 cells (6 bands x 4), each with its own number of rows (0 to 400, a few with too
few payments, one band empty) and its own median; a paid row's ratio is lognormal around the
cell's median, an open row is censored at a ratio of 2-8 with a weight in (0, 1].
"""

import json
import pathlib
import warnings

import numpy as np
from lifelines import KaplanMeierFitter

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "Fixtures" / "golden" / "date_correction_lifelines.json"
CELLS = 24
MINIMUM_PAYMENTS = 50.0


def median(rows, ratios, paid, weights):
    """The weighted Kaplan-Meier median of the rows, or None (too few payments, or S > 0.5)."""
    payments = sum(weights[i] for i in rows if paid[i])
    if payments < MINIMUM_PAYMENTS:
        return None
    kmf = KaplanMeierFitter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kmf.fit(
            [ratios[i] for i in rows],
            event_observed=[paid[i] for i in rows],
            weights=[weights[i] for i in rows],
        )
    m = float(kmf.median_survival_time_)
    return m if np.isfinite(m) and m > 0 else None


def main() -> None:
    rng = np.random.default_rng(20261203)
    cells, ratios, paid, weights = [], [], [], []
    sizes = [int(s) for s in rng.integers(0, 400, CELLS)]
    sizes[4:8] = [0, 0, 0, 0]  # one band with no rows: factor 1
    sizes[9] = 30  # too few payments for its own factor: its band's
    sizes[14] = 45
    for c in range(CELLS):
        centre = float(rng.uniform(0.4, 1.8))
        share_paid = float(rng.uniform(0.6, 0.95))
        for _ in range(sizes[c]):
            cells.append(c)
            if rng.random() < share_paid:
                ratios.append(round(float(centre * rng.lognormal(0, 0.6)), 6))
                paid.append(True)
                weights.append(1.0)
            else:
                ratios.append(round(float(rng.uniform(2, 8)), 6))
                paid.append(False)
                weights.append(round(float(rng.uniform(0.05, 1.0)), 6))
    members = [[i for i, c in enumerate(cells) if c == k] for k in range(CELLS)]
    band = []
    for b in range(CELLS // 4):
        rows = [i for k in range(4 * b, 4 * b + 4) for i in members[k]]
        band.append(median(rows, ratios, paid, weights) or 1.0)
    factors = [median(members[k], ratios, paid, weights) or band[k // 4] for k in range(CELLS)]
    import lifelines

    OUT.write_text(
        json.dumps(
            {
                "generator": "scripts/golden/date_correction.py (lifelines %s)"
                % lifelines.__version__,
                "cells": cells,
                "ratios": ratios,
                "paid": paid,
                "weights": weights,
                "factors": factors,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"{OUT.relative_to(ROOT)}: {len(cells)} rows, factors {[round(f, 3) for f in factors]}")


if __name__ == "__main__":
    main()
