#!/usr/bin/env python3
"""Generate the reference ("golden") values that the Swift models are tested against.

Run from anywhere:

    python3 scripts/golden/generate.py

Everything under Tests/Fixtures/data/ and Tests/Fixtures/golden/ is rewritten.
The output is deterministic (single-threaded BLAS, JSON with sorted keys,
floats written with Python's shortest round-trip repr).  Package versions are
pinned in scripts/golden/requirements.txt and recorded in every JSON file.

Datasets (Tests/Fixtures/data/)
-------------------------------
All files are all-numeric CSV, one header row, LF line endings, no index
column.  Integer-valued columns are written as integers, all other values with
repr(float) (17 significant digits at most, round-trips exactly).

spector.csv
    statsmodels.datasets.spector, columns GPA,TUCE,PSI,GRADE (32 rows).

rossi.csv
    lifelines.datasets.load_rossi, columns
    week,arrest,fin,age,race,wexp,mar,paro,prio (432 rows).

lung.csv
    lifelines.datasets.load_lung.  Rows with any missing value are dropped
    (228 -> 167 rows); dots in column names are replaced by underscores
    (ph.ecog -> ph_ecog, ...).  The lifelines copy already codes `status` as
    0 = censored, 1 = dead (R's survival::lung uses 1/2); the script checks
    this and recodes 1/2 -> 0/1 only if it ever finds the R coding.
    `sex` keeps its original 1 = male, 2 = female coding.

ibm_ar_logit.csv, ibm_ar_surv.csv
    Derived from datasets/ibm-accounts-receivable.csv (IBM sample
    data, CRLF, dates M/D/YYYY, Disputed Yes/No, PaperlessBill
    Paper/Electronic).  Rows keep the original file order.
      log_amount   = ln(InvoiceAmount)               (numpy.log, float64)
      disputed     = 1 if Disputed == "Yes" else 0
      paperless    = 1 if PaperlessBill == "Electronic" else 0
      country_406, country_770, country_818, country_897
                   = indicator of countryCode (391 is the baseline)
      late         = 1 if DaysLate > 0 else 0
    ibm_ar_logit.csv: all 2466 invoices; columns
      log_amount,disputed,paperless,country_406,country_770,country_818,
      country_897,late
    ibm_ar_surv.csv: right-censored time to settlement at the as-of date
    2013-06-30.  Only invoices with InvoiceDate < 2013-06-30 (strictly) are
    kept;
      duration = days from InvoiceDate to min(SettledDate, 2013-06-30)
      event    = 1 if SettledDate <= 2013-06-30 else 0
    columns log_amount,disputed,paperless,country_406,country_770,
      country_818,country_897,duration,event
    Open invoices have duration >= 1 (issued strictly before the as-of
    date).  Settled invoices have duration = DaysToSettle, which is 0 for
    same-day settlements: 4 rows of the source file, 2 of them (source rows
    1894 and 1909, 0-based data rows) before the as-of date.  A zero duration
    is not allowed by the Weibull likelihood, so those invoices are KEPT as
    events with duration 0.5 days (settled within the day of invoicing).
    All other durations are whole days; the column is written as float
    (e.g. 13.0, 0.5).  The same file is used for Cox and Weibull.  Counts
    are printed by the script.
    The script also checks that DaysToSettle == SettledDate - InvoiceDate and
    DaysLate == max(0, SettledDate - DueDate) on every row.

Golden files (Tests/Fixtures/golden/)
-------------------------------------
One JSON file per (model, dataset, variant); the field names are listed in the
"field notes" below and in each file.  Model fits are done on the CSV files as
read back from disk (pandas, float_precision="round_trip"), so the golden
values belong to exactly the numbers in the fixtures.

logistic  statsmodels Logit(y, add_constant(X)).fit(method="newton",
          tol=1e-14, maxiter=200); constant named "Intercept".
          Weighted variant: GLM(y, add_constant(X), family=Binomial(),
          freq_weights=w), w_i = 1 + (i mod 3), i = 0-based row index;
          IRLS (= Newton for the canonical logit link) to tol=1e-14.
cox       lifelines CoxPHFitter (Efron ties), Newton-Raphson with
          fit_options={"precision": 1e-20, "r_precision": 0.0,
          "max_steps": 500}; statsmodels PHReg(ties="efron"|"breslow")
          .fit(tol=1e-14, maxiter=200).  Convergence is checked with
          statsmodels' Efron/Breslow partial-likelihood score.
          baseline_cumulative_hazard is the Breslow estimator
          H0(t) = sum_{event times s <= t} d_s / sum_{j: T_j >= s} exp(x_j.b)
          at covariates = 0, right-continuous.  lifelines centres covariates,
          so its baseline_cumulative_hazard_ (at the training mean) is
          converted with H0_zero(t) = H0_mean(t) * exp(-mean(X).b).
          statsmodels' PHRegResults.baseline_cumulative_hazard returns the
          left limit H0(t-) = cumsum(h0) - h0 at each event time; the script
          checks that its values equal ours shifted by one event time and
          stores the right-continuous values.
weibull   lifelines WeibullAFTFitter, lambda = exp(X b) (X with Intercept),
          rho = exp(a) (a = lifelines rho_ Intercept, stored as log_rho),
          S(t|x) = exp(-(t/lambda)^rho).  Fitted with fit_options
          {"gtol": 1e-12}, then polished with Newton steps on the analytic
          gradient and Hessian of the full log-likelihood until
          max|gradient| < 1e-9, then lifelines is refitted from the polished
          point (its BFGS stops at once) so that every stored number is
          lifelines' own output at the polished optimum.
kaplan_meier  lifelines KaplanMeierFitter.

The numeric edge cases (scripts/golden/edge_cases.py), the mixture-cure model
(scripts/golden/cure.py), the log-odds shift of the delinquency PD
(scripts/golden/logit_shift.py) and its fits weighted and clustered by customer
(scripts/golden/logit_group_shift.py) are generated last, by their own scripts; their
docstrings list their files.
"""

