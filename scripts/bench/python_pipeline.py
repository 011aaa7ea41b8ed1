#!/usr/bin/env python3
"""The creditrisk train + score job in pandas + statsmodels + lifelines, timed stage by stage.

Reads a history (and customers) CSV made by `creditrisk simulate`, builds point-in-time
features like creditrisk's (pandas sort/groupby/cumsum and merge_asof, so every feature of
an invoice uses only events dated strictly before its issue date), fits a logistic
delinquency model (statsmodels Logit), Cox PH (lifelines CoxPHFitter, Efron ties) and
Weibull AFT (lifelines WeibullAFTFitter), scores the invoices open at the as-of date and
writes invoices.csv and customers.csv. Prints each stage's time, the peak RSS, and the
ratio to `creditrisk train` + `creditrisk score` run on the same files.

    python3 scripts/bench/python_pipeline.py --history H.csv --customers C.csv \
        [--creditrisk .build/release/creditrisk] [--out DIR]
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import statsmodels.api as sm
from lifelines import CoxPHFitter, WeibullAFTFitter

LATE_DAYS = 30
SHRINKAGE = 5.0
HORIZON = 730.0
NUMERIC = [
    "log_amount", "terms_30", "disputed", "paperless", "log_prior_invoices",
    "prior_late_rate", "prior_mean_days_late", "log_days_since_late", "log_open_balance",
    "log_overdue_balance", "utilisation", "has_credit_limit", "log_tenure",
]


class Stages:
    """Wall time per named stage."""

    def __init__(self):
        self.times = {}
        self.mark = time.perf_counter()

    def lap(self, name):
        now = time.perf_counter()
        self.times[name] = self.times.get(name, 0.0) + now - self.mark
        self.mark = now


def read(history_path, customers_path):
    h = pd.read_csv(
        history_path, parse_dates=["issue_date", "due_date", "paid_date"],
        keep_default_na=False, na_values={"paid_date": [""]},
        dtype={"invoice_id": str, "customer_id": str, "region": str, "industry": str})
    for col in ["disputed", "paperless", "written_off"]:
        h[col] = h[col].astype(str).str.lower().isin(["true", "1", "yes"])
    c = pd.read_csv(
        customers_path, parse_dates=["customer_since"], keep_default_na=False,
        na_values={"credit_limit": [""], "customer_since": [""]},
        dtype={"customer_id": str, "region": str, "industry": str})
    h = h.merge(
        c[["customer_id", "credit_limit", "customer_since"]], on="customer_id", how="left")
    as_of = max(h["issue_date"].max(), h["paid_date"].max())
    return h, as_of


def events(h, as_of):
    """Dated events (issued, overdue, late, paid, known on time) with their effects."""
    paid = h["paid_date"].where(h["paid_date"] <= as_of)
    due = h["due_date"]
    late_day = due + pd.Timedelta(days=LATE_DAYS + 1)
    overdue_day = due + pd.Timedelta(days=1)
    base = pd.DataFrame({"customer_id": h["customer_id"], "amount": h["amount"]})
    days_late = (paid - due).dt.days.clip(lower=0)
    parts = []
    e = base.assign(date=h["issue_date"], issued=1, open=h["amount"])
    parts.append(e)
    m = (paid.isna() | (paid > due)) & (overdue_day <= as_of)
    parts.append(base[m].assign(date=overdue_day[m], overdue=h["amount"][m]))
    m = (h["amount"] > 0) & (paid.isna() | (paid > due + pd.Timedelta(days=LATE_DAYS))) & (
        late_day <= as_of)
    parts.append(base[m].assign(date=late_day[m], known=1, late=1))
    m = paid.notna()
    track = h["amount"] > 0
    p = base[m].assign(
        date=paid[m], open=-h["amount"][m],
        overdue=np.where(days_late[m] > 0, -h["amount"][m], 0.0),
        npaid=np.where(track[m], 1, 0),
        days_late=np.where(track[m], days_late[m].clip(upper=365), 0.0))
    parts.append(p)
    m = paid.notna() & track & (paid <= due + pd.Timedelta(days=LATE_DAYS))
    parts.append(base[m].assign(date=paid[m], known=1))
    ev = pd.concat(parts, ignore_index=True).fillna(0.0)
    ev["late_date"] = ev["date"].where(ev["late"] > 0)
    return ev


def features(h, ev, as_of, queries):
    """Point-in-time features of `queries` (customer_id, date, amount, terms, flags, limit)."""
    ev = ev.sort_values(["date"], kind="stable")
    cols = ["issued", "open", "overdue", "known", "late", "npaid", "days_late"]
    state = ev.groupby("customer_id")[cols].cumsum()
    state["last_late"] = ev.groupby("customer_id")["late_date"].cummax()
    state["customer_id"] = ev["customer_id"]
    # The state after all events strictly before the query date: shift the date by one day
    # and keep the last event on or before (date - 1).
    state["date"] = ev["date"] + pd.Timedelta(days=1)
    state = state.groupby(["customer_id", "date"], sort=False).tail(1).sort_values("date")
    q = queries.reset_index(drop=True).assign(_row=lambda d: np.arange(len(d)))
    q = q.sort_values("date", kind="stable")
    merged = pd.merge_asof(
        q, state, on="date", by="customer_id", direction="backward",
        allow_exact_matches=True)
    # Population rates among outcomes known before the date.
    pop = ev[["date", "known", "late", "npaid", "days_late"]].groupby("date").sum().cumsum()
    pop.index = pop.index + pd.Timedelta(days=1)
    pop = pop.reset_index()
    merged = pd.merge_asof(
        merged, pop.rename(columns=lambda c: "pop_" + c if c != "date" else c), on="date",
        direction="backward")
    merged = merged.sort_values("_row").fillna(
        {c: 0.0 for c in cols + ["pop_known", "pop_late", "pop_npaid", "pop_days_late"]})
    pop_rate = (merged["pop_late"] + 1) / (merged["pop_known"] + 2)
    pop_mean = np.where(
        merged["pop_npaid"] > 0, merged["pop_days_late"] / merged["pop_npaid"].clip(lower=1), 0)
    f = pd.DataFrame(index=merged.index)
    f["log_amount"] = np.log1p(merged["amount"].clip(lower=0))
    f["terms_30"] = merged["terms"] / 30
    f["disputed"] = merged["disputed"].astype(float)
    f["paperless"] = merged["paperless"].astype(float)
    f["log_prior_invoices"] = np.log1p(merged["issued"])
    f["prior_late_rate"] = (merged["late"] + SHRINKAGE * pop_rate) / (merged["known"] + SHRINKAGE)
    f["prior_mean_days_late"] = (merged["days_late"] + SHRINKAGE * pop_mean) / (
        merged["npaid"] + SHRINKAGE)
    since_late = (merged["date"] - merged["last_late"]).dt.days.clip(upper=HORIZON)
    f["log_days_since_late"] = np.log1p(since_late.fillna(HORIZON).clip(lower=0))
    open_ = merged["open"].clip(lower=0)
    f["log_open_balance"] = np.log1p(open_)
    f["log_overdue_balance"] = np.log1p(merged["overdue"].clip(lower=0))
    limit = merged["credit_limit"].fillna(0)
    f["utilisation"] = np.where(limit > 0, (open_ / limit.where(limit > 0, 1)).clip(upper=5), 0)
    f["has_credit_limit"] = (limit > 0).astype(float)
    tenure = (merged["date"] - merged["customer_since"]).dt.days.clip(lower=0).fillna(0)
    f["log_tenure"] = np.log1p(tenure.clip(upper=10 * HORIZON))
    return f


def design(f, regions, industries, spec=None):
    """Standardised numeric columns plus one-hot region and industry (baseline dropped)."""
    if spec is None:
        keep = [c for c in NUMERIC if f[c].var() > 1e-12 * max(1, f[c].mean() ** 2)]
        spec = {
            "keep": keep, "mean": f[keep].mean(), "sd": f[keep].std(),
            "regions": sorted(regions.value_counts().index[1:]),
            "industries": sorted(industries.value_counts().index[1:]),
        }
    x = (f[spec["keep"]] - spec["mean"]) / spec["sd"]
    for level in spec["regions"]:
        x["region=" + level] = (regions.values == level).astype(float)
    for level in spec["industries"]:
        x["industry=" + level] = (industries.values == level).astype(float)
    return x, spec


def queries_of(h):
    return pd.DataFrame({
        "customer_id": h["customer_id"].values, "date": h["issue_date"].values,
        "amount": h["amount"].values,
        "terms": (h["due_date"] - h["issue_date"]).dt.days.values,
        "disputed": h["disputed"].values, "paperless": h["paperless"].values,
        "credit_limit": h["credit_limit"].values, "customer_since": h["customer_since"].values,
    })


def run(history, customers, out):
    s = Stages()
    h, as_of = read(history, customers)
    s.lap("read")

    train = h[(h["issue_date"] <= as_of) & (h["amount"] > 0)].reset_index(drop=True)
    ev = events(h[h["issue_date"] <= as_of], as_of)
    f = features(h, ev, as_of, queries_of(train))
    x, spec = design(f, train["region"], train["industry"])
    paid = train["paid_date"].where(train["paid_date"] <= as_of)
    end = paid.fillna(as_of)
    duration = (end - train["issue_date"]).dt.days.astype(float)
    event = paid.notna()
    days_past_due = (end - train["due_date"]).dt.days
    late = np.where(days_past_due > LATE_DAYS, 1.0, np.where(event, 0.0, np.nan))
    s.lap("features")

    labelled = ~np.isnan(late)
    logit = sm.Logit(late[labelled], sm.add_constant(x[labelled])).fit(disp=0)
    s.lap("fit logistic")

    data = x.assign(duration=duration.clip(lower=0.5), event=event.astype(int))
    weibull = WeibullAFTFitter().fit(data, "duration", "event")
    s.lap("fit Weibull")

    data["duration"] = duration
    cox = CoxPHFitter().fit(data, "duration", "event")
    s.lap("fit Cox")

    open_rows = h[(h["issue_date"] <= as_of) & h["paid_date"].isna() & ~h["written_off"]
                  & (h["amount"] > 0)].reset_index(drop=True)
    fo = features(h, ev, as_of, queries_of(open_rows))
    xo, _ = design(fo, open_rows["region"], open_rows["industry"], spec)
    pd_issue = logit.predict(sm.add_constant(xo, has_constant="add"))
    age = (as_of - open_rows["issue_date"]).dt.days.astype(float).values
    # Weibull AFT in lifelines' parametrisation: S(t) = exp(-(t / lambda)^rho).
    params = weibull.params_
    rho = np.exp(params["rho_"]["Intercept"])
    beta = params["lambda_"]
    log_lambda = beta["Intercept"] + xo[beta.index.drop("Intercept")].values @ beta.drop(
        "Intercept").values
    lam = np.exp(log_lambda)
    s_age = np.exp(-(age / lam) ** rho)
    s_30 = np.exp(-((age + 30) / lam) ** rho)
    p_paid_30 = 1 - s_30 / np.maximum(s_age, 1e-300)
    median_age = lam * ((age / lam) ** rho + np.log(2)) ** (1 / rho)
    dpd = (as_of - open_rows["due_date"]).dt.days
    pd_now = np.where(dpd > LATE_DAYS, 1.0, np.minimum(1.0, pd_issue.values / np.maximum(
        s_age, 1e-12)))
    scored = pd.DataFrame({
        "invoice_id": open_rows["invoice_id"], "customer_id": open_rows["customer_id"],
        "amount": open_rows["amount"], "due_date": open_rows["due_date"].dt.strftime("%Y-%m-%d"),
        "days_past_due": dpd, "pd": pd_now,
        "expected_payment_date": (open_rows["issue_date"] + pd.to_timedelta(
            np.ceil(np.maximum(median_age, age + 1)), unit="D")).dt.strftime("%Y-%m-%d"),
        "p_paid_30d": p_paid_30,
        "cox_partial_hazard": cox.predict_partial_hazard(xo).values,
    })
    cust = scored.groupby("customer_id").agg(
        open_balance=("amount", "sum"), pd=("pd", "mean"),
        overdue_balance=("amount", lambda a: a[scored.loc[a.index, "days_past_due"] > 0].sum()))
    s.lap("score")

    os.makedirs(out, exist_ok=True)
    scored.to_csv(os.path.join(out, "invoices.csv"), index=False, float_format="%.6f")
    cust.to_csv(os.path.join(out, "customers.csv"), float_format="%.2f")
    s.lap("write")
    return s.times, len(train), len(open_rows)


def creditrisk_seconds(binary, history, customers):
    """Wall seconds of `creditrisk train` + `creditrisk score` on the same files."""
    # The simulator writes fx-rates.csv beside the history (its currencies share one scale).
    rates = os.path.join(os.path.dirname(history), "fx-rates.csv")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        for args in (
            ["train", "--history", history, "--customers", customers, "--fx", rates,
             "--model", tmp + "/m.json"],
            ["score", "--model", tmp + "/m.json", "--history", history, "--customers",
             customers, "--fx", rates, "--out", tmp + "/out"],
        ):
            subprocess.run([binary] + args, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--history", required=True)
    ap.add_argument("--customers", required=True)
    ap.add_argument("--out", default=None, help="output folder (default: a temporary one)")
    ap.add_argument("--creditrisk", default=".build/release/creditrisk",
                    help="creditrisk binary to compare with (skipped if missing)")
    a = ap.parse_args()
    out = a.out or tempfile.mkdtemp(prefix="python-pipeline-")
    t0 = time.perf_counter()
    times, n, n_open = run(a.history, a.customers, out)
    total = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    import lifelines
    import statsmodels
    print(f"pandas {pd.__version__} + statsmodels {statsmodels.__version__} + lifelines "
          f"{lifelines.__version__}: {n} training invoices, {n_open} open")
    for name, sec in times.items():
        print(f"  {name:<14}{sec:9.2f} s")
    print(f"  {'total':<14}{total:9.2f} s   peak RSS {rss:.0f} MiB")
    if os.path.exists(a.creditrisk):
        cr = creditrisk_seconds(a.creditrisk, a.history, a.customers)
        print(f"creditrisk train + score: {cr:.2f} s; python / creditrisk = {total / cr:.1f}x")
    else:
        print(f"({a.creditrisk} not found: no comparison)")


if __name__ == "__main__":
    sys.exit(main())
