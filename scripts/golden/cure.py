#!/usr/bin/env python3
"""Reference values for the mixture-cure time-to-payment model (MixtureCure in CreditModels).

Run by scripts/golden/generate.py (``make golden``) after the main fixtures, or alone:

    python3 scripts/golden/cure.py

Model (parameters theta = (g, b, a), one row i with weight w):
    pi = expit(Z g)                  P(ever paid / ever has the event); logistic incidence
    S_u(t) = exp(-(t / lam)^rho)     lam = exp(X b), rho = exp(a); Weibull latency (payers)
    event at t:          log pi + log f_u(t),  log f_u = a - log t + rho (log t - X b) - H
    censored at t:       log(1 - pi + pi S_u(t))
    never pays (flag):   log(1 - pi)
The log-likelihood is written out above in autograd.numpy (independently of the Swift
derivation, which uses softplus forms and analytic derivatives). It is maximised with
scipy.optimize.minimize(method="trust-exact") on autograd's exact gradient and Hessian, then
polished with Newton steps until max |gradient| < 1e-10; standard errors are the square roots
of the diagonal of the inverse observed information (-Hessian, autograd) at the optimum.
The optimum is certified by autograd's exact gradient (max |g| < 1e-10) and a positive
definite information. (lifelines' ParametricRegressionFitter with the cure cumulative hazard
-log(1 - pi + pi S_u) is the same likelihood without write-offs, but its BFGS does not
converge on these data from its default start, so it is not used.)

Data
----
gbsg2.csv (written here): the German Breast Cancer Study Group 2 trial (Schumacher et al.,
    J. Clin. Oncol. 1994; 686 patients, recurrence-free survival in days, long follow-up to
    2,659 days with a plateau), as shipped in lifelines.datasets.load_gbsg2 (also R's
    TH.data::GBSG2). Columns: time, cens (1 = recurrence or death), hormone (horTh == "yes"),
    age, tsize (mm), pnodes. Both parts use Intercept + hormone, tsize, pnodes. (Rossi's
    52 weeks of follow-up do not identify a cure fraction: the incidence runs to +-inf.)
cure_history.csv (written here) from datasets/history.csv, the bundled sample (8,000
    invoices issued 2024-01-01..2025-12-31 by `creditrisk simulate --customers 300 --invoices
    8000 --seed 7`); open invoices censored at the snapshot 2025-12-31:
      duration     = days from issue_date to paid_date, or to 2025-12-31 when unpaid
                     (same-day payments: 0.5 day, as for the IBM sample)
      paid         = 1 if paid_date is filled
      written_off  = 1 if written_off == "true" (never paid)
      log_amount   = ln(amount)
      disputed     = 1 if disputed == "true";  paperless = 1 if paperless == "true"
    Invoices issued on the snapshot day itself (duration 0, open) are left out.
    Two fits: flagged (write-offs enter as never paying) and unflagged (the write-off column
    ignored: written-off invoices are simply open at the snapshot, as in exports that do not
    flag write-offs). Covariates of both parts: Intercept, log_amount, disputed, paperless.

Golden files (Tests/Fixtures/golden/)
-------------------------------------
cure_gbsg2_scipy.json, cure_history_flagged_scipy.json, cure_history_unflagged_scipy.json:
    incidence_coefficients, latency_coefficients (by name), log_rho, standard_errors (by
    parameter name: "incidence: X", "latency: X", "log_rho"), log_likelihood,
    max_abs_gradient, and predictions for rows 0..4 at ages conditional_after[i]:
      p_paid_ever[i]            = pi S_u(a) / (1 - pi + pi S_u(a))
      conditional_survival[i][j] = S_u(a + t_j) / S_u(a)          (payers)
      quantile_remaining[i][k]  = remaining time t with 1 - S_u(a + t)/S_u(a) = levels[k]
      paid_within[i][j]         = pi (S_u(a) - S_u(a + t_j)) / (1 - pi + pi S_u(a))
    all in closed form from the reference parameters.
cure_history_flagged_scipy.json, cure_history_unflagged_scipy.json also hold
    "baseline": the payers' baseline estimated from the data (CureLatencyBaseline), from the
    reference parameters: u_i = t_i / lam_i over payments (weight 1) and open invoices
    (censored, weight expit(Z g - (t / lam)^rho), the posterior payer probability; write-offs
    left out); the weighted Kaplan-Meier curve of u; knots at event times where S
    has dropped by >= 0.01 since the last knot (from 1), S > 0 and at least 20 at risk
    (stopping at the first that fails the last two), from statsmodels' SurvfuncRight(u,
    paid, freq_weights=w) (lifelines' Kaplan-Meier takes whole weights only); log H0 linear in log u between knots,
    slope rho before the first and after the last. Its predictions for rows 0..4 (same ages,
    times, levels) replace (t / lam)^rho by H0(t / lam) in the formulas above.
cure_rossi_unidentified_scipy.json:
    rossi.csv (week, arrest; both parts Intercept + fin, age, prio): scipy's fit stops with
    the incidence of fin beyond 20 and a standard error beyond 1e3 (no finite maximum: 52
    weeks of follow-up cannot tell a never-arrested group from late re-arrest); recorded so
    that the Swift fit is tested to name that parameter.
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from pathlib import Path

import autograd.numpy as anp
import numpy as np
import pandas as pd
from autograd import grad, hessian
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate as g  # noqa: E402

HISTORY = g.ROOT / "datasets" / "history.csv"
SNAPSHOT = pd.Timestamp("2025-12-31")
QUANTILE_LEVELS = [0.1, 0.5, 0.9]


def make_loglik(Z, X, logT, kind, w):
    """kind: 1 paid, 0 open, 2 never pays."""
    paid = (kind == 1).astype(float)
    open_ = (kind == 0).astype(float)
    never = (kind == 2).astype(float)
    q = Z.shape[1]
    p = X.shape[1]

    def loglik(theta):
        gam, beta, a = theta[:q], theta[q:q + p], theta[q + p]
        zeta = anp.dot(Z, gam)
        eta = anp.dot(X, beta)
        pi = 1.0 / (1.0 + anp.exp(-zeta))
        rho = anp.exp(a)
        zz = rho * (logT - eta)
        H = anp.exp(zz)
        ll_paid = anp.log(pi) + a - logT + zz - H
        ll_open = anp.log(1.0 - pi + pi * anp.exp(-H))
        ll_never = anp.log(1.0 - pi)
        return anp.sum(w * (paid * ll_paid + open_ * ll_open + never * ll_never))

    return loglik


def fit_reference(Z, X, logT, kind, w, start):
    ll = make_loglik(Z, X, logT, kind, w)
    gr = grad(ll)
    he = hessian(ll)
    res = minimize(lambda t: -ll(t), start, jac=lambda t: -gr(t), hess=lambda t: -he(t),
                   method="trust-exact", options={"gtol": 1e-10, "maxiter": 500})
    theta = res.x
    for _ in range(50):
        gvec = gr(theta)
        if g.max_abs(gvec) < 1e-10:
            break
        theta = theta - np.linalg.solve(he(theta), gvec)
    gvec = gr(theta)
    assert g.max_abs(gvec) < 1e-8, g.max_abs(gvec)
    info = -he(theta)
    assert np.all(np.linalg.eigvalsh(info) > 0), "information not positive definite"
    cov = np.linalg.inv(info)
    return theta, float(ll(theta)), g.max_abs(gvec), cov


def predictions(theta, Z, X, q, p, ages, times):
    gam, beta, a = theta[:q], theta[q:q + p], theta[q + p]
    rho = math.exp(a)
    out = {"p_paid_ever": [], "conditional_survival": [], "quantile_remaining": [],
           "paid_within": []}
    for i, age in zip(g.PRED_ROWS, ages):
        pi = 1.0 / (1.0 + math.exp(-float(Z[i] @ gam)))
        lam = math.exp(float(X[i] @ beta))

        def S(t):
            return math.exp(-((t / lam) ** rho)) if t > 0 else 1.0

        Sa = S(age)
        out["p_paid_ever"].append(pi * Sa / (1 - pi + pi * Sa))
        out["conditional_survival"].append([S(age + t) / Sa for t in times])
        Ha = (age / lam) ** rho if age > 0 else 0.0
        out["quantile_remaining"].append(
            [lam * (Ha - math.log(1 - lv)) ** (1 / rho) - age for lv in QUANTILE_LEVELS])
        out["paid_within"].append([pi * (Sa - S(age + t)) / (1 - pi + pi * Sa) for t in times])
    return out


def baseline_knots(theta, Z, X, logT, kind, q, p):
    """Knots (log u, log H0) of the payers' baseline; see the module docstring."""
    from statsmodels.duration.survfunc import SurvfuncRight

    gam, beta, a = theta[:q], theta[q:q + p], theta[q + p]
    rho = math.exp(a)
    keep = kind != 2
    eta = X[keep] @ beta
    lt = logT[keep]
    u = np.exp(lt - eta)
    paid = kind[keep] == 1
    post = 1.0 / (1.0 + np.exp(-(Z[keep] @ gam - np.exp(rho * (lt - eta)))))
    w = np.where(paid, 1.0, post)
    sf = SurvfuncRight(u, paid.astype(float), freq_weights=w)
    times, hazards, last = [], [], 1.0
    for t, s, at_risk, d in zip(sf.surv_times, sf.surv_prob, sf.n_risk, sf.n_events):
        if d <= 0 or t <= 0:
            continue
        if s <= 0 or at_risk < 20:
            break
        if last - s >= 0.01:
            times.append(math.log(t))
            hazards.append(math.log(-math.log(s)))
            last = s
    return times, hazards, rho