from __future__ import annotations

import os

# Single-threaded BLAS: deterministic summation order, and light on the machine.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import json
import math
import sys
import warnings
from pathlib import Path

import lifelines
import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from lifelines import CoxPHFitter, KaplanMeierFitter, WeibullAFTFitter
from lifelines.datasets import load_lung, load_rossi
from lifelines.utils import concordance_index
from statsmodels.duration.hazard_regression import PHReg

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "Tests" / "Fixtures" / "data"
GOLDEN_DIR = ROOT / "Tests" / "Fixtures" / "golden"
# The IBM sample as bundled in datasets/ (bytes unchanged); the file's hash is checked below.
IBM_SOURCE = ROOT / "datasets" / "ibm-accounts-receivable.csv"
IBM_SHA256 = "f5d488eaa4c1cc843b478b6f1068c553c5394aab4b64d587e4b9ad811d845c19"
AS_OF = pd.Timestamp("2013-06-30")
ZERO_DURATION_REPLACEMENT = 0.5  # days, for same-day settlements in ibm_ar_surv.csv

VERSIONS = {
    "python": "%d.%d.%d" % sys.version_info[:3],
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "pandas": pd.__version__,
    "statsmodels": statsmodels.__version__,
    "lifelines": lifelines.__version__,
}

GRADIENT_LIMIT = 1e-8  # max |score| accepted at a reported optimum
PRED_ROWS = [0, 1, 2, 3, 4]
COX_FIT_OPTIONS = {"precision": 1e-20, "r_precision": 0.0, "max_steps": 500}
WEIBULL_FIT_OPTIONS = {"gtol": 1e-12}

SURVIVAL_SETTINGS = {
    # dataset: (times for S(t|x), conditional_after values for rows 0..4)
    "rossi": ([5.0, 10.0, 20.0, 30.0, 50.0], [0.0, 5.0, 10.0, 20.0, 30.0]),
    "ibm_ar_surv": ([5.0, 10.0, 20.0, 30.0, 50.0], [0.0, 5.0, 10.0, 20.0, 30.0]),
    "lung": ([90.0, 180.0, 365.0, 540.0, 730.0], [0.0, 30.0, 90.0, 180.0, 365.0]),
}

COX_CONDITIONAL_NOTE = (
    "lifelines CoxPHFitter.predict_survival_function(df, times, conditional_after=a) returns, at "
    "each requested time t measured FROM a (remaining time, index = times), "
    "S = exp(-max(0, c(t + a) - c(a)) * exp((x - mean).b)), where c is np.interp over the knots "
    "(all distinct training durations, lifelines baseline_cumulative_hazard_ at the mean): linear "
    "interpolation between knots, clamped to the first knot's value below the first duration "
    "(so c(0) = H0_mean(first duration), which is > 0 when events occur at the first duration; "
    "hence conditional_after = 0 can differ from the unconditional prediction) and to the last "
    "knot's value beyond the last duration. predict_median(df, conditional_after=a) is the first "
    "t on the training timeline (distinct training durations, read as remaining time) with "
    "that conditional survival <= 0.5, measured from a; null (lifelines inf) if never reached. "
    "Unconditional survival uses the same np.interp on H0 (exact step values at knots); the "
    "unconditional median is the first distinct training duration with S <= 0.5."
)
WEIBULL_CONDITIONAL_NOTE = (
    "lifelines WeibullAFTFitter.predict_survival_function(df, times, conditional_after=a) returns "
    "S(t + a | x) / S(a | x) for each requested time t measured FROM a (remaining time, "
    "index = times), computed as exp(-(H(t + a) - H(a))) with H(u) = (u/lambda)^rho, exactly (no "
    "interpolation). predict_median(df, conditional_after=a) is closed form and returns the "
    "remaining median lifetime, also measured from a: "
    "lambda * (ln 2 + (a/lambda)^rho)^(1/rho) - a."
)

CONDITIONAL_STEP_NOTE = (
    "computed by this script (not a package call): S(a + t | x) / S(a | x) = "
    "exp(-(H0(a + t) - H0(a)) * exp(x.b)) with H0 the right-continuous Breslow step function "
    "at covariates 0 (0 before the first event time); row i uses a = conditional_after[i], "
    "t = times[j] is measured from a"
)

warnings.simplefilter("ignore")


# ----------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------

def jsonable(obj):
    """Convert numpy/pandas scalars and containers to plain JSON types.

    inf and nan become None (null)."""
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return [jsonable(v) for v in obj.tolist()]
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        v = float(obj)
        return v if math.isfinite(v) else None
    return obj


