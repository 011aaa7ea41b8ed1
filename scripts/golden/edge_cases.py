#!/usr/bin/env python3
"""Reference values for the numeric edge cases of the fitters (issue 13).

Run by scripts/golden/generate.py (``make golden``) after the main fixtures, or alone:

    python3 scripts/golden/edge_cases.py

It reads Tests/Fixtures/data/{rossi,spector}.csv (written by generate.py) and writes

Tests/Fixtures/data/rossi_weighted.csv
    rossi.csv plus a weight column ``w`` and one extra row:
      w_i = 0 if i % 7 == 0 else 1 + (i % 3)        (i = 0-based row of rossi.csv)
      extra last row: week = 60 (after every other duration), arrest = 1, covariates of
      row 0, w = 0: a zero-weight event alone at the longest time.

Tests/Fixtures/golden/ (one file per case; every file says what the reference is):

cox_rossi_zero_weights_lifelines.json
    lifelines CoxPHFitter (Efron) with weights_col="w" on the rows of rossi_weighted.csv with
    w > 0 only: a fit that gives weight-0 rows no role must reproduce it.
weibull_rossi_zero_weights_lifelines.json
    lifelines WeibullAFTFitter with weights_col="w" on the same rows, polished by Newton steps
    on the analytic weighted log-likelihood (as generate.py polishes the unweighted fits).
logistic_spector_zero_weights_statsmodels.json
    statsmodels GLM(Binomial, freq_weights=w) on the spector rows with w > 0,
    w_i = 0 if i % 5 == 0 else 1 + (i % 3).
logistic_spector_shifted_statsmodels.json
    Logit on spector with GPA + 1e5 (a well-posed column far from zero). As for the Weibull
    case below, the reference is statsmodels' fit on the unshifted data, reparametrised
    (statsmodels' own Newton on the shifted columns misses the intercept by ~1%; recorded).
weibull_rossi_shifted_lifelines.json
    Weibull AFT on rossi with age + 1e6. The log-likelihood is invariant under the shift
    with Intercept' = Intercept - 1e6 * b_age (every other parameter unchanged), so the
    reference is lifelines' fit on the unshifted data (weibull_rossi_lifelines.json),
    reparametrised: b' = J b, Cov' = J Cov J^T. A Newton polish on the shifted data checks it.
cox_rossi_single_event_lifelines.json
    rossi with arrest = 1 only on row 0 (week 20): one event. The partial likelihood has no
    finite maximum (monotone likelihood); lifelines' fit is recorded to show its coefficients
    and standard errors running away (|b| sd(x) and SEs large), with its warnings.
cox_ordered_complete_lifelines.json (data: Tests/Fixtures/data/cox_ordered.csv)
    t = 1..24, e = t odd, x = 24 - t, z = (7 t) mod 5: every event has the highest x of its
    risk set, so the partial likelihood tends to 0 as b_x -> +inf (complete monotone
    likelihood); lifelines' fit and warnings are recorded.
cox_rossi_monotone_lifelines.json
    rossi plus a column ``never`` = 1 on the censored rows with i % 4 == 0, else 0. Every
    row with never = 1 is censored, so the coefficient of never goes to -infinity and the
    likelihood is monotone in it only. In the limit those rows carry no risk and drop out;
    the reference for the other coefficients is lifelines on the rows with never = 0
    (covariates without never), and lifelines' own fit with never is recorded too.
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate as g  # noqa: E402  (same directory; shares helpers and versions)

from lifelines import CoxPHFitter, WeibullAFTFitter  # noqa: E402
import statsmodels.api as sm  # noqa: E402

ROSSI_COV = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]
SPECTOR_COV = ["GPA", "TUCE", "PSI"]


def lifelines_reference(call: str) -> dict:
    return {"package": "lifelines", "version": g.lifelines.__version__, "call": call}


def statsmodels_reference(call: str) -> dict:
    return {"package": "statsmodels", "version": g.statsmodels.__version__, "call": call}


def newton_polish(f, theta, limit=1e-10):
    for _ in range(100):
        _, grad, hess = f(theta)
        if g.max_abs(grad) < limit:
            break
        theta = theta - np.linalg.solve(hess, grad)
    ll, grad, hess = f(theta)
    assert g.max_abs(grad) < 1e-8, g.max_abs(grad)
    return theta, ll, grad, hess


# ----------------------------------------------------------------------------
# zero weights
# ----------------------------------------------------------------------------

def rossi_weighted() -> pd.DataFrame:
    rossi = g.read_csv("rossi.csv")
    i = np.arange(len(rossi))
    w = np.where(i % 7 == 0, 0, 1 + (i % 3))
    df = rossi.copy()
    df["w"] = w.astype(np.int64)
    extra = df.iloc[[0]].copy()
    extra["week"] = 60
    extra["arrest"] = 1
    extra["w"] = 0
    df = pd.concat([df, extra], ignore_index=True)
    g.write_csv(df, "rossi_weighted.csv")
    return g.read_csv("rossi_weighted.csv")


def cox_zero_weights(df: pd.DataFrame) -> None:
    kept = df[df["w"] > 0][["week", "arrest", "w"] + ROSSI_COV].astype(float)
    cph = CoxPHFitter()
    cph.fit(kept, duration_col="week", event_col="arrest", weights_col="w",
            fit_options=dict(g.COX_FIT_OPTIONS))
    beta = cph.params_.loc[ROSSI_COV].to_numpy()
    payload = {
        "model": "cox",
        "reference": lifelines_reference(
            "lifelines.CoxPHFitter().fit(df[df.w > 0], duration_col='week', event_col='arrest', "
            "weights_col='w', fit_options=%s)" % json.dumps(g.COX_FIT_OPTIONS, sort_keys=True)),
        "dataset": "rossi_weighted.csv",
        "covariates": ROSSI_COV,
        "duration": "week",
        "event": "arrest",
        "weights": "w",
        "ties": "efron",
        "rows_with_positive_weight": int(len(kept)),
        "n_obs": int(len(df)),
        "coefficients": dict(zip(ROSSI_COV, beta)),
        "standard_errors": dict(zip(ROSSI_COV, cph.standard_errors_.loc[ROSSI_COV])),
        "log_likelihood": float(cph.log_likelihood_),
        "null_log_likelihood": float(cph._ll_null_),
        "concordance": float(cph.concordance_index_),
        "note": "weights 0 for rows i % 7 == 0 and for the extra event at week 60; the "
        "reference fits only the rows with w > 0, so a fit where weight-0 rows are no-ops "
        "matches it. lifelines' concordance_index_ ignores the weights (pairs of rows).",
    }
    path = g.write_json("cox_rossi_zero_weights_lifelines.json", payload)
    g.record(path, f"cox zero weights n={len(kept)}/{len(df)}", "")


def weibull_zero_weights(df: pd.DataFrame) -> None:
    kept = df[df["w"] > 0][["week", "arrest", "w"] + ROSSI_COV].astype(float)
    names = ["Intercept"] + ROSSI_COV
    T = kept["week"].to_numpy()
    E = kept["arrest"].to_numpy()
    w = kept["w"].to_numpy()
    X = np.column_stack([np.ones(len(T)), kept[ROSSI_COV].to_numpy()])
    wf = WeibullAFTFitter()
    wf.fit(kept, duration_col="week", event_col="arrest", weights_col="w",
           fit_options=dict(g.WEIBULL_FIT_OPTIONS))
    lam = wf.params_.loc["lambda_"]
    theta0 = np.append(lam.loc[names].to_numpy(), wf.params_.loc[("rho_", "Intercept")])
    ll0, _, _ = g.weibull_loglik(theta0, X, np.log(T), E, w)
    assert abs(ll0 - wf.log_likelihood_) < 1e-9 * abs(ll0), (ll0, wf.log_likelihood_)
    theta, ll, grad, hess = newton_polish(
        lambda t: g.weibull_loglik(t, X, np.log(T), E, w), theta0)
    assert np.allclose(theta, theta0, rtol=1e-3, atol=1e-4), (theta - theta0)
    se = np.sqrt(np.diag(np.linalg.inv(-hess)))
    payload = {
        "model": "weibull",
        "reference": lifelines_reference(
            "lifelines.WeibullAFTFitter().fit(df[df.w > 0], duration_col='week', "
            "event_col='arrest', weights_col='w', fit_options=%s), polished by Newton steps on "
            "the analytic weighted log-likelihood sum w [E log f + (1 - E) log S]"
            % json.dumps(g.WEIBULL_FIT_OPTIONS, sort_keys=True)),
        "dataset": "rossi_weighted.csv",
        "covariates": ROSSI_COV,
        "duration": "week",
        "event": "arrest",
        "weights": "w",
        "rows_with_positive_weight": int(len(kept)),
        "coefficients": dict(zip(names, theta[:-1])),
        "log_rho": float(theta[-1]),
        "standard_errors": {**dict(zip(names, se[:-1])), "log_rho": float(se[-1])},
        "log_likelihood": ll,
        "max_abs_gradient": g.max_abs(grad),
        "lifelines_log_likelihood": float(wf.log_likelihood_),
    }
    path = g.write_json("weibull_rossi_zero_weights_lifelines.json", payload)
    g.record(path, f"weibull zero weights n={len(kept)}/{len(df)}", f"|grad|={g.max_abs(grad):.1e}")


def logistic_zero_weights() -> None:
    df = g.read_csv("spector.csv")
    i = np.arange(len(df))
    w = np.where(i % 5 == 0, 0, 1 + (i % 3)).astype(float)
    keep = w > 0
    X = g.design_with_intercept(df, SPECTOR_COV)
    y = df["GRADE"].astype(float)
    res = sm.GLM(y[keep], X[keep], family=sm.families.Binomial(), freq_weights=w[keep]).fit(
        tol=1e-14, maxiter=200)
    payload = {
        "model": "logistic",
        "reference": statsmodels_reference(
            "statsmodels.api.GLM(y[w > 0], X[w > 0], family=Binomial(), freq_weights=w[w > 0])"
            ".fit(tol=1e-14, maxiter=200)"),
        "dataset": "spector.csv",
        "covariates": SPECTOR_COV,
        "target": "GRADE",
        "weights": "0 if row % 5 == 0 else 1 + (row mod 3)",
        "weights_list": [float(v) for v in w],
        "coefficients": dict(zip(X.columns, res.params)),
        "standard_errors": dict(zip(X.columns, res.bse)),
        "log_likelihood": float(res.llf),
        "null_log_likelihood": float(res.llnull),
    }
    path = g.write_json("logistic_spector_zero_weights_statsmodels.json", payload)
    g.record(path, f"logistic zero weights n={int(keep.sum())}/{len(df)}", "")


# ----------------------------------------------------------------------------
# shifted columns (the rank check must work on centred columns)
# ----------------------------------------------------------------------------

def logistic_shifted() -> None:
    shift = 1e5
    df = g.read_csv("spector.csv")
    X = g.design_with_intercept(df, SPECTOR_COV)
    y = df["GRADE"].astype(float)
    res = sm.Logit(y, X).fit(method="newton", tol=1e-14, maxiter=200, disp=0)
    k = list(X.columns).index("GPA")
    J = np.eye(X.shape[1])
    J[0, k] = -shift  # Intercept' = Intercept - shift * b_GPA
    beta_s = J @ res.params.to_numpy()
    cov_s = J @ res.cov_params().to_numpy() @ J.T
    Xs = X.copy()
    Xs["GPA"] = Xs["GPA"] + shift
    # the reparametrised point is the optimum on the shifted data: same likelihood, and the
    # score there is the unshifted score mapped by J^-T (checked numerically)
    model_s = sm.Logit(y, Xs)
    ll_s = float(model_s.loglike(beta_s))
    assert abs(ll_s - res.llf) < 1e-9 * abs(res.llf), (ll_s, res.llf)
    direct = model_s.fit(method="newton", tol=1e-14, maxiter=200, disp=0)
    payload = {
        "model": "logistic",
        "reference": statsmodels_reference(
            'statsmodels.api.Logit(y, X).fit(method="newton", tol=1e-14, maxiter=200) on '
            "spector, reparametrised for GPA + 1e5: Intercept' = Intercept - 1e5 * b_GPA, "
            "Cov' = J Cov J^T (the log-likelihood is invariant)"),
        "dataset": "spector.csv",
        "covariates": SPECTOR_COV,
        "target": "GRADE",
        "shift": {"column": "GPA", "by": shift},
        "coefficients": dict(zip(X.columns, beta_s)),
        "standard_errors": dict(zip(X.columns, np.sqrt(np.diag(cov_s)))),
        "log_likelihood": float(res.llf),
        "statsmodels_on_shifted_data": {
            "coefficients": dict(zip(X.columns, direct.params)),
            "log_likelihood": float(direct.llf),
            "note": "statsmodels' Newton on the raw shifted columns, for the record: its "
            "Hessian is ill-conditioned there and the intercept misses by about 1%",
        },
    }
    path = g.write_json("logistic_spector_shifted_statsmodels.json", payload)
    g.record(path, "logistic GPA + 1e5 (reparametrised)", "")


def weibull_shifted() -> None:
    shift = 1e6
    base = json.loads((g.GOLDEN_DIR / "weibull_rossi_lifelines.json").read_text())
    names = ["Intercept"] + ROSSI_COV
    k = names.index("age")
    params = ["Intercept"] + ROSSI_COV + ["log_rho"]
    theta = np.array([base["coefficients"][n] for n in names] + [base["log_rho"]])
    # covariance of the unshifted fit, recomputed from the analytic Hessian there
    df = g.read_csv("rossi.csv")
    T = df["week"].to_numpy(dtype=float)
    E = df["arrest"].to_numpy(dtype=float)
    X = np.column_stack([np.ones(len(T)), df[ROSSI_COV].to_numpy(dtype=float)])
    ll, grad, hess = g.weibull_loglik(theta, X, np.log(T), E)
    assert abs(ll - base["log_likelihood"]) < 1e-12 * abs(ll)
    cov = np.linalg.inv(-hess)
    se = np.sqrt(np.diag(cov))
    se_base = np.array([base["standard_errors"][n] for n in params])
    assert np.allclose(se, se_base, rtol=1e-8), (se - se_base)
    J = np.eye(len(theta))
    J[0, k] = -shift  # Intercept' = Intercept - shift * b_age
    theta_s = J @ theta
    cov_s = J @ cov @ J.T
    se_s = np.sqrt(np.diag(cov_s))
    # check: the reparametrised point is the optimum on the shifted data (scaled gradient)
    Xs = X.copy()
    Xs[:, k] += shift
    ll_s, grad_s, _ = g.weibull_loglik(theta_s, Xs, np.log(T), E)
    assert abs(ll_s - ll) < 1e-9 * abs(ll), (ll_s, ll)
    payload = {
        "model": "weibull",
        "reference": lifelines_reference(
            "weibull_rossi_lifelines.json (lifelines WeibullAFTFitter on rossi), reparametrised "
            "for age + 1e6: Intercept' = Intercept - 1e6 * b_age, Cov' = J Cov J^T"),
        "dataset": "rossi.csv",
        "covariates": ROSSI_COV,
        "duration": "week",
        "event": "arrest",
        "shift": {"column": "age", "by": shift},
        "coefficients": dict(zip(names, theta_s[:-1])),
        "log_rho": float(theta_s[-1]),
        "standard_errors": dict(zip(params, se_s)),
        "log_likelihood": float(base["log_likelihood"]),
        "max_abs_gradient_shifted": g.max_abs(grad_s),
    }
    path = g.write_json("weibull_rossi_shifted_lifelines.json", payload)
    g.record(path, "weibull age + 1e6 (reparametrised)", f"|grad|={g.max_abs(grad_s):.1e}")


# ----------------------------------------------------------------------------
# monotone likelihood in Cox
# ----------------------------------------------------------------------------

def fit_cox_recording(data, covariates):
    cph = CoxPHFitter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cph.fit(data, duration_col="week", event_col="arrest")
    messages = sorted({str(w.message).split("\n")[0][:200] for w in caught})
    return cph, messages


def cox_single_event() -> None:
    df = g.read_csv("rossi.csv")
    df["arrest"] = 0
    df.loc[0, "arrest"] = 1
    data = df[["week", "arrest"] + ROSSI_COV].astype(float)
    cph, messages = fit_cox_recording(data, ROSSI_COV)
    beta = cph.params_.loc[ROSSI_COV].to_numpy()
    sd = data[ROSSI_COV].std().to_numpy()
    payload = {
        "model": "cox",
        "reference": lifelines_reference(
            "lifelines.CoxPHFitter().fit(df, duration_col='week', event_col='arrest') with "
            "arrest = 1 on row 0 only"),
        "dataset": "rossi.csv",
        "covariates": ROSSI_COV,
        "event_rows": [0],
        "coefficients": dict(zip(ROSSI_COV, beta)),
        "standard_errors": dict(zip(ROSSI_COV, cph.standard_errors_.loc[ROSSI_COV])),
        "log_likelihood": float(cph.log_likelihood_),
        "max_abs_standardised_coefficient": float(np.max(np.abs(beta * sd))),
        "lifelines_warnings": messages,
        "note": "one event: no finite maximum of the partial likelihood (it tends to 0 as the "
        "event's risk score dominates). lifelines stops with large coefficients and huge "
        "standard errors; a fit that detects the monotone likelihood refuses to report them.",
    }
    path = g.write_json("cox_rossi_single_event_lifelines.json", payload)
    g.record(path, "cox single event (monotone)", f"max|b sd|={payload['max_abs_standardised_coefficient']:.1f}")


def cox_monotone() -> None:
    df = g.read_csv("rossi.csv")
    i = np.arange(len(df))
    never = ((i % 4 == 0) & (df["arrest"].to_numpy() == 0)).astype(np.int64)
    df["never"] = never
    covariates = ROSSI_COV + ["never"]
    data = df[["week", "arrest"] + covariates].astype(float)
    cph, messages = fit_cox_recording(data, covariates)
    limit_data = data[data["never"] == 0][["week", "arrest"] + ROSSI_COV]
    limit = CoxPHFitter()
    limit.fit(limit_data, duration_col="week", event_col="arrest",
              fit_options=dict(g.COX_FIT_OPTIONS))
    payload = {
        "model": "cox",
        "reference": lifelines_reference(
            "lifelines.CoxPHFitter().fit(df[df.never == 0], duration_col='week', "
            "event_col='arrest', fit_options=%s) on the covariates without never (the limit as "
            "b_never -> -inf); lifelines_with_never: the same call on every row with never"
            % json.dumps(g.COX_FIT_OPTIONS, sort_keys=True)),
        "dataset": "rossi.csv",
        "covariates": ROSSI_COV,
        "monotone_feature": "never",
        "never_rule": "never = 1 where row % 4 == 0 and arrest == 0",
        "never_rows": [int(v) for v in np.flatnonzero(never)],
        "coefficients": dict(zip(ROSSI_COV, limit.params_.loc[ROSSI_COV])),
        "standard_errors": dict(zip(ROSSI_COV, limit.standard_errors_.loc[ROSSI_COV])),
        "log_likelihood": float(limit.log_likelihood_),
        "lifelines_with_never": {
            "coefficients": dict(zip(covariates, cph.params_.loc[covariates])),
            "standard_errors": dict(zip(covariates, cph.standard_errors_.loc[covariates])),
            "log_likelihood": float(cph.log_likelihood_),
            "warnings": messages,
        },
    }
    path = g.write_json("cox_rossi_monotone_lifelines.json", payload)
    g.record(path, "cox monotone in never", f"b_never={cph.params_['never']:.1f}")


def cox_ordered_complete() -> None:
    # t = 1..24, events on odd t, x = 24 - t (+ z noise): the earlier a row ends, the higher
    # its x, so every event has the highest x of its risk set (complete monotone likelihood).
    t = np.arange(1, 25)
    df = pd.DataFrame({
        "t": t.astype(np.int64),
        "e": (t % 2).astype(np.int64),
        "x": (24 - t).astype(np.int64),
        "z": ((t * 7) % 5).astype(np.int64),
    })
    g.write_csv(df, "cox_ordered.csv")
    data = g.read_csv("cox_ordered.csv").astype(float)
    cph = CoxPHFitter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cph.fit(data, duration_col="t", event_col="e")
    messages = sorted({str(w.message).split("\n")[0][:200] for w in caught})
    payload = {
        "model": "cox",
        "reference": lifelines_reference(
            "lifelines.CoxPHFitter().fit(df, duration_col='t', event_col='e')"),
        "dataset": "cox_ordered.csv",
        "covariates": ["x", "z"],
        "coefficients": dict(zip(["x", "z"], cph.params_.loc[["x", "z"]])),
        "standard_errors": dict(zip(["x", "z"], cph.standard_errors_.loc[["x", "z"]])),
        "log_likelihood": float(cph.log_likelihood_),
        "lifelines_warnings": messages,
        "note": "x orders every risk set perfectly: the partial likelihood tends to its supremum "
        "0 as b_x -> +inf (complete monotone likelihood, Cox's perfect separation).",
    }
    path = g.write_json("cox_ordered_complete_lifelines.json", payload)
    g.record(path, "cox complete monotone", f"b_x={cph.params_['x']:.1f}")


def main() -> None:
    df = rossi_weighted()
    cox_zero_weights(df)
    weibull_zero_weights(df)
    logistic_zero_weights()
    logistic_shifted()
    weibull_shifted()
    cox_single_event()
    cox_monotone()
    cox_ordered_complete()


if __name__ == "__main__":
    main()
    for name, what, conv in g.SUMMARY:
        print(f"  {name:48s}  {what:42s}  {conv}")