def baseline_hazard(logu, times, hazards, rho):
    if logu == -math.inf:
        return 0.0
    j = int(np.searchsorted(times, logu, side="right"))
    if j == 0:
        return math.exp(hazards[0] + rho * (logu - times[0]))
    if j == len(times):
        return math.exp(hazards[-1] + rho * (logu - times[-1]))
    slope = (hazards[j] - hazards[j - 1]) / (times[j] - times[j - 1])
    return math.exp(hazards[j - 1] + slope * (logu - times[j - 1]))


def baseline_log_inverse(h, times, hazards, rho):
    lh = math.log(h)
    j = int(np.searchsorted(hazards, lh, side="right"))
    if j == 0:
        return times[0] + (lh - hazards[0]) / rho
    if j == len(hazards):
        return times[-1] + (lh - hazards[-1]) / rho
    slope = (hazards[j] - hazards[j - 1]) / (times[j] - times[j - 1])
    return times[j - 1] + (lh - hazards[j - 1]) / slope


def baseline_predictions(theta, Z, X, logT, kind, q, p, ages, times):
    knots_t, knots_h, rho = baseline_knots(theta, Z, X, logT, kind, q, p)
    gam, beta = theta[:q], theta[q:q + p]
    out = {"log_times": knots_t, "log_hazards": knots_h, "tail_shape": rho,
           "p_paid_ever": [], "quantile_remaining": [], "paid_within": []}
    for i, age in zip(g.PRED_ROWS, ages):
        zeta = float(Z[i] @ gam)
        eta = float(X[i] @ beta)

        def H(t):
            return baseline_hazard(math.log(t) - eta, knots_t, knots_h, rho) if t > 0 else 0.0

        Ha = H(age)
        ever = 1.0 / (1.0 + math.exp(-(zeta - Ha)))
        out["p_paid_ever"].append(ever)
        out["quantile_remaining"].append(
            [math.exp(baseline_log_inverse(Ha - math.log(1 - lv), knots_t, knots_h, rho) + eta)
             - age for lv in QUANTILE_LEVELS])
        out["paid_within"].append([ever * -math.expm1(-(H(age + t) - Ha)) for t in times])
    return out


