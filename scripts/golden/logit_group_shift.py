#!/usr/bin/env python3
"""Reference values for the shifts weighted and clustered by group (LogitShift.fitByGroups,
LogitShift.clusteredStandardError and LogitLineShift in CreditModels).

Run alone (numpy and statsmodels):

    python3 scripts/golden/logit_group_shift.py

Writes Tests/Fixtures/golden/logit_group_shift_statsmodels.json. The rows are drawn here with a
seeded generator, a linear predictor eta, a variable z, and outcomes
y ~ Bernoulli(expit(eta + 0.3 + 0.5 (z - mean z) + u_g)) with a customer effect u_g that makes a
customer's rows correlated, in two data sets: "uneven", 1,500 invoices of 150 customers of
uneven sizes (a few with hundreds of rows, most with a handful), u_g ~ N(0, 0.8^2); and
"one_big_customer", one customer of 1,200 invoices with u_g ~ N(1.5, 1.2^2) among 60 of 2-15
invoices with u_g ~ N(0, 1.2^2).

Every fit is statsmodels' GLM with eta as offset, family Binomial() and the row weights as
var_weights: its score equations are sum_i w_i (y_i - p_i) x_i = 0, the weighted ones of the
Swift fits (freq_weights would give the same estimates but count the weights as rows). The
standard errors are statsmodels' sandwich clustered by customer, cov_type='cluster' with
use_correction=False (V = H^-1 (sum_g u_g u_g^T) H^-1, no small-sample factor), multiplied by
G/(G-1): the Swift factor. statsmodels has no option for G/(G-1) alone (use_correction=True
multiplies by G/(G-1) (N-1)/(N-K)). The script checks the product against the sandwich computed
here by hand in numpy from statsmodels' estimates.

Cases:
  intercept: GLM(y, 1, offset=eta, var_weights=w), w drawn per row (uniform 0.2-1.5), the
             customers as clusters: the shift and its clustered standard error.
  line:      GLM(y, [1, z - mean z], offset=eta, var_weights=w), same weights and clusters.
  by_groups: the whole LogitShift.fitByGroups procedure, re-implemented here around statsmodels'
             weighted fits as its documentation states it: from rho = 1, weights
             1 / (1 + (n_g - 1) rho), the weighted fit, the moment estimate of rho from its
             Pearson residuals r (sum_g sum_{i != j in g} r_i r_j / (sum_g n_g (n_g - 1) mean r^2),
             clipped to [0, 1]), repeated until rho moves by less than 1e-4 (at most 30 rounds;
             the fit and rho kept are those before the last estimate), then the clustered
             standard error at those weights.
  line_by_groups: the same procedure for LogitLineShift (intercept and centred z).
Each case also records the shrunk estimate c c^2 / (c^2 + s^2) from these reference numbers.
"""

import json
import pathlib
import warnings

import numpy as np
import statsmodels
import statsmodels.api as sm

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "Fixtures" / "golden" / "logit_group_shift_statsmodels.json"


def glm(y, X, eta, w, groups):
    """statsmodels' weighted fit with its sandwich clustered by group, scaled by G/(G-1)."""
    model = sm.GLM(y, X, offset=eta, family=sm.families.Binomial(), var_weights=w)
    # statsmodels warns that cov_type is "not fully supported with var_weights"; the sandwich
    # by hand below checks that this one is the weighted score's.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.tools.sm_exceptions.SpecificationWarning)
        fit = model.fit(
            tol=1e-14,
            maxiter=200,
            cov_type="cluster",
            cov_kwds={"groups": groups, "use_correction": False},
        )
    G = len(np.unique(groups))
    cov = fit.cov_params() * G / (G - 1)
    # The same sandwich by hand from statsmodels' estimates.
    p = 1 / (1 + np.exp(-(eta + X @ fit.params)))
    H = (X * (w * p * (1 - p))[:, None]).T @ X
    _, index = np.unique(groups, return_inverse=True)
    U = np.zeros((G, X.shape[1]))
    np.add.at(U, index, X * (w * (y - p))[:, None])
    Hinv = np.linalg.inv(H)
    by_hand = Hinv @ (U.T @ U) @ Hinv * G / (G - 1)
    assert np.allclose(cov, by_hand, rtol=1e-10, atol=0), (cov, by_hand)
    score = X.T @ (w * (y - p))
    assert np.all(np.abs(score) < 1e-9), score
    return fit.params, np.sqrt(np.diag(cov))


def group_sizes(groups):
    _, index, counts = np.unique(groups, return_inverse=True, return_counts=True)
    return counts[index].astype(float)


def group_correlation(r, groups):
    _, index = np.unique(groups, return_inverse=True)
    G = index.max() + 1
    n = np.bincount(index, minlength=G).astype(float)
    s = np.bincount(index, weights=r, minlength=G)
    q = np.bincount(index, weights=r * r, minlength=G)
    cross = np.sum(s * s - q)
    pairs = np.sum(n * (n - 1))
    mean_square = np.sum(q) / len(r)
    if pairs <= 0 or mean_square <= 0:
        return 0.0
    return float(min(max(cross / pairs / mean_square, 0.0), 1.0))