def write_json(name: str, payload: dict) -> Path:
    path = GOLDEN_DIR / name
    text = json.dumps(jsonable(payload), sort_keys=True, indent=2, allow_nan=False) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def write_csv(df: pd.DataFrame, name: str) -> Path:
    """All-numeric CSV: ints as ints, floats with repr precision, LF endings."""
    path = DATA_DIR / name
    lines = [",".join(df.columns)]
    cols = []
    for c in df.columns:
        s = df[c]
        assert s.notna().all(), f"{name}:{c} has missing values"
        if pd.api.types.is_integer_dtype(s):
            cols.append([str(int(v)) for v in s])
        else:
            vals = s.astype(float).to_numpy()
            assert np.all(np.isfinite(vals)), f"{name}:{c} has non-finite values"
            cols.append([repr(float(v)) for v in vals])
    for row in zip(*cols):
        lines.append(",".join(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    back = read_csv(name)
    assert list(back.columns) == list(df.columns)
    assert np.array_equal(back.to_numpy(dtype=float), df.to_numpy(dtype=float)), name
    return path


def read_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / name, float_precision="round_trip")


def integer_valued_to_int(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        v = out[c].to_numpy(dtype=float)
        if np.all(v == np.round(v)):
            out[c] = v.astype(np.int64)
    return out


def max_abs(v) -> float:
    return float(np.max(np.abs(np.asarray(v, dtype=float))))


SUMMARY: list[tuple[str, str, str]] = []


def record(path: Path, what: str, conv: str) -> None:
    SUMMARY.append((path.name, what, conv))


# ----------------------------------------------------------------------------
# datasets
# ----------------------------------------------------------------------------

def build_datasets() -> dict:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    info = {}

    spector = sm.datasets.spector.load_pandas().data[["GPA", "TUCE", "PSI", "GRADE"]]
    spector = integer_valued_to_int(spector)
    write_csv(spector, "spector.csv")
    info["spector.csv"] = len(spector)

    rossi = load_rossi()[["week", "arrest", "fin", "age", "race", "wexp", "mar", "paro", "prio"]]
    rossi = integer_valued_to_int(rossi)
    write_csv(rossi, "rossi.csv")
    info["rossi.csv"] = len(rossi)

    lung_raw = load_lung()
    lung = lung_raw.dropna().reset_index(drop=True)
    lung.columns = [c.replace(".", "_") for c in lung.columns]
    status_values = set(np.unique(lung["status"]).tolist())
    if status_values == {1, 2}:
        lung["status"] = lung["status"] - 1  # R coding 1 = censored, 2 = dead
    assert set(np.unique(lung["status"]).tolist()) <= {0, 1}
    lung = integer_valued_to_int(lung)
    write_csv(lung, "lung.csv")
    info["lung.csv"] = len(lung)
    info["lung_raw_rows"] = len(lung_raw)

    ibm_info = build_ibm()
    info.update(ibm_info)
    return info


def build_ibm() -> dict:
    import hashlib

    raw_bytes = IBM_SOURCE.read_bytes()
    sha = hashlib.sha256(raw_bytes).hexdigest()
    assert sha == IBM_SHA256, f"unexpected IBM file checksum {sha}"
    raw = pd.read_csv(IBM_SOURCE, dtype=str)
    assert len(raw) == 2466

    def day(col):
        return pd.to_datetime(raw[col], format="%m/%d/%Y")

    inv, due, settled = day("InvoiceDate"), day("DueDate"), day("SettledDate")
    amount = raw["InvoiceAmount"].astype(float).to_numpy()
    days_to_settle = raw["DaysToSettle"].astype(int).to_numpy()
    days_late = raw["DaysLate"].astype(int).to_numpy()
    assert np.array_equal((settled - inv).dt.days.to_numpy(), days_to_settle)
    assert np.array_equal(np.maximum(0, (settled - due).dt.days.to_numpy()), days_late)
    assert set(raw["Disputed"]) == {"Yes", "No"}
    assert set(raw["PaperlessBill"]) == {"Paper", "Electronic"}
    country = raw["countryCode"].astype(int)
    assert set(country) == {391, 406, 770, 818, 897}

    feats = pd.DataFrame(
        {
            "log_amount": np.log(amount),
            "disputed": (raw["Disputed"] == "Yes").astype(np.int64),
            "paperless": (raw["PaperlessBill"] == "Electronic").astype(np.int64),
            "country_406": (country == 406).astype(np.int64),
            "country_770": (country == 770).astype(np.int64),
            "country_818": (country == 818).astype(np.int64),
            "country_897": (country == 897).astype(np.int64),
        }
    )
    logit = feats.copy()
    logit["late"] = (days_late > 0).astype(np.int64)
    write_csv(logit, "ibm_ar_logit.csv")

    keep = (inv < AS_OF).to_numpy()
    end = settled.where(settled <= AS_OF, AS_OF)
    duration = (end - inv).dt.days.to_numpy()
    event = (settled <= AS_OF).to_numpy().astype(np.int64)
    surv = feats.loc[keep].copy()
    surv["duration"] = duration[keep].astype(np.int64)
    surv["event"] = event[keep]
    surv = surv.reset_index(drop=True)
    assert (surv["duration"] >= 0).all()
    zero = surv["duration"] == 0
    n_zero = int(zero.sum())
    # Same-day settlements (SettledDate == InvoiceDate) would have duration 0, which the
    # Weibull likelihood cannot take; they are kept as events at half a day.
    assert surv.loc[zero, "event"].eq(1).all()
    surv["duration"] = surv["duration"].astype(float)
    surv.loc[zero, "duration"] = ZERO_DURATION_REPLACEMENT
    assert (surv["duration"] > 0).all()
    write_csv(surv, "ibm_ar_surv.csv")
    return {
        "ibm_ar_logit.csv": len(logit),
        "ibm_ar_logit_late": int(logit["late"].sum()),
        "ibm_ar_surv.csv": len(surv),
        "ibm_ar_surv_events": int(surv["event"].sum()),
        "ibm_ar_surv_censored": int((surv["event"] == 0).sum()),
        "ibm_ar_surv_dropped_after_asof": int((~keep).sum()),
        "ibm_ar_surv_min_duration": float(surv["duration"].min()),
        "ibm_ar_surv_zero_durations": n_zero,
    }


# ----------------------------------------------------------------------------
# logistic regression
# ----------------------------------------------------------------------------

def design_with_intercept(df: pd.DataFrame, covariates: list[str]) -> pd.DataFrame:
    X = df[covariates].astype(float)
    X.insert(0, "Intercept", 1.0)
    return X


def logistic_payload(res, X, y, dataset, covariates, target, reference, extra=None):
    params = res.params
    p5 = res.predict(X.iloc[PRED_ROWS])
    payload = {
        "model": "logistic",
        "reference": reference,
        "dataset": dataset,
        "covariates": covariates,
        "target": target,
        "n_obs": int(len(y)),
        "coefficients": dict(zip(X.columns, params)),
        "standard_errors": dict(zip(X.columns, res.bse)),
        "z": dict(zip(X.columns, res.tvalues)),
        "p_values": dict(zip(X.columns, res.pvalues)),
        "log_likelihood": float(res.llf),
        "null_log_likelihood": float(res.llnull),
        "predictions": {"rows": PRED_ROWS, "probability": list(np.asarray(p5, dtype=float))},
    }
    if extra:
        payload.update(extra)
    return payload


def fit_logistic(dataset: str, target: str, covariates: list[str], out: str) -> None:
    df = read_csv(dataset)
    y = df[target].astype(float)
    X = design_with_intercept(df, covariates)
    res = sm.Logit(y, X).fit(method="newton", tol=1e-14, maxiter=200, disp=0)
    grad = res.model.score(res.params.to_numpy())
    g = max_abs(grad)
    assert res.mle_retvals["converged"], out
    assert g < GRADIENT_LIMIT, (out, g)
    reference = {
        "package": "statsmodels",
        "version": statsmodels.__version__,
        "call": 'statsmodels.api.Logit(y, X).fit(method="newton", tol=1e-14, maxiter=200); '
        'X = add_constant(covariates) with the constant named "Intercept"',
    }
    payload = logistic_payload(
        res, X, y, dataset, covariates, target, reference,
        {
            "mcfadden_r2": float(res.prsquared),
            "aic": float(res.aic),
            "max_abs_gradient": g,
            "iterations": int(res.mle_retvals["iterations"]),
        },
    )
    path = write_json(out, payload)
    record(path, f"logistic n={len(y)} k={X.shape[1]}", f"|grad|={g:.1e}")


def fit_logistic_weighted(dataset: str, target: str, covariates: list[str], out: str) -> None:
    df = read_csv(dataset)
    y = df[target].astype(float)
    X = design_with_intercept(df, covariates)
    w = 1.0 + (np.arange(len(df)) % 3)
    model = sm.GLM(y, X, family=sm.families.Binomial(), freq_weights=w)
    res = model.fit(tol=1e-14, maxiter=200)
    beta = res.params.to_numpy()
    p = 1.0 / (1.0 + np.exp(-(X.to_numpy() @ beta)))
    grad = X.to_numpy().T @ (w * (y.to_numpy() - p))
    g = max_abs(grad)
    assert g < GRADIENT_LIMIT, (out, g)
    # cross-check the log-likelihood by hand
    ll = float(np.sum(w * (y * np.log(p) + (1 - y) * np.log1p(-p))))
    assert abs(ll - res.llf) < 1e-10 * abs(ll), (ll, res.llf)
    ybar = float(np.sum(w * y) / np.sum(w))
    ll_null = float(np.sum(w * (y * math.log(ybar) + (1 - y) * math.log1p(-ybar))))
    assert abs(ll_null - res.llnull) < 1e-10 * abs(ll_null), (ll_null, res.llnull)
    reference = {
        "package": "statsmodels",
        "version": statsmodels.__version__,
        "call": "statsmodels.api.GLM(y, X, family=sm.families.Binomial(), freq_weights=w)"
        ".fit(tol=1e-14, maxiter=200) (IRLS); X = add_constant(covariates) with the constant "
        'named "Intercept"',
    }
    payload = logistic_payload(
        res, X, y, dataset, covariates, target, reference,
        {
            "weights": "1 + (row mod 3)",
            "weights_list": [int(v) for v in w],
            "weights_note": "frequency weights: the log-likelihood, score and information are "
            "sums over rows multiplied by w_i (equivalent to repeating row i w_i times)",
            "mcfadden_r2": float(res.pseudo_rsquared(kind="mcf")),
            "aic": float(res.aic),
            "aic_note": "statsmodels GLM aic = -2*log_likelihood + 2*(number of coefficients)",
            "sum_weights": float(w.sum()),
            "max_abs_gradient": g,
        },
    )
    path = write_json(out, payload)
    record(path, f"logistic GLM freq_weights n={len(y)}", f"|grad|={g:.1e}")


# ----------------------------------------------------------------------------
# Cox proportional hazards
# ----------------------------------------------------------------------------

def breslow_baseline_at_zero(T, E, X, beta):
    """Right-continuous Breslow H0 at covariates 0, evaluated at distinct event times."""
    eta = np.exp(X @ beta)
    times = np.unique(T[E == 1])
    # risk-set sums via sorting by time
    order = np.argsort(T, kind="mergesort")
    Ts, es = T[order], eta[order]
    tail = np.cumsum(es[::-1])[::-1]  # sum over j >= index in sorted order
    first_idx = np.searchsorted(Ts, times, side="left")
    risk = tail[first_idx]
    d = np.array([np.sum((T == t) & (E == 1)) for t in times], dtype=float)
    h0 = d / risk
    return times, np.cumsum(h0), h0


def step_eval(knots, values, t):
    """Right-continuous step function with value 0 before the first knot."""
    idx = np.searchsorted(knots, t, side="right") - 1
    return np.where(idx >= 0, values[np.clip(idx, 0, None)], 0.0)


def conditional_step(knots, H, lp, times, cond_after):
    """exp(-(H0(a_i + t_j) - H0(a_i)) * exp(lp_i)) with the right-continuous step H0."""
    t = np.asarray(times, dtype=float)
    out = []
    for lp_i, a in zip(lp, cond_after):
        dH = step_eval(knots, H, a + t) - step_eval(knots, H, np.array([a]))[0]
        out.append(np.exp(-dH * math.exp(lp_i)))
    return np.array(out)


def cox_common(dataset, covariates, duration, event, ties, reference, beta, se, ll, ll0, g, T, E, X):
    c_index = concordance_index(T, -np.exp(X @ beta), E)
    return {
        "model": "cox",
        "reference": reference,
        "dataset": dataset,
        "covariates": covariates,
        "duration": duration,
        "event": event,
        "ties": ties,
        "n_obs": int(len(T)),
        "n_events": int(E.sum()),
        "coefficients": dict(zip(covariates, beta)),
        "standard_errors": dict(zip(covariates, se)),
        "log_likelihood": float(ll),
        "log_likelihood_note": "log partial likelihood at the estimate",
        "null_log_likelihood": float(ll0),
        "max_abs_gradient": g,
        "concordance": float(c_index),
    }


def fit_cox_lifelines(dataset, covariates, duration, event, key):
    df = read_csv(dataset)
    data = df[[duration, event] + covariates].astype(float)
    T = data[duration].to_numpy()
    E = data[event].to_numpy().astype(int)
    X = data[covariates].to_numpy()
    cph = CoxPHFitter()
    cph.fit(data, duration_col=duration, event_col=event, fit_options=dict(COX_FIT_OPTIONS))
    beta = cph.params_.loc[covariates].to_numpy()
    se = cph.standard_errors_.loc[covariates].to_numpy()
    # independent check of the Efron score with statsmodels' implementation
    sm_model = PHReg(T, X, status=E, ties="efron")
    g = max_abs(sm_model.score(beta))
    assert g < GRADIENT_LIMIT, (dataset, g)
    assert abs(sm_model.loglike(beta) - cph.log_likelihood_) < 1e-10 * abs(cph.log_likelihood_)
    sm_res = sm_model.fit(tol=1e-14, maxiter=200, disp=0)
    coef_rel = max_abs((beta - sm_res.params) / sm_res.params)
    se_rel = max_abs((se - sm_res.bse) / sm_res.bse)
    assert coef_rel < 1e-9 and se_rel < 1e-9, (dataset, coef_rel, se_rel)

    reference = {
        "package": "lifelines",
        "version": lifelines.__version__,
        "call": "lifelines.CoxPHFitter().fit(df, duration_col=%r, event_col=%r, fit_options=%s)"
        % (duration, event, json.dumps(COX_FIT_OPTIONS, sort_keys=True)),
    }
    payload = cox_common(dataset, covariates, duration, event, "efron", reference, beta, se,
                         cph.log_likelihood_, cph._ll_null_, g, T, E, X)
    # concordance: lifelines' own number; check it agrees with the uncentred formula
    c_lifelines = float(cph.concordance_index_)
    assert c_lifelines == payload["concordance"], (c_lifelines, payload["concordance"])
    payload["concordance"] = c_lifelines
    payload["cross_check"] = {
        "statsmodels_efron_max_rel_coefficient_diff": coef_rel,
        "statsmodels_efron_max_rel_standard_error_diff": se_rel,
        "note": "differences between these lifelines values and statsmodels PHReg(ties='efron') "
        "fitted to tol=1e-14 on the same data",
    }
    payload["concordance_call"] = (
        "CoxPHFitter.concordance_index_ == lifelines.utils.concordance_index(T, -exp(X.b), E) "
        "(checked equal)"
    )

    # baseline cumulative hazard, converted from the training mean to covariates = 0
    mean = cph._norm_mean.loc[covariates].to_numpy()
    H_mean = cph.baseline_cumulative_hazard_.iloc[:, 0]
    factor = math.exp(-float(mean @ beta))
    H_zero = H_mean.to_numpy() * factor
    knots = H_mean.index.to_numpy(dtype=float)
    # cross-check against statsmodels' baseline at the same beta (statsmodels gives H0(t-))
    sm_times, sm_left, _ = sm_model.baseline_cumulative_hazard(beta)[0]
    mine_times, mine_H, mine_h = breslow_baseline_at_zero(T, E, X, beta)
    assert np.array_equal(sm_times, mine_times)
    assert np.allclose(sm_left, mine_H - mine_h, rtol=1e-12, atol=0)
    assert np.allclose(step_eval(knots, H_zero, mine_times), mine_H, rtol=1e-10, atol=0)
    payload["baseline_cumulative_hazard"] = [[float(t), float(h)] for t, h in zip(knots, H_zero)]
    payload["baseline_cumulative_hazard_note"] = (
        "Breslow estimator at covariates = 0, right-continuous, at every distinct training "
        "duration (lifelines baseline_cumulative_hazard_.index; no jump at censoring-only "
        "times). Converted from lifelines' value at the training mean: "
        "H0_zero(t) = H0_mean(t) * exp(-mean(X).b). Cross-checked against statsmodels "
        "PHReg.baseline_cumulative_hazard at the same b (statsmodels reports the left limit "
        "H0(t-), i.e. our value at the previous event time)."
    )
    payload["training_mean"] = dict(zip(covariates, mean))

    # predictions
    times, cond_after = SURVIVAL_SETTINGS[key]
    X5 = data.iloc[PRED_ROWS][covariates]
    sf = cph.predict_survival_function(X5, times=times)
    med = cph.predict_median(X5)
    sf_c = cph.predict_survival_function(X5, times=times, conditional_after=cond_after)
    med_c = cph.predict_median(X5, conditional_after=cond_after)
    lp = X5.to_numpy() @ beta
    step_surv = np.exp(-np.outer(np.exp(lp), step_eval(knots, H_zero, np.asarray(times))))
    step_cond = conditional_step(knots, H_zero, lp, times, cond_after)
    assert np.allclose(step_surv[:, [i for i, t in enumerate(times) if t in set(knots)]],
                       sf.to_numpy().T[:, [i for i, t in enumerate(times) if t in set(knots)]],
                       rtol=1e-12, atol=0)
    payload["predictions"] = {
        "rows": PRED_ROWS,
        "times": times,
        "linear_predictor": list(lp),
        "survival": sf.to_numpy().T.tolist(),
        "survival_step": step_surv.tolist(),
        "median": list(np.asarray(med, dtype=float)),
        "conditional_after": cond_after,
        "conditional_survival": sf_c.to_numpy().T.tolist(),
        "conditional_median": list(np.asarray(med_c, dtype=float)),
        "conditional_survival_step": step_cond.tolist(),
        "conditional_survival_step_note": CONDITIONAL_STEP_NOTE,
        "layout": "survival[i][j] = S(times[j] | row rows[i]); linear_predictor = x.b (uncentred)",
        "survival_note": "lifelines predict_survival_function(df, times): "
        "exp(-np.interp(t, knots, H0_mean) * exp((x - mean).b)); equals the step function at "
        "knots, linear interpolation between knots. survival_step (computed here from the same "
        "fit) is the exact right-continuous step value exp(-H0_zero(t) * exp(x.b)).",
        "median_note": "lifelines predict_median; null = inf (curve never reaches 0.5)",
        "conditional_note": COX_CONDITIONAL_NOTE,
    }
    out = f"cox_{key}_efron_lifelines.json"
    path = write_json(out, payload)
    record(path, f"cox efron lifelines n={len(T)} d={int(E.sum())}", f"|score|={g:.1e}")
    return beta


def fit_cox_statsmodels(dataset, covariates, duration, event, key, ties, lifelines_beta=None):
    df = read_csv(dataset)
    data = df[[duration, event] + covariates].astype(float)
    T = data[duration].to_numpy()
    E = data[event].to_numpy().astype(int)
    X = data[covariates].to_numpy()
    model = PHReg(T, X, status=E, ties=ties)
    res = model.fit(tol=1e-14, maxiter=200, disp=0)
    beta = np.asarray(res.params)
    g = max_abs(model.score(beta))
    assert g < GRADIENT_LIMIT, (dataset, ties, g)
    if lifelines_beta is not None:
        assert np.allclose(beta, lifelines_beta, rtol=1e-9, atol=1e-12), (beta, lifelines_beta)
    reference = {
        "package": "statsmodels",
        "version": statsmodels.__version__,
        "call": "statsmodels.duration.hazard_regression.PHReg(T, X, status=E, ties=%r)"
        ".fit(tol=1e-14, maxiter=200)" % ties,
    }
    payload = cox_common(dataset, covariates, duration, event, ties, reference, beta,
                         np.asarray(res.bse), res.llf, model.loglike(np.zeros_like(beta)), g, T, E, X)
    payload["concordance_call"] = "lifelines.utils.concordance_index(T, -exp(X.b), E) at this fit's b"

    sm_times, sm_left, _ = res.baseline_cumulative_hazard[0]
    times_ev, H, h = breslow_baseline_at_zero(T, E, X, beta)
    assert np.array_equal(sm_times, times_ev)
    assert np.allclose(sm_left, H - h, rtol=1e-12, atol=0)
    payload["baseline_cumulative_hazard"] = [[float(t), float(v)] for t, v in zip(times_ev, H)]
    payload["baseline_cumulative_hazard_note"] = (
        "Breslow estimator at covariates = 0, right-continuous, at the distinct event times: "
        "H0(t) = sum_{s <= t} d_s / sum_{T_j >= s} exp(x_j.b) (the same estimator is used for "
        "either ties method). statsmodels' PHRegResults.baseline_cumulative_hazard returns the "
        "left limit H0(t-) = cumsum(h0) - h0; the stored values are statsmodels' values plus the "
        "jump at t (checked)."
    )

    times, cond_after = SURVIVAL_SETTINGS[key]
    X5 = X[PRED_ROWS]
    lp = X5 @ beta
    surv = np.exp(-np.outer(np.exp(lp), step_eval(times_ev, H, np.asarray(times))))
    payload["predictions"] = {
        "rows": PRED_ROWS,
        "times": times,
        "linear_predictor": list(lp),
        "survival_step": surv.tolist(),
        "conditional_after": cond_after,
        "conditional_survival_step": conditional_step(times_ev, H, lp, times, cond_after).tolist(),
        "conditional_survival_step_note": CONDITIONAL_STEP_NOTE,
        "layout": "survival_step[i][j] = S(times[j] | row rows[i]); linear_predictor = x.b",
        "survival_note": "computed by this script from statsmodels' b and the baseline above: "
        "exp(-H0(t) * exp(x.b)) with H0 the right-continuous step function (0 before the first "
        "event time)",
    }
    out = f"cox_{key}_{ties}_statsmodels.json"
    path = write_json(out, payload)
    record(path, f"cox {ties} statsmodels n={len(T)} d={int(E.sum())}", f"|score|={g:.1e}")


# ----------------------------------------------------------------------------
# Weibull AFT
# ----------------------------------------------------------------------------

def weibull_loglik(theta, X, logT, E, w=None):
    """Full Weibull AFT log-likelihood, gradient and Hessian, with optional case weights w.

    theta = (b, a): log(lambda_i) = X_i.b, rho = exp(a).
    LL = sum_i w_i [E_i (a - logT_i + rho*u_i) - exp(rho*u_i)],  u_i = logT_i - X_i.b
    (w = 1 when None: multiplying by 1.0 is exact, so unweighted values are unchanged).
    """
    w = 1.0 if w is None else w
    b, a = theta[:-1], theta[-1]
    rho = math.exp(a)
    u = logT - X @ b
    ru = rho * u
    H = np.exp(ru)
    ll = float(np.sum(w * (E * (a - logT + ru) - H)))
    g_b = rho * (X.T @ (w * (H - E)))
    g_a = float(np.sum(w * (E * (1.0 + ru) - ru * H)))
    hbb = -(rho ** 2) * (X.T * (w * H)) @ X
    hba = rho * (X.T @ (w * (H - E + ru * H)))
    haa = float(np.sum(w * (ru * (E - H) - ru * ru * H)))
    k = len(theta)
    hess = np.empty((k, k))
    hess[:-1, :-1] = hbb
    hess[:-1, -1] = hba
    hess[-1, :-1] = hba
    hess[-1, -1] = haa
    return ll, np.append(g_b, g_a), hess


def check_weibull_derivatives(X, logT, E, theta):
    """Central-difference check of the analytic gradient and Hessian (self-test)."""
    _, g, h = weibull_loglik(theta, X, logT, E)
    eps = 1e-6
    for i in range(len(theta)):
        d = np.zeros_like(theta)
        d[i] = eps
        lp, gp, _ = weibull_loglik(theta + d, X, logT, E)
        lm, gm, _ = weibull_loglik(theta - d, X, logT, E)
        assert abs((lp - lm) / (2 * eps) - g[i]) < 1e-5 * max(1.0, abs(g[i])), ("grad", i)
        assert np.allclose((gp - gm) / (2 * eps), h[:, i], rtol=1e-5, atol=1e-4), ("hess", i)


def fit_weibull(dataset, covariates, duration, event, key):
    df = read_csv(dataset)
    data = df[[duration, event] + covariates].astype(float)
    T = data[duration].to_numpy()
    E = data[event].to_numpy()
    logT = np.log(T)
    Xd = np.column_stack([np.ones(len(T)), data[covariates].to_numpy()])
    names = ["Intercept"] + covariates

    wf = WeibullAFTFitter()
    wf.fit(data, duration_col=duration, event_col=event, fit_options=dict(WEIBULL_FIT_OPTIONS))

    def theta_of(fitter):
        lam = fitter.params_.loc["lambda_"]
        return np.append(lam.loc[names].to_numpy(), fitter.params_.loc[("rho_", "Intercept")])

    theta0 = theta_of(wf)
    ll0, g0, _ = weibull_loglik(theta0, Xd, logT, E)
    assert abs(ll0 - wf.log_likelihood_) < 1e-9 * abs(ll0), (ll0, wf.log_likelihood_)
    grad_lifelines = max_abs(g0)
    check_weibull_derivatives(Xd, logT, E, theta0 + 0.01)

    theta = theta0.copy()
    newton_steps = 0
    for _ in range(50):
        ll, g, h = weibull_loglik(theta, Xd, logT, E)
        if max_abs(g) < 1e-10:
            break
        step = np.linalg.solve(h, g)
        theta = theta - step
        newton_steps += 1
    ll, g, h = weibull_loglik(theta, Xd, logT, E)
    g_polished = max_abs(g)
    assert g_polished < 1e-9, (dataset, g_polished)
    se_analytic = np.sqrt(np.diag(np.linalg.inv(-h)))

    # refit lifelines from the polished point so all outputs are lifelines' own numbers
    order = list(wf.params_.index)
    polished = {("lambda_", n): v for n, v in zip(names, theta[:-1])}
    polished[("rho_", "Intercept")] = theta[-1]
    start = np.array([polished[ix] for ix in order]) * wf._norm_std.loc[order].to_numpy()
    wf2 = WeibullAFTFitter()
    wf2.fit(data, duration_col=duration, event_col=event, initial_point=start,
            fit_options=dict(WEIBULL_FIT_OPTIONS))
    theta2 = theta_of(wf2)
    assert np.allclose(theta2, theta, rtol=1e-13, atol=1e-15), (theta2 - theta)
    ll2, g2, _ = weibull_loglik(theta2, Xd, logT, E)
    g_final = max_abs(g2)
    assert g_final < GRADIENT_LIMIT, (dataset, g_final)
    assert abs(ll2 - wf2.log_likelihood_) < 1e-12 * abs(ll2), (ll2, wf2.log_likelihood_)
    se_l = wf2.standard_errors_
    se_lam = se_l.loc["lambda_"].loc[names].to_numpy()
    se_rho = float(se_l.loc[("rho_", "Intercept")])
    se_all = np.append(se_lam, se_rho)
    se_rel = max_abs((se_all - se_analytic) / se_analytic)
    assert se_rel < 1e-8, (dataset, se_rel)

    times, cond_after = SURVIVAL_SETTINGS[key]
    X5 = data.iloc[PRED_ROWS][covariates]
    sf = wf2.predict_survival_function(X5, times=times)
    med = wf2.predict_median(X5)
    sf_c = wf2.predict_survival_function(X5, times=times, conditional_after=cond_after)
    med_c = wf2.predict_median(X5, conditional_after=cond_after)
    lp = Xd[PRED_ROWS] @ theta2[:-1]

    reference = {
        "package": "lifelines",
        "version": lifelines.__version__,
        "call": "lifelines.WeibullAFTFitter().fit(df, duration_col=%r, event_col=%r, "
        "fit_options=%s), polished by Newton steps (analytic gradient/Hessian), then refitted "
        "with initial_point = polished optimum"
        % (duration, event, json.dumps(WEIBULL_FIT_OPTIONS, sort_keys=True)),
    }
    payload = {
        "model": "weibull",
        "reference": reference,
        "dataset": dataset,
        "covariates": covariates,
        "duration": duration,
        "event": event,
        "n_obs": int(len(T)),
        "n_events": int(E.sum()),
        "parametrisation": "lambda_i = exp(Intercept + x_i.b), rho = exp(log_rho), "
        "S(t|x) = exp(-(t/lambda)^rho), h(t|x) = (rho/lambda) (t/lambda)^(rho-1). "
        "lifelines: lambda_ coefficients = coefficients, rho_ Intercept = log_rho.",
        "coefficients": dict(zip(names, theta2[:-1])),
        "log_rho": float(theta2[-1]),
        "standard_errors": {**dict(zip(names, se_lam)), "log_rho": se_rho},
        "log_likelihood": float(wf2.log_likelihood_),
        "log_likelihood_note": "full log-likelihood sum_i [E_i log f(T_i) + (1-E_i) log S(T_i)] "
        "including the -log(T_i) terms of the density",
        "max_abs_gradient": g_final,
        "max_abs_gradient_note": "max |d LL / d(Intercept, b, log_rho)| at the stored values, "
        "analytic, on the full (sum) log-likelihood",
        "convergence": {
            "lifelines_fit_max_abs_gradient": grad_lifelines,
            "newton_polish_steps": newton_steps,
            "polished_max_abs_gradient": g_polished,
            "standard_errors_max_rel_diff_vs_analytic_hessian": se_rel,
        },
        "concordance": float(wf2.concordance_index_),
        "concordance_call": "WeibullAFTFitter.concordance_index_ = "
        "lifelines.utils.concordance_index(T, predict_median(df), E)",
        "predictions": {
            "rows": PRED_ROWS,
            "times": times,
            "linear_predictor": list(lp),
            "survival": sf.to_numpy().T.tolist(),
            "median": list(np.asarray(med, dtype=float)),
            "conditional_after": cond_after,
            "conditional_survival": sf_c.to_numpy().T.tolist(),
            "conditional_median": list(np.asarray(med_c, dtype=float)),
            "layout": "survival[i][j] = S(times[j] | row rows[i]); linear_predictor = log(lambda_i)",
            "median_note": "lifelines predict_median (closed form lambda * ln(2)^(1/rho))",
            "conditional_note": WEIBULL_CONDITIONAL_NOTE,
        },
    }
    # sanity: closed form predictions
    lam = np.exp(lp)
    rho = math.exp(theta2[-1])
    S = np.exp(-np.power(np.outer(1.0 / lam, times), rho))
    assert np.allclose(S, sf.to_numpy().T, rtol=1e-12, atol=1e-300)
    out = f"weibull_{key}_lifelines.json"
    path = write_json(out, payload)
    record(path, f"weibull n={len(T)} d={int(E.sum())} polish={newton_steps}",
           f"|grad| {grad_lifelines:.1e} -> {g_final:.1e}")


# ----------------------------------------------------------------------------
# Kaplan-Meier
# ----------------------------------------------------------------------------

def fit_km(dataset, duration, event, key):
    df = read_csv(dataset)
    T = df[duration].astype(float)
    E = df[event].astype(int)
    km = KaplanMeierFitter().fit(T, E)
    et = km.event_table
    sf = km.survival_function_.iloc[:, 0]
    assert np.array_equal(et.index.to_numpy(), sf.index.to_numpy())
    # independent product-limit check
    s = np.cumprod(1.0 - et["observed"].to_numpy() / et["at_risk"].to_numpy())
    assert np.allclose(s, sf.to_numpy(), rtol=1e-14, atol=0)
    payload = {
        "model": "kaplan_meier",
        "reference": {
            "package": "lifelines",
            "version": lifelines.__version__,
            "call": "lifelines.KaplanMeierFitter().fit(durations=df[%r], event_observed=df[%r])"
            % (duration, event),
        },
        "dataset": dataset,
        "duration": duration,
        "event": event,
        "n_obs": int(len(T)),
        "n_events": int(E.sum()),
        "timeline": list(et.index.to_numpy(dtype=float)),
        "survival": list(sf.to_numpy()),
        "at_risk": [int(v) for v in et["at_risk"]],
        "events": [int(v) for v in et["observed"]],
        "censored": [int(v) for v in et["censored"]],
        "median_survival_time": float(km.median_survival_time_),
        "note": "lifelines event_table rows: t = 0 first (at_risk = n, survival = 1), then every "
        "distinct observed duration (event or censoring). survival is right-continuous "
        "S(t) = prod_{s <= t} (1 - events_s / at_risk_s); lifelines evaluates it as "
        "exp(cumsum(log(1 - events/at_risk))), which differs from the direct product by a few "
        "ulps (checked < 1e-14 relative). median_survival_time: first t with "
        "S(t) <= 0.5, null if never reached (lifelines inf).",
    }
    out = f"kaplan_meier_{key}_lifelines.json"
    path = write_json(out, payload)
    record(path, f"kaplan_meier n={len(T)} steps={len(et)}", f"median={km.median_survival_time_}")


# ----------------------------------------------------------------------------

def main() -> None:
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    info = build_datasets()

    print("datasets:")
    for k, v in info.items():
        print(f"  {k:34s} {v}")
    print(
        f"  ibm_ar_surv: kept InvoiceDate < {AS_OF.date()} -> {info['ibm_ar_surv.csv']} rows "
        f"({info['ibm_ar_surv_events']} settled, {info['ibm_ar_surv_censored']} censored, "
        f"{info['ibm_ar_surv_dropped_after_asof']} later invoices left out); "
        f"{info['ibm_ar_surv_zero_durations']} same-day settlements (duration 0) set to "
        f"{ZERO_DURATION_REPLACEMENT} day; min duration {info['ibm_ar_surv_min_duration']}"
    )

    ibm_cov = ["log_amount", "disputed", "paperless",
               "country_406", "country_770", "country_818", "country_897"]
    rossi_cov = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]
    lung_cov = ["age", "sex", "ph_ecog", "ph_karno", "wt_loss"]

    fit_logistic("spector.csv", "GRADE", ["GPA", "TUCE", "PSI"], "logistic_spector_statsmodels.json")
    fit_logistic("ibm_ar_logit.csv", "late", ibm_cov, "logistic_ibm_ar_logit_statsmodels.json")
    fit_logistic_weighted("spector.csv", "GRADE", ["GPA", "TUCE", "PSI"],
                          "logistic_spector_weighted_statsmodels.json")

    surv_sets = [
        ("rossi.csv", rossi_cov, "week", "arrest", "rossi"),
        ("lung.csv", lung_cov, "time", "status", "lung"),
        ("ibm_ar_surv.csv", ibm_cov, "duration", "event", "ibm_ar_surv"),
    ]
    for dataset, cov, dur, ev, key in surv_sets:
        beta = fit_cox_lifelines(dataset, cov, dur, ev, key)
        fit_cox_statsmodels(dataset, cov, dur, ev, key, "efron", lifelines_beta=beta)
        fit_cox_statsmodels(dataset, cov, dur, ev, key, "breslow")
    for dataset, cov, dur, ev, key in surv_sets:
        fit_weibull(dataset, cov, dur, ev, key)

    fit_km("rossi.csv", "week", "arrest", "rossi")
    fit_km("lung.csv", "time", "status", "lung")

    # The fitters' numeric edge cases (weight-0 rows, shifted columns, monotone likelihood)
    # the mixture-cure model and the log-odds shifts: scripts/golden/edge_cases.py, cure.py,
    # logit_shift.py and logit_group_shift.py.
    import cure
    import edge_cases
    import logit_group_shift
    import logit_shift

    edge_cases.main()
    cure.main()
    logit_shift.main()
    logit_group_shift.main()

    print("\ngolden files written to", GOLDEN_DIR.relative_to(ROOT))
    w = max(len(n) for n, _, _ in SUMMARY)
    for name, what, conv in SUMMARY:
        print(f"  {name:{w}s}  {what:42s}  {conv}")


if __name__ == "__main__":
    main()