def write_golden(name, dataset, covariates, duration, event, never, theta, ll, gmax, cov,
                 Z, X, ages, times, extra):
    q = Z.shape[1]
    p = X.shape[1]
    names = ["Intercept"] + covariates
    params = [f"incidence: {n}" for n in names] + [f"latency: {n}" for n in names] + ["log_rho"]
    payload = {
        "model": "mixture_cure",
        "reference": {
            "package": "scipy",
            "version": g.scipy.__version__,
            "call": "scipy.optimize.minimize(-loglik, method='trust-exact', gtol=1e-10) with "
            "autograd gradient and Hessian of the written-out log-likelihood (see "
            "scripts/golden/cure.py), polished by Newton to max|gradient| < 1e-10",
        },
        "dataset": dataset,
        "covariates": covariates,
        "duration": duration,
        "event": event,
        "never_pays": never,
        "incidence_coefficients": dict(zip(names, theta[:q])),
        "latency_coefficients": dict(zip(names, theta[q:q + p])),
        "log_rho": float(theta[q + p]),
        "standard_errors": dict(zip(params, np.sqrt(np.diag(cov)))),
        "log_likelihood": ll,
        "max_abs_gradient": gmax,
        "predictions": {
            "rows": g.PRED_ROWS,
            "conditional_after": ages,
            "times": times,
            "quantile_levels": QUANTILE_LEVELS,
            **predictions(theta, Z, X, q, p, ages, times),
        },
    }
    payload.update(extra)
    path = g.write_json(name, payload)
    g.record(path, f"mixture cure n={len(Z)}", f"|grad|={gmax:.1e}")