def by_groups(y, X, eta, groups):
    """fitByGroups' rounds of weights and correlation around statsmodels' fits."""
    sizes = group_sizes(groups)
    rho = 1.0
    w = 1 / (1 + (sizes - 1) * rho)
    params, se = glm(y, X, eta, w, groups)
    rounds = 0
    for _ in range(30):
        q = 1 / (1 + np.exp(-(eta + X @ params)))
        nxt = group_correlation((y - q) / np.sqrt(q * (1 - q)), groups)
        if abs(nxt - rho) < 1e-4:
            break
        rho = nxt
        w = 1 / (1 + (sizes - 1) * rho)
        params, se = glm(y, X, eta, w, groups)
        rounds += 1
    return params, se, rho, rounds


def shrunk(c, s):
    return c * c * c / (c * c + s * s) if c * c + s * s > 0 else 0.0


def rows(rng, sizes, spread, big_effect=0.0):
    """Rows of customers of the given sizes, the first size's customer moved by big_effect."""
    groups = np.repeat(rng.permutation(len(sizes)) * 7 + 3, sizes)
    first = groups[0]
    order = rng.permutation(len(groups))
    groups = groups[order]
    n = len(groups)
    effect = dict(zip(np.unique(groups), rng.normal(0, spread, len(np.unique(groups)))))
    effect[first] += big_effect
    u = np.array([effect[g] for g in groups])
    eta = rng.normal(-1.0, 1.1, n)
    z = rng.normal(4.0, 1.5, n)
    truth = eta + 0.3 + 0.5 * (z - z.mean()) + u
    y = (rng.random(n) < 1 / (1 + np.exp(-truth))).astype(float)
    return eta, z, y, groups


def dataset(rng, eta, z, y, groups):
    n = len(y)
    w = rng.uniform(0.2, 1.5, n)
    ones = np.ones((n, 1))
    centre = z.mean()
    line = np.column_stack([np.ones(n), z - centre])
    (c,), (s,) = glm(y, ones, eta, w, groups)
    (a, b), (sa, sb) = glm(y, line, eta, w, groups)
    (gc,), (gs,), rho, rounds = by_groups(y, ones, eta, groups)
    (ga, gb), (gsa, gsb), lrho, lrounds = by_groups(y, line, eta, groups)
    cases = {
        "intercept": {"shift": c, "standard_error": s, "used_shift": shrunk(c, s)},
        "line": {
            "shift": a,
            "slope": b,
            "shift_standard_error": sa,
            "slope_standard_error": sb,
            "used_shift": shrunk(a, sa),
            "used_slope": shrunk(b, sb),
        },
        "by_groups": {
            "shift": gc,
            "standard_error": gs,
            "group_correlation": rho,
            "rounds": rounds,
            "used_shift": shrunk(gc, gs),
        },
        "line_by_groups": {
            "shift": ga,
            "slope": gb,
            "shift_standard_error": gsa,
            "slope_standard_error": gsb,
            "group_correlation": lrho,
            "rounds": lrounds,
            "used_shift": shrunk(ga, gsa),
            "used_slope": shrunk(gb, gsb),
        },
    }
    return {
        "rows": {
            "eta": [float(v) for v in eta],
            "z": [float(v) for v in z],
            "y": [float(v) for v in y],
            "groups": [int(g) for g in groups],
            "weights": [float(v) for v in w],
        },
        "groups": int(len(np.unique(groups))),
        "centre": float(centre),
        "cases": {
            k: {kk: (float(vv) if isinstance(vv, (float, np.floating)) else vv) for kk, vv in v.items()}
            for k, v in cases.items()
        },
    }


def main():
    rng = np.random.default_rng(20261203)
    sizes = np.concatenate([rng.integers(1, 12, 140), [320, 180, 90, 60, 45, 30, 25, 20, 15, 12]])
    uneven = dataset(rng, *rows(rng, sizes, 0.8))
    # One customer with most of the rows and late far more often than the model says, among
    # 60 small ones: the case the weights by customer are for (rho well above 0).
    rng = np.random.default_rng(20261204)
    sizes = np.concatenate([[1200], rng.integers(2, 16, 60)])
    big = dataset(rng, *rows(rng, sizes, 1.2, big_effect=1.5))
    doc = {
        "generator": f"scripts/golden/logit_group_shift.py (statsmodels {statsmodels.__version__},"
        f" numpy {np.__version__})",
        "model": "GLM(y, X, offset=eta, family=Binomial(), var_weights=w), cov_type='cluster'"
        " (use_correction=False) times G/(G-1)",
        "datasets": {"uneven": uneven, "one_big_customer": big},
    }
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")
    for name, d in doc["datasets"].items():
        print(name, json.dumps(d["cases"], indent=1))


if __name__ == "__main__":
    main()
