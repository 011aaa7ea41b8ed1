#!/usr/bin/env python3
"""Reference quantiles of a week's collections (CashBand, CashForecast.weekly).

Run alone (numpy and scipy):

    python3 scripts/golden/cash_band.py

Writes Tests/Fixtures/golden/cash_band_scipy.json: small open books (a whole-number amount, a
chance of payment in the week and a customer per invoice, one correlation r for every
customer; in the last book some chances are above 1/2, so some t_i below are negative), drawn here with a seeded generator, and for each the week's

    mean     = sum A p
    variance = sum_c [ (1 - r) sum_i v_i + r (sum_i sqrt v_i)^2 ],        v_i = A^2 p (1 - p)
    kappa3   = sum_c [ S3 + 3 r (S1 S2 - S3) + 2 r^2 / (1 + r) (S1^3 - 3 S1 S2 + 2 S3) ],
               Sj = sum_{i in c} a_i^j,  a_i = cbrt t_i,  t_i = A^3 p (1 - p) (1 - 2p)

(numpy), the Pearson type III quantiles with that mean, standard deviation and skewness
(scipy.stats.pearson3.ppf at 0.1 and 0.9, P10 floored at 0), the normal ones (mean -/+ z sd),
and for r = 0 the exact quantiles of the sum (its distribution by convolution over the
invoices, numpy: the smallest x with P(sum <= x) >= q).

The last book is twenty invoices of one customer with one amount and one chance: their count
paid is beta-binomial (the chance drawn from a beta distribution whose pairwise correlation is
r), and scipy.stats.betabinom's variance and skewness give the week's variance and third
cumulant independently of the formulas above (`betabinom_variance`, `betabinom_kappa3`).
"""

import json
import pathlib

import numpy as np
import scipy
from scipy.stats import betabinom, norm, pearson3

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "Fixtures" / "golden" / "cash_band_scipy.json"


def cumulants(amounts, p, customers, r):
    amounts, p = np.asarray(amounts, float), np.asarray(p, float)
    v = amounts**2 * p * (1 - p)
    t = amounts**3 * p * (1 - p) * (1 - 2 * p)
    variance = kappa3 = 0.0
    for c in sorted(set(customers)):
        m = np.asarray(customers) == c
        variance += (1 - r) * v[m].sum() + r * np.sqrt(v[m]).sum() ** 2
        a = np.cbrt(t[m])
        s1, s2, s3 = a.sum(), (a**2).sum(), t[m].sum()
        kappa3 += (
            s3 + 3 * r * (s1 * s2 - s3) + 2 * r * r / (1 + r) * (s1**3 - 3 * s1 * s2 + 2 * s3)
        )
    return float((amounts * p).sum()), float(variance), float(kappa3)


def exact_quantiles(amounts, p, qs):
    """Quantiles of sum A_i B_i, B_i ~ Bernoulli(p_i) independent, A_i whole numbers."""
    pmf = np.zeros(int(sum(amounts)) + 1)
    pmf[0] = 1.0
    for a, q in zip(amounts, p):
        shifted = np.zeros_like(pmf)
        shifted[a:] = pmf[: len(pmf) - a]
        pmf = (1 - q) * pmf + q * shifted
    cdf = np.cumsum(pmf)
    return [float(np.searchsorted(cdf, q - 1e-12)) for q in qs]


def book(rng, name, n, customers, r, dominant=False, top=0.35, equal=None):
    amounts = np.maximum(1, np.round(rng.lognormal(6.0, 1.0, n))).astype(int)
    if dominant:
        amounts[0] = int(amounts.sum() * 2)
    p = np.round(rng.uniform(0.02, top, n), 4)
    if equal is not None:
        amounts, p = np.full(n, equal[0]), np.full(n, equal[1])
    cust = [int(i % customers) for i in range(n)]
    mean, variance, kappa3 = cumulants(amounts, p, cust, r)
    sd = variance**0.5
    gamma = kappa3 / sd**3
    z = norm.ppf(0.9)
    out = {
        "name": name,
        "amounts": [int(a) for a in amounts],
        "p": [float(x) for x in p],
        "customers": cust,
        "r": r,
        "mean": mean,
        "variance": variance,
        "kappa3": kappa3,
        "skewness": gamma,
        "pearson3_p10": max(0.0, float(pearson3.ppf(0.1, gamma, loc=mean, scale=sd))),
        "pearson3_p90": float(pearson3.ppf(0.9, gamma, loc=mean, scale=sd)),
        "normal_p10": max(0.0, mean - z * sd),
        "normal_p90": mean + z * sd,
    }
    if r == 0:
        out["exact_p10"], out["exact_p90"] = exact_quantiles(amounts, p, [0.1, 0.9])
    if equal is not None:
        size = 1 / r - 1
        _, var, skew = betabinom.stats(n, equal[1] * size, (1 - equal[1]) * size, moments="mvs")
        out["betabinom_variance"] = float(var) * equal[0] ** 2
        out["betabinom_kappa3"] = float(skew) * float(var) ** 1.5 * equal[0] ** 3
    return out


def main() -> None:
    rng = np.random.default_rng(20261204)
    books = [
        book(rng, "forty invoices, independent", 40, 40, 0.0),
        book(rng, "fifteen invoices, one dominant", 15, 15, 0.0, dominant=True),
        book(rng, "two hundred invoices, independent", 200, 200, 0.0),
        book(rng, "sixty invoices of six customers, r = 0.3", 60, 6, 0.3),
        book(rng, "thirty invoices of one customer, r = 1, some likelier than not", 30, 1, 1.0, top=0.8),
        book(rng, "twenty equal invoices of one customer, r = 0.3", 20, 1, 0.3, equal=(250, 0.15)),
    ]
    OUT.write_text(
        json.dumps(
            {"numpy": np.__version__, "scipy": scipy.__version__, "books": books},
            indent=1,
            sort_keys=True,
        )
        + "\n"
    )
    for b in books:
        print(
            f"{b['name']}: skew {b['skewness']:.3f}; p10 normal {b['normal_p10']:.1f} "
            f"pearson3 {b['pearson3_p10']:.1f} exact {b.get('exact_p10', float('nan')):.1f}; "
            f"p90 normal {b['normal_p90']:.1f} pearson3 {b['pearson3_p90']:.1f} "
            f"exact {b.get('exact_p90', float('nan')):.1f}"
        )


if __name__ == "__main__":
    main()