def start_values(q, p, logT, kind):
    mean_log = float(np.mean(logT[kind == 1]))
    return np.array([1.0] + [0.0] * (q - 1) + [mean_log] + [0.0] * (p - 1) + [0.0])


def build_gbsg2() -> pd.DataFrame:
    from lifelines.datasets import load_gbsg2

    raw = load_gbsg2()
    assert len(raw) == 686
    df = pd.DataFrame({
        "time": raw["time"].astype(np.int64),
        "cens": raw["cens"].astype(np.int64),
        "hormone": (raw["horTh"] == "yes").astype(np.int64),
        "age": raw["age"].astype(np.int64),
        "tsize": raw["tsize"].astype(np.int64),
        "pnodes": raw["pnodes"].astype(np.int64),
    })
    g.write_csv(df, "gbsg2.csv")
    return g.read_csv("gbsg2.csv")


def cure_gbsg2():
    df = build_gbsg2()
    cov = ["hormone", "tsize", "pnodes"]
    Z = np.column_stack([np.ones(len(df)), df[cov].to_numpy(dtype=float)])
    X = Z.copy()
    logT = np.log(df["time"].to_numpy(dtype=float))
    kind = df["cens"].to_numpy().astype(int)
    w = np.ones(len(df))
    theta, ll, gmax, covm = fit_reference(Z, X, logT, kind, w, start_values(4, 4, logT, kind))
    write_golden("cure_gbsg2_scipy.json", "gbsg2.csv", cov, "time", "cens", None, theta, ll,
                 gmax, covm, Z, X, [0.0, 180.0, 365.0, 730.0, 1460.0], [90.0, 365.0, 730.0],
                 {"counts": {"rows": int(len(df)), "events": int(df["cens"].sum())}})


def build_history() -> pd.DataFrame:
    raw = pd.read_csv(HISTORY, dtype=str)
    issue = pd.to_datetime(raw["issue_date"], format="%Y-%m-%d")
    paid_date = pd.to_datetime(raw["paid_date"], format="%Y-%m-%d")
    paid = paid_date.notna() & (paid_date <= SNAPSHOT)
    end = paid_date.where(paid, SNAPSHOT)
    duration = (end - issue).dt.days.astype(float)
    written = (raw["written_off"] == "true") & ~paid
    df = pd.DataFrame({
        "duration": duration,
        "paid": paid.astype(np.int64),
        "written_off": written.astype(np.int64),
        "log_amount": np.log(raw["amount"].astype(float)),
        "disputed": (raw["disputed"] == "true").astype(np.int64),
        "paperless": (raw["paperless"] == "true").astype(np.int64),
    })
    keep = ~((df["duration"] == 0) & (df["paid"] == 0))
    df = df[keep].reset_index(drop=True)
    df.loc[(df["duration"] == 0) & (df["paid"] == 1), "duration"] = 0.5
    assert (df["duration"] > 0).all()
    g.write_csv(df, "cure_history.csv")
    return g.read_csv("cure_history.csv")


def cure_history(df: pd.DataFrame, flagged: bool):
    cov = ["log_amount", "disputed", "paperless"]
    Z = np.column_stack([np.ones(len(df)), df[cov].to_numpy(dtype=float)])
    X = Z.copy()
    logT = np.log(df["duration"].to_numpy(dtype=float))
    kind = df["paid"].to_numpy().astype(int)
    if flagged:
        kind = np.where(df["written_off"].to_numpy() == 1, 2, kind)
    w = np.ones(len(df))
    theta, ll, gmax, covm = fit_reference(Z, X, logT, kind, w, start_values(4, 4, logT, kind))
    name = "cure_history_%s_scipy.json" % ("flagged" if flagged else "unflagged")
    ages, times = [0.0, 30.0, 60.0, 120.0, 365.0], [7.0, 30.0, 90.0]
    write_golden(name, "cure_history.csv", cov, "duration", "paid",
                 "written_off" if flagged else None, theta, ll, gmax, covm, Z, X,
                 ages, times,
                 {"counts": {"rows": int(len(df)), "paid": int(df["paid"].sum()),
                             "written_off": int(df["written_off"].sum())},
                  "baseline": baseline_predictions(theta, Z, X, logT, kind, 4, 4, ages,
                                                   times)})


def cure_rossi_unidentified():
    """Rossi (52 weeks of follow-up): no finite maximum along the incidence of fin."""
    df = g.read_csv("rossi.csv")
    cov = ["fin", "age", "prio"]
    Z = np.column_stack([np.ones(len(df)), df[cov].to_numpy(dtype=float)])
    logT = np.log(df["week"].to_numpy(dtype=float))
    kind = df["arrest"].to_numpy().astype(int)
    ll = make_loglik(Z, Z.copy(), logT, kind, np.ones(len(df)))
    gr = grad(ll)
    he = hessian(ll)
    res = minimize(lambda t: -ll(t), start_values(4, 4, logT, kind), jac=lambda t: -gr(t),
                   hess=lambda t: -he(t), method="trust-exact",
                   options={"gtol": 1e-10, "maxiter": 500})
    theta = res.x
    se = np.sqrt(np.diag(np.linalg.inv(-he(theta))))
    names = ["Intercept"] + cov
    params = [f"incidence: {n}" for n in names] + [f"latency: {n}" for n in names] + ["log_rho"]
    payload = {
        "model": "mixture_cure",
        "reference": {
            "package": "scipy",
            "version": g.scipy.__version__,
            "call": "scipy.optimize.minimize(-loglik, method='trust-exact', gtol=1e-10) on the "
            "written-out log-likelihood (autograd derivatives), rossi, both parts Intercept + "
            "fin, age, prio",
        },
        "dataset": "rossi.csv",
        "covariates": cov,
        "duration": "week",
        "event": "arrest",
        "parameters": dict(zip(params, theta)),
        "standard_errors": dict(zip(params, se)),
        "log_likelihood": float(ll(theta)),
        "note": "52 weeks of follow-up and an increasing hazard: the likelihood has no finite "
        "maximum along the incidence of fin (the never-arrested share of one group goes to 0); "
        "the optimiser stops with |coefficient| > 20 and a standard error > 1e3.",
    }
    path = g.write_json("cure_rossi_unidentified_scipy.json", payload)
    g.record(path, "mixture cure rossi (no finite maximum)", "")


def main() -> None:
    cure_gbsg2()
    cure_rossi_unidentified()
    df = build_history()
    cure_history(df, flagged=True)
    cure_history(df, flagged=False)


if __name__ == "__main__":
    main()
    for name, what, conv in g.SUMMARY:
        print(f"  {name:40s}  {what:30s}  {conv}")
