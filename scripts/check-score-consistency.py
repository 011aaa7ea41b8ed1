#!/usr/bin/env python3
"""Check that the eight CSV files of `creditrisk score` agree with each other and the history.

Run it on the inputs of a score run and the run's --out folder:

    creditrisk simulate --customers 300 --invoices 12000 --seed 3 --out book
    creditrisk train --history book/history.csv --customers book/customers.csv \
        --fx book/fx-rates.csv --model book/model.json
    creditrisk score --model book/model.json --history book/history.csv \
        --customers book/customers.csv --fx book/fx-rates.csv \
        --promises book/promises.csv --disputes book/disputes.csv --out book/out
    python3 scripts/check-score-consistency.py --history book/history.csv \
        --customers book/customers.csv --fx book/fx-rates.csv \
        --promises book/promises.csv --disputes book/disputes.csv --out book/out

Give the same --promises and --disputes as the score run (or neither), --policy and
--ladder when the run had them (the defaults are read from `--binary`, by default this
repository's .build/release/creditrisk), --late-days when the model was trained with another
and --cost-of-capital when score had one. The history may use the IBM sample's column names
(customerID, InvoiceDate, SettledDate, ...), M/D/YYYY dates and an open_amount column.
Standard library only. Prints each violated invariant (at most --show of each kind) and a
count per kind; exits 1 when any invariant fails.

What it checks, against the history and the README's rules:
- invoices.csv: exactly the open invoices with a positive amount (not paid by the as-of
  date, not written off, not settled without a date); customer, amount owed, due date and
  days past due; probabilities in [0, 1], pd 1 exactly when more than the late days past
  due; p_paid_30d <= p_paid_ever; p10 <= expected <= p90, all after the as-of date; grade
  by pd; expected_payment_basis by p_paid_ever.
- customers.csv: the listed customers (open items or activity within activityLookbackDays);
  open and overdue balances (credit notes included); grade and score by pd; reasons that
  quote counts and amounts (late invoices, invoices issued, paid invoices, limit use,
  overdue, last late payment) against the history; promises matured and kept, and the
  "Kept k of n" reason.
- aging.csv: buckets by days past due, totals equal to customers.csv's open balance.
- credit_limits.csv: current limit, holds (a limit of 0 is no limit to use up), the
  recommended limit (volume, grade factor, caps, rounding, no rise on hold) and the action.
- worklist.csv: open invoices only; amount at risk, customer amount at risk and
  expected_loss by the README's formulas; ranks, customers together by amount at risk,
  their invoices most overdue first; the action and date by the ladder (a passed pre-due
  rung gives the next rung on its date), disputes and promises (a broken promise one rung
  above the ladder's own next action); every invoice due an action within 7 days listed.
- cash_forecast.csv: 13 weeks from the day after the as-of date, 0 <= p10 <= expected <=
  p90, the 13 weeks' expected at most the open amount and Σ amount × p_paid_ever, weeks 1-4
  at most and weeks 1-5 at least Σ amount × p_paid_30d.
- payment_plans.csv and discount_offers.csv: who gets a plan, its instalments and dates;
  each offer's saving, cost and net value.
"""

import argparse
import bisect
import collections
import csv
import datetime as dt
import json
import math
import os
import re
import subprocess
import sys

ALIASES = {
    "invoice_id": ["invoice_id", "invoicenumber"],
    "customer_id": ["customer_id", "customerid"],
    "issue_date": ["issue_date", "invoicedate"],
    "due_date": ["due_date", "duedate"],
    "amount": ["amount", "invoiceamount"],
    "paid_date": ["paid_date", "settleddate"],
    "currency": ["currency"],
    "disputed": ["disputed"],
    "written_off": ["written_off"],
    "credit_limit": ["credit_limit"],
    "open_amount": ["open_amount", "amount_due", "open_balance", "amount_remaining"],
}
TRUE = {"1", "true", "yes", "y", "x"}
BUCKETS = ["current", "d1_30", "d31_60", "d61_90", "d91_120", "d120_plus"]


def key(name):
    return re.sub(r"[^a-z0-9]", "", name.lower())


def parse_date(text):
    text = text.strip()
    if not text:
        return None
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text[:10])
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", text)
    if m:
        return dt.date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    raise ValueError("unknown date " + text)


def read_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def unguard(text):
    """A text cell as it was before the outputs' `'` in front of a formula-like start."""
    return text[1:] if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r" else text


def read_output(path):
    """An output file's rows, ids without the spreadsheet guard."""
    rows = read_rows(path)
    for r in rows:
        for col in ("customer_id", "invoice_id"):
            if col in r:
                r[col] = unguard(r[col])
    return rows


def column(header, canonical):
    names = {key(h): h for h in header}
    for alias in ALIASES[canonical]:
        if key(alias) in names:
            return names[key(alias)]
    return None


class Invoice:
    __slots__ = ("id", "customer", "issue", "due", "amount", "paid", "currency",
                 "disputed", "written_off", "limit", "open", "owed")


def read_history(path, fx):
    rows = read_rows(path)
    header = rows[0].keys() if rows else []
    col = {c: column(header, c) for c in ALIASES}
    out = []
    for r in rows:
        inv = Invoice()
        inv.id = r[col["invoice_id"]]
        inv.customer = r[col["customer_id"]]
        inv.issue = parse_date(r[col["issue_date"]])
        inv.due = parse_date(r[col["due_date"]])
        inv.currency = r[col["currency"]] if col["currency"] else ""
        rate = fx_rate(fx, inv.currency, inv.issue)
        inv.amount = float(r[col["amount"]]) * rate
        inv.paid = parse_date(r[col["paid_date"]] or "")
        inv.disputed = bool(col["disputed"]) and r[col["disputed"]].strip().lower() in TRUE
        inv.written_off = (bool(col["written_off"])
                           and r[col["written_off"]].strip().lower() in TRUE)
        lim = r[col["credit_limit"]] if col["credit_limit"] else ""
        inv.limit = float(lim) * rate if lim.strip() else None
        owed = r[col["open_amount"]].strip() if col["open_amount"] else ""
        inv.open = float(owed) * rate if owed else None
        inv.owed = inv.amount
        out.append(inv)
    return out


def apply_open_amounts(hist, as_of):
    """The export's open amounts: what an open invoice owes, from the file's date on.

    The file's date is its latest issue or payment date; before it the open amounts are not
    used and an open invoice owes its amount. An invoice owing 0 was settled without a date.
    """
    if all(i.open is None for i in hist):
        return hist, set()
    date = max(max(i.issue for i in hist), max((i.paid for i in hist if i.paid), default=dt.date.min))
    settled = set()
    for i in hist:
        if as_of >= date and i.open is not None and (i.paid is None or i.paid > as_of):
            if i.open == 0 and i.amount > 0:
                settled.add(i.id)
            i.owed = i.open
    return hist, settled


def read_fx(path):
    if not path:
        return {}
    rates = collections.defaultdict(list)
    for r in read_rows(path):
        when = parse_date(r.get("date", "") or "") or dt.date.min
        rates[r["currency"]].append((when, float(r["rate"])))
    return {c: sorted(v) for c, v in rates.items()}


def fx_rate(fx, currency, day):
    if not fx or currency not in fx:
        return 1.0
    table = fx[currency]
    i = bisect.bisect_right([d for d, _ in table], day) - 1
    return table[max(i, 0)][1]


def money(text):
    return float(text) if text.strip() else None


class Checker:
    def __init__(self, show):
        self.show = show
        self.counts = collections.Counter()

    def fail(self, kind, message):
        self.counts[kind] += 1
        if self.counts[kind] <= self.show:
            print(f"FAIL {kind}: {message}")

    def check(self, ok, kind, message):
        if not ok:
            self.fail(kind, message)


def load_policy(binary, policy, ladder):
    """The defaults (`creditrisk policy --defaults`) with the keys the files give."""
    def read(extra, path):
        out = subprocess.run([binary, "policy", "--defaults"] + extra,
                             check=True, capture_output=True, text=True).stdout
        values = json.loads(out)
        if path:
            with open(path) as f:
                given = json.load(f)
            if "gradeLimitFactors" in given:
                given["gradeLimitFactors"] = {**values["gradeLimitFactors"],
                                              **given["gradeLimitFactors"]}
            # Left out, holdGrades holds the file's worst grade, not the default names' E.
            if "gradeNames" in given and "holdGrades" not in given:
                given["holdGrades"] = given["gradeNames"][-1:]
            values.update(given)
        return values
    return read([], policy), read(["--ladder"], ladder)


def grade_of(pd, policy):
    bounds, names = policy["gradeBounds"], policy["gradeNames"]
    return names[bisect.bisect_right(bounds, pd)]


def in_dispute(inv, disputes, as_of):
    """The history's flag, dated by the disputes file when it names the invoice."""
    rows = disputes.get(inv.id)
    if rows is None:
        return inv.disputed
    if any(o <= as_of and (r is None or r > as_of) for o, r in rows):
        return True
    # Resolved by the as-of date, or opened only after it: the flag no longer counts.
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--history", required=True)
    ap.add_argument("--customers")
    ap.add_argument("--fx")
    ap.add_argument("--promises")
    ap.add_argument("--disputes")
    ap.add_argument("--policy")
    ap.add_argument("--ladder")
    ap.add_argument("--out", required=True)
    ap.add_argument("--late-days", type=int, default=30)
    ap.add_argument("--cost-of-capital", type=float, default=8)
    ap.add_argument("--binary", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "creditrisk"))
    ap.add_argument("--show", type=int, default=5)
    a = ap.parse_args()
    c = Checker(a.show)
    policy, ladder = load_policy(a.binary, a.policy, a.ladder)
    fx = read_fx(a.fx)
    hist = read_history(a.history, fx)
    files = {n: read_output(os.path.join(a.out, n + ".csv")) for n in [
        "invoices", "customers", "credit_limits", "worklist", "aging", "cash_forecast"]}
    as_ofs = {r["as_of"] for rows in files.values() for r in rows}
    c.check(len(as_ofs) == 1, "as_of", f"as_of values {sorted(as_ofs)}")
    as_of = parse_date(next(iter(as_ofs)))
    late = a.late_days

    hist, settled = apply_open_amounts(hist, as_of)
    issued = [i for i in hist if i.issue <= as_of]
    is_open = lambda i: ((i.paid is None or i.paid > as_of) and not i.written_off
                         and i.id not in settled)
    open_all = [i for i in issued if is_open(i)]
    open_scored = {i.id: i for i in open_all if i.amount > 0}
    by_customer = collections.defaultdict(list)
    for i in issued:
        by_customer[i.customer].append(i)

    # invoices.csv ----------------------------------------------------------------------
    inv_rows = {r["invoice_id"]: r for r in files["invoices"]}
    c.check(len(inv_rows) == len(files["invoices"]), "invoices.duplicate", "duplicate ids")
    for k in sorted(set(open_scored) - set(inv_rows)):
        c.fail("invoices.missing", k)
    for k in sorted(set(inv_rows) - set(open_scored)):
        c.fail("invoices.extra", k)
    for k, r in inv_rows.items():
        inv = open_scored.get(k)
        if inv is None:
            continue
        dpd = (as_of - inv.due).days
        c.check(r["customer_id"] == inv.customer, "invoices.customer", k)
        c.check(abs(float(r["amount"]) - inv.owed) <= 0.006, "invoices.amount",
                f"{k} {r['amount']} vs {inv.owed:.2f}")
        c.check(parse_date(r["due_date"]) == inv.due, "invoices.due_date", k)
        c.check(int(r["days_past_due"]) == dpd, "invoices.days_past_due",
                f"{k} {r['days_past_due']} vs {dpd}")
        pd, p30, pever = float(r["pd"]), float(r["p_paid_30d"]), float(r["p_paid_ever"])
        for name, p in [("pd", pd), ("p_paid_30d", p30), ("p_paid_ever", pever)]:
            c.check(0 <= p <= 1, "invoices.probability_range", f"{k} {name}={p}")
        if dpd > late:
            c.check(pd == 1, "invoices.pd_known_late", f"{k} dpd {dpd} pd {pd}")
        else:
            c.check(0 < pd < 1, "invoices.pd_not_yet_known", f"{k} dpd {dpd} pd {r['pd']}")
        c.check(p30 <= pever + 1e-6, "invoices.p30_le_pever", f"{k} {p30} > {pever}")
        e, p10, p90 = (parse_date(r[x]) for x in
                       ["expected_payment_date", "payment_date_p10", "payment_date_p90"])
        c.check(p10 <= e <= p90, "invoices.date_order", f"{k} {p10} {e} {p90}")
        c.check(e > as_of, "invoices.expected_after_as_of", f"{k} {e}")
        c.check(p10 > as_of, "invoices.p10_after_as_of", f"{k} {p10}")
        c.check(r["risk_grade"] == grade_of(pd, policy), "invoices.grade",
                f"{k} pd {pd} grade {r['risk_grade']}")
        basis = r["expected_payment_basis"]
        if basis in ("paid_median", "unlikely_to_pay"):
            want = "unlikely_to_pay" if pever < 0.5 else "paid_median"
            c.check(basis == want, "invoices.basis", f"{k} p_paid_ever {pever} basis {basis}")

    # customers.csv and aging.csv -------------------------------------------------------
    cust_rows = {r["customer_id"]: r for r in files["customers"]}
    aging_rows = {r["customer_id"]: r for r in files["aging"]}
    balance = collections.defaultdict(float)
    overdue = collections.defaultdict(float)
    buckets = collections.defaultdict(lambda: [0.0] * 6)
    max_dpd = {}
    for i in open_all:
        dpd = (as_of - i.due).days
        balance[i.customer] += i.owed
        if dpd > 0:
            overdue[i.customer] += i.owed
        b = 0 if dpd <= 0 else min(5, 1 + (dpd - 1) // 30)
        buckets[i.customer][b] += i.owed
        if i.amount > 0:
            max_dpd[i.customer] = max(max_dpd.get(i.customer, dpd), dpd)
    horizon = as_of - dt.timedelta(days=policy["activityLookbackDays"])
    listed = set()
    for cust, invs in by_customer.items():
        active = any(i.issue > horizon or (i.paid and horizon < i.paid <= as_of) for i in invs)
        if any(is_open(i) for i in invs) or active:
            listed.add(cust)
    for k in sorted(listed - set(cust_rows)):
        c.fail("customers.missing", k)
    for k in sorted(set(cust_rows) - listed):
        c.fail("customers.extra", k)
    limits = current_limits(a.customers, hist, fx, as_of)
    base, odds, pdo = policy["scoreBase"], policy["scoreBaseOdds"], policy["pointsToDoubleOdds"]
    for k, r in cust_rows.items():
        ob, od = float(r["open_balance"]), float(r["overdue_balance"])
        c.check(abs(ob - balance[k]) <= 0.011, "customers.open_balance",
                f"{k} {ob} vs {balance[k]:.2f}")
        c.check(abs(od - overdue[k]) <= 0.011, "customers.overdue_balance",
                f"{k} {od} vs {overdue[k]:.2f}")
        pd = float(r["pd"])
        # A pd below 5e-7 is written 0.000000 (6 decimals).
        c.check(0 <= pd < 1, "customers.pd_range", f"{k} {pd}")
        c.check(r["risk_grade"] == grade_of(pd, policy), "customers.grade",
                f"{k} pd {pd} grade {r['risk_grade']}")
        if 0 <= pd < 1:
            # pd has 6 decimals: the score of any pd that rounds to it, the pd taken within
            # [1e-6, 1 - 1e-6] for the points (CreditPolicy.points).
            points = [base + pdo * math.log2((1 - p) / p / odds)
                      for p in (min(max(pd + 5e-7, 1e-6), 1 - 1e-6),
                                min(max(pd - 5e-7, 1e-6), 1 - 1e-6))]
            c.check(points[0] - 0.51 <= int(r["risk_score"]) <= points[1] + 0.51,
                    "customers.score",
                    f"{k} pd {pd} score {r['risk_score']} vs {points[0]:.2f}..{points[1]:.2f}")
        check_reasons(c, k, r, [i for i in by_customer[k] if i.id not in settled], as_of, late,
                      ob, od, limits.get(k))
    distressed = set()
    for k, r in cust_rows.items():
        if "distress" not in r:
            break
        if r["distress"] == "true":
            distressed.add(k)
            c.check(float(r["distress_score"]) >= 2.5 and r["distress_reason"] != "",
                    "customers.distress", f"{k} score {r['distress_score']}")
        c.check((r["distress"] == "") == (r["distress_score"] == ""), "customers.distress_empty",
                k)
    for r in files["worklist"]:
        note = r["reason"].endswith("customer paying slower than its own record (distress)")
        if cust_rows and "distress" in next(iter(cust_rows.values())):
            c.check(note == (r["customer_id"] in distressed), "worklist.distress_note",
                    f"{r['invoice_id']} {r['customer_id']}")
    for k, r in aging_rows.items():
        vals = [float(r[b]) for b in BUCKETS]
        c.check(abs(sum(vals) - float(r["total"])) <= 0.011 * 6, "aging.total_sum",
                f"{k} {sum(vals):.2f} vs {r['total']}")
        for b, v, want in zip(BUCKETS, vals, buckets[k]):
            c.check(abs(v - want) <= 0.011, "aging.bucket", f"{k} {b} {v} vs {want:.2f}")
        if k in cust_rows:
            c.check(abs(float(r["total"]) - float(cust_rows[k]["open_balance"])) <= 0.011,
                    "aging.total_vs_customers", k)
    for k in sorted(set(buckets) - set(aging_rows)):
        c.fail("aging.missing", k)

    # credit_limits.csv -----------------------------------------------------------------
    lim_rows = {r["customer_id"]: r for r in files["credit_limits"]}
    c.check(set(lim_rows) == set(cust_rows), "limits.customers",
            f"{len(set(lim_rows) ^ set(cust_rows))} customers differ from customers.csv")
    volume_from = as_of - dt.timedelta(days=policy["volumeLookbackDays"])
    for k, r in lim_rows.items():
        if k not in cust_rows:
            continue
        cur = money(r["current_limit"])
        want_cur = limits.get(k)
        c.check((cur is None and want_cur is None) or (
            cur is not None and want_cur is not None and abs(cur - want_cur) < 0.006),
            "limits.current", f"{k} {cur} vs {want_cur}")
        ob = float(cust_rows[k]["open_balance"])
        c.check(abs(float(r["open_balance"]) - ob) <= 0.006, "limits.open_balance", k)
        grade = cust_rows[k]["risk_grade"]
        causes = []
        if max_dpd.get(k, -10**9) > policy["holdDaysPastDue"]:
            causes.append("days")
        if grade in policy["holdGrades"]:
            causes.append("grade")
        # A limit of 0 is no limit to use up (CreditLimitRuleTests pins it).
        if cur is not None and cur > 0 and ob > policy["holdUtilisation"] * cur:
            causes.append("utilisation")
        hold = r["hold"] == "true"
        c.check(hold == bool(causes), "limits.hold",
                f"{k} hold {r['hold']} causes {causes} grade {grade} open {ob} limit {cur}"
                f" max dpd {max_dpd.get(k)}")
        rec = float(r["recommended_limit"])
        # Invoices settled without a date are not in the volume (their state is not known).
        vol = sum(max(i.amount, 0) for i in by_customer[k]
                  if i.issue > volume_from and i.id not in settled) / (
            policy["volumeLookbackDays"] / (365 / 12))
        raw = vol * policy["gradeLimitFactors"][grade]
        want = recommended(raw, cur, hold, policy)
        c.check(abs(rec - want) < 0.006, "limits.recommended",
                f"{k} {rec} vs {want:.2f} (raw {raw:.2f}, current {cur}, hold {hold})")
        if hold and cur is not None:
            c.check(rec <= cur + 0.005, "limits.raised_on_hold", f"{k} {rec} > {cur}")
        action = "hold" if hold else ("reduce exposure" if rec < ob else "none")
        c.check(r["action"] == action, "limits.action", f"{k} {r['action']} vs {action}")

    a.loss_given_default = policy.get("lossGivenDefault")
    check_worklist(c, a, files["worklist"], inv_rows, open_scored, open_all, hist, as_of,
                   ladder)
    check_cash(c, files["cash_forecast"], inv_rows, as_of)
    check_promise_records(c, a.promises, cust_rows, hist, as_of)
    for name, rows in files.items():
        check_formats(c, name, rows)
    offers_path = os.path.join(a.out, "discount_offers.csv")
    if os.path.exists(offers_path):
        check_offers(c, read_output(offers_path), a.cost_of_capital / 100)
    plans_path = os.path.join(a.out, "payment_plans.csv")
    if os.path.exists(plans_path):
        check_plans(c, read_output(plans_path), cust_rows, inv_rows, as_of)

    total = sum(c.counts.values())
    for kind, n in sorted(c.counts.items()):
        print(f"{kind}: {n}")
    print(f"{a.out}: {len(inv_rows)} invoices, {len(cust_rows)} customers, "
          f"{len(files['worklist'])} worklist rows; {total} violations")
    sys.exit(1 if total else 0)


def current_limits(customers_path, hist, fx, as_of):
    """The customers file's limit, else the history's latest invoice's (an empty cell: none).

    The latest invoice is the last issued by the as-of date (the last in file order that day).
    """
    out = {}
    latest = {}
    for i in hist:
        if i.issue <= as_of and (i.customer not in latest or i.issue >= latest[i.customer]):
            latest[i.customer] = i.issue
            out[i.customer] = i.limit
    if customers_path:
        for r in read_rows(customers_path):
            lim = r.get("credit_limit", "").strip()
            if lim:
                out[r["customer_id"]] = float(lim)
    return out


def round_limit(x):
    step = 100 if x < 10000 else 1000
    return math.floor(x / step + 0.5) * step


def recommended(raw, cur, hold, policy):
    """The README's limit rule: cap ±50% of a positive current limit, round, no crossing."""
    if cur is None or cur <= 0:
        return round_limit(raw) if not hold or cur is None else min(round_limit(raw), cur)
    lo, hi = cur * (1 - policy["maximumDecrease"]), cur * (1 + policy["maximumIncrease"])
    capped = min(max(raw, lo), hi)
    r = round_limit(capped)
    step = 100 if capped < 10000 else 1000
    if r > hi:
        r -= step
    if r < lo:
        r += step
    if capped < cur < r or capped > cur > r:
        r = cur
    if capped < cur and r > cur:
        r = cur
    if capped > cur and r < cur:
        r = cur
    if hold:
        r = min(r, cur)
    return r


def check_reasons(c, k, r, invs, as_of, late, ob, od, limit):
    reasons = [r[f"reason_{n}"] for n in (1, 2, 3) if r[f"reason_{n}"]]
    late_dates = []
    for i in invs:
        if i.amount <= 0:
            continue
        crossing = i.due + dt.timedelta(days=late + 1)
        if crossing <= as_of and (i.paid is None or i.paid >= crossing):
            late_dates.append(crossing)
    for text in reasons:
        if text.startswith("High open balance") and "lower value" not in text:
            c.check(ob > 0, "reasons.open_balance", f"{k} open {ob}: {text}")
        if text.startswith("Overdue") and "lower value" not in text:
            c.check(od > 0, "reasons.overdue", f"{k} overdue {od}: {text}")
        if text.startswith("Often late") and "lower value" not in text:
            c.check(len(late_dates) > 0, "reasons.often_late", f"{k} never late: {text}")
            m = re.match(r"Often late: (\d+) of (\d+) invoices", text)
            if m:
                c.check(int(m.group(1)) == len(late_dates), "reasons.often_late_count",
                        f"{k} {len(late_dates)} late in history: {text}")
        m = re.match(r"(?:Often|Seldom) late: (\d+) of (\d+) invoices", text)
        if m:
            c.check(int(m.group(1)) == len(late_dates), "reasons.late_count",
                    f"{k} {len(late_dates)} late in history: {text}")
        m = re.match(r"Short invoice history: ([\d,]+) invoices issued", text)
        if m:
            n = int(m.group(1).replace(",", ""))
            c.check(n == len(invs), "reasons.invoice_count", f"{k} {len(invs)} issued: {text}")
        m = re.search(r"over ([\d,]+) paid invoices", text)
        if m:
            n = int(m.group(1).replace(",", ""))
            paid = sum(1 for i in invs if i.amount > 0 and i.paid and i.paid <= as_of)
            c.check(n == paid, "reasons.paid_count", f"{k} {paid} paid: {text}")
        m = re.match(r"High use of credit limit: open balance at ([\d,]+)% of the limit ([\d,]+)",
                     text)
        if m and limit:
            pct = round(100 * max(ob, 0) / limit)
            c.check(abs(int(m.group(1).replace(",", "")) - pct) <= 1, "reasons.limit_use",
                    f"{k} open {ob} limit {limit}: {text}")
            c.check(abs(int(m.group(2).replace(",", "")) - limit) <= 0.5, "reasons.limit",
                    f"{k} limit {limit}: {text}")
        if text.startswith("Recent late payment") and "lower value" not in text:
            c.check(len(late_dates) > 0, "reasons.recent_late", f"{k} never late: {text}")
            m = re.search(r"more than \d+ days past due (\d+) days? ago", text)
            if m and late_dates:
                days = (as_of - max(late_dates)).days
                c.check(int(m.group(1)) == days, "reasons.recent_late_days",
                        f"{k} last crossing {days} days ago: {text}")


def ladder_action(steps, dpd):
    """The ladder's next action at `dpd` days past due (a passed pre-due rung gives the next)."""
    rung = max((n for n, s in enumerate(steps) if s["daysFromDue"] <= dpd), default=None)
    if rung is None:
        return steps[0]["action"]
    if steps[rung]["daysFromDue"] < 0 <= dpd and rung + 1 < len(steps):
        return steps[rung + 1]["action"]
    return steps[rung]["action"]


def check_worklist(c, a, rows, inv_rows, open_scored, open_all, hist, as_of, ladder):
    steps = sorted(ladder["steps"], key=lambda s: s["daysFromDue"])
    dispute_action = ladder["disputeAction"]
    disputes = {}
    if a.disputes:
        for r in read_rows(a.disputes):
            opened = parse_date(r["opened"])
            disputes.setdefault(r["invoice_id"], []).append((opened, parse_date(r["resolved"])))
    promises = collections.defaultdict(list)
    if a.promises:
        issue = {i.id: i for i in hist}
        for r in read_rows(a.promises):
            made = parse_date(r.get("made_on", "") or "")
            if made is not None and made > as_of:
                continue
            inv_id = r["invoice_id"].strip()
            if inv_id:
                if inv_id in issue and issue[inv_id].customer == r["customer_id"]:
                    promises[inv_id].append((made, parse_date(r["promised_date"])))
            else:
                # The customer's invoices issued by the day it was made (by its promised
                # date or the as-of date, the earlier, when it does not say).
                promised = parse_date(r["promised_date"])
                issued_by = made if made is not None else min(promised, as_of)
                for i in open_all:
                    if i.customer == r["customer_id"] and i.issue <= issued_by:
                        promises[i.id].append((made, promised))
    car = collections.defaultdict(float)
    car_tol = collections.defaultdict(lambda: 0.006)
    for k, r in inv_rows.items():
        car[r["customer_id"]] += float(r["amount"]) * (1 - float(r["p_paid_30d"]))
        car_tol[r["customer_id"]] += float(r["amount"]) * 5e-7 + 0.005
    expected = {}
    for k, inv in open_scored.items():
        dpd = (as_of - inv.due).days
        rung = max((n for n, s in enumerate(steps) if s["daysFromDue"] <= dpd), default=None)
        if in_dispute(inv, disputes, as_of):
            expected[k] = (dispute_action, as_of)
            continue
        # The ladder's own next rung: the latest reached, or the next once a pre-due rung
        # has passed with the due date, or the first when none is reached.
        plan = 0 if rung is None else rung
        if rung is not None and steps[rung]["daysFromDue"] < 0 <= dpd and rung + 1 < len(steps):
            plan = rung + 1
        if promises.get(k):
            made, date = None, None
            for m, d in promises[k]:  # the latest made; ties: the later row
                if made is None or (m or dt.date.min) >= made:
                    made, date = (m or dt.date.min), d
            if date >= as_of:
                expected[k] = ("check promise", date + dt.timedelta(days=1))
                continue
            # Broken: one rung above the ladder's own next action, due now.
            expected[k] = (steps[min(plan + 1, len(steps) - 1)]["action"], as_of)
            continue
        if rung is not None and steps[rung]["daysFromDue"] < 0 <= dpd and rung + 1 < len(steps):
            # A pre-due rung that has passed with the due date: the next rung, on its date.
            nxt = steps[rung + 1]
            expected[k] = (nxt["action"], inv.due + dt.timedelta(days=nxt["daysFromDue"]))
        elif rung is not None:
            expected[k] = (steps[rung]["action"], as_of)
        else:
            nxt = steps[0]
            expected[k] = (nxt["action"], inv.due + dt.timedelta(days=nxt["daysFromDue"]))
    expected = {k: v for k, v in expected.items() if v[1] <= as_of + dt.timedelta(days=7)}
    seen = set()
    for n, r in enumerate(rows, 1):
        k = r["invoice_id"]
        c.check(int(r["rank"]) == n, "worklist.rank_sequence", f"row {n} rank {r['rank']}")
        c.check(k not in seen, "worklist.duplicate", k)
        seen.add(k)
        inv = inv_rows.get(k)
        if inv is None or k not in open_scored:
            c.fail("worklist.not_open", k)
            continue
        c.check(r["customer_id"] == inv["customer_id"], "worklist.customer", k)
        amount, p30 = float(inv["amount"]), float(inv["p_paid_30d"])
        c.check(abs(float(r["amount"]) - amount) <= 0.006, "worklist.amount", k)
        want = amount * (1 - p30)
        # Written to the cent from the unrounded amount (converted by --fx) and p_paid_30d.
        c.check(abs(float(r["amount_at_risk"]) - want) <= 0.0101 + amount * 5e-7,
                "worklist.amount_at_risk", f"{k} {r['amount_at_risk']} vs {want:.2f}")
        cust = r["customer_id"]
        c.check(abs(float(r["customer_amount_at_risk"]) - car[cust]) <= car_tol[cust],
                "worklist.customer_amount_at_risk",
                f"{cust} {r['customer_amount_at_risk']} vs {car[cust]:.2f}")
        c.check(int(r["days_past_due"]) == int(inv["days_past_due"]), "worklist.dpd", k)
        want_action = expected.get(k)
        got = (r["action"], parse_date(r["action_date"]))
        c.check(got == want_action, "worklist.action",
                f"{k} dpd {inv['days_past_due']} got {got} want {want_action}"
                f" disputed {r['disputed']} promises {promises.get(k)}")
        if "expected_loss" in r:
            lgd = a.loss_given_default
            want = amount * (1 - float(inv["p_paid_ever"])) * lgd
            c.check(abs(float(r["expected_loss"]) - want) <= 0.0101 + amount * 5e-7,
                    "worklist.expected_loss", f"{k} {r['expected_loss']} vs {want:.2f}")
        c.check((r["action"] == dispute_action) == (r["disputed"] == "true"),
                "worklist.disputed_flag", k)
        # An active promise: "...; ladder paused until then, ACTION after", the ladder's
        # action on the day the promise is checked.
        m = re.search(r"ladder paused until then, (.+?) after", r["reason"])
        if m and r["action"] == "check promise":
            at = (parse_date(r["action_date"]) - parse_date(inv["due_date"])).days
            want = ladder_action(steps, at)
            c.check(m.group(1) == want, "worklist.reason_after_pause",
                    f"{k} {at} days past due on {r['action_date']} ({want}): {r['reason']}")
        # The ladder's words: "N days past due: ACTION (from ...) now|on DATE; then NEXT on D".
        due = parse_date(inv["due_date"])
        m = re.search(r"; then (.+) on (\d{4}-\d\d-\d\d)", r["reason"])
        if m:
            nxt = [s for s in steps if s["action"] == m.group(1)
                   and due + dt.timedelta(days=s["daysFromDue"]) == parse_date(m.group(2))]
            c.check(bool(nxt) and parse_date(m.group(2)) > parse_date(r["action_date"]),
                    "worklist.reason_next_rung", f"{k} due {due}: {r['reason']}")
        m = re.match(r"(-?\d+) days? past due|due in (\d+) days?|due today", r["reason"].split(
            "; ")[-1] if r["reason"].startswith("broken") else r["reason"].removeprefix(
            "disputed, "))
        if m:
            said = int(m.group(1)) if m.group(1) else -int(m.group(2)) if m.group(2) else 0
            c.check(said == int(inv["days_past_due"]), "worklist.reason_days",
                    f"{k} dpd {inv['days_past_due']}: {r['reason']}")
    for k in sorted(set(expected) - seen):
        c.fail("worklist.missing", f"{k} {expected[k]}")
    # Ranking: customers by customer_amount_at_risk, rows together, most overdue first.
    order = []
    for r in rows:
        if not order or order[-1][0] != r["customer_id"]:
            order.append((r["customer_id"], float(r["customer_amount_at_risk"]), []))
        order[-1][2].append(int(r["days_past_due"]))
    names = [o[0] for o in order]
    c.check(len(names) == len(set(names)), "worklist.customer_rows_together",
            f"{len(names) - len(set(names))} customers split")
    for prev, nxt in zip(order, order[1:]):
        c.check(prev[1] >= nxt[1], "worklist.customer_order",
                f"{prev[0]} {prev[1]} before {nxt[0]} {nxt[1]}")
    for name, _, dpds in order:
        c.check(dpds == sorted(dpds, reverse=True), "worklist.invoice_order", f"{name} {dpds}")


def check_promise_records(c, path, cust_rows, hist, as_of):
    """promises_matured and promises_kept of customers.csv against the promises file."""
    if not path or not cust_rows or "promises_matured" not in next(iter(cust_rows.values())):
        return
    by_id = {i.id: i for i in hist}
    by_cust = collections.defaultdict(list)
    for i in hist:
        if i.issue <= as_of:
            by_cust[i.customer].append(i)
    paid_by = lambda i: i.paid if i.paid and i.paid <= as_of else None
    matured, kept = collections.Counter(), collections.Counter()
    for r in read_rows(path):
        cust, inv_id = r["customer_id"], r["invoice_id"].strip()
        made = parse_date(r.get("made_on", "") or "")
        date = parse_date(r["promised_date"])
        if cust not in by_cust or (made is not None and made > as_of):
            continue
        if inv_id and (inv_id not in by_id or by_id[inv_id].customer != cust):
            continue
        if date >= as_of:
            continue
        matured[cust] += 1
        if inv_id:
            ok = paid_by(by_id[inv_id]) is not None and paid_by(by_id[inv_id]) <= date
        else:
            covered = [i for i in by_cust[cust] if made is None or i.issue <= made]
            cents = sum(round(i.amount * 100) for i in covered if paid_by(i)
                        and (made is None or paid_by(i) >= made) and paid_by(i) <= date)
            ok = cents >= round(float(r["amount"]) * 100)
        kept[cust] += ok
    for k, r in cust_rows.items():
        got = (int(r["promises_matured"] or 0), int(r["promises_kept"] or 0))
        c.check(got == (matured[k], kept[k]), "customers.promise_record",
                f"{k} {got} vs {(matured[k], kept[k])}")
        # Fewer than half of at least two matured promises kept is a reason.
        text = f"Kept {got[1]} of {got[0]} promises to pay"
        reasons = [r[f"reason_{n}"] for n in (1, 2, 3)]
        want = got[0] >= 2 and 2 * got[1] < got[0]
        c.check((text in reasons) == want, "customers.promise_reason", f"{k} {got} {reasons}")


def check_plans(c, rows, cust_rows, inv_rows, as_of):
    """payment_plans.csv: a plan where overdue > Σ amount × p_paid_30d, adding up to it."""
    cap = collections.defaultdict(float)
    cap_tol = collections.defaultdict(lambda: 0.006)  # p_paid_30d has 6 decimals
    for r in inv_rows.values():
        cap[r["customer_id"]] += float(r["amount"]) * float(r["p_paid_30d"])
        cap_tol[r["customer_id"]] += float(r["amount"]) * 5e-7
    plans = collections.defaultdict(list)
    for r in rows:
        plans[r["customer_id"]].append(r)
    for k, r in cust_rows.items():
        od = float(r["overdue_balance"])
        want = od > cap[k]
        borderline = abs(od - cap[k]) <= cap_tol[k]
        if not borderline:
            c.check(bool(plans.get(k)) == want, "plans.who",
                    f"{k} overdue {od} expected_30d {cap[k]:.2f} plan {bool(plans.get(k))}")
    for k, rs in plans.items():
        cents = sum(round(float(r["amount"]) * 100) for r in rs)
        od = float(cust_rows[k]["overdue_balance"]) if k in cust_rows else None
        c.check(od is not None and cents == round(od * 100), "plans.total",
                f"{k} instalments {cents / 100:.2f} vs overdue {od}")
        for n, r in enumerate(rs, 1):
            c.check(parse_date(r["due_date"]) == as_of + dt.timedelta(days=30 * n),
                    "plans.due_date", f"{k} {n} {r['due_date']}")
        # size = max(⌊100·C⌋, ⌈100·B/12⌉) cents, n = ⌈100·B/size⌉, the last what remains.
        b = round(od * 100) if od is not None else 0
        cap_cents = round(float(rs[0]["expected_30d"]) * 100)
        c.check(abs(cap_cents / 100 - cap[k]) <= cap_tol[k], "plans.expected_30d",
                f"{k} {rs[0]['expected_30d']} vs {cap[k]:.2f}")
        size = max(cap_cents, -(-b // 12))
        n = -(-b // size) if size else 0
        want = [size] * (n - 1) + [b - (n - 1) * size] if n else []
        got = [round(float(r["amount"]) * 100) for r in rs]
        if got != want:
            # expected_30d is rounded to the cent: a cent either way in the capacity.
            alt = []
            for s in (size - 1, size + 1):
                m = -(-b // s)
                alt.append([s] * (m - 1) + [b - (m - 1) * s])
            c.check(got in alt, "plans.instalments", f"{k} {got[:3]}... vs {want[:3]}...")


MONEY = {"amount", "open_balance", "overdue_balance", "current_limit", "recommended_limit",
         "amount_at_risk", "customer_amount_at_risk", "expected_loss", "expected", "p10", "p90",
         "expected_new", "total", "plan_total", "expected_30d", "remaining_after",
         "typical_amount", "capital_saving", "discount_cost", "net_value"} | set(BUCKETS)
PROBABILITY = {"pd", "p_paid_30d", "p_paid_ever", "promise_keeping_rate", "p_paid_within",
               "take_up"}
DATES = {"due_date", "expected_payment_date", "payment_date_p10", "payment_date_p90",
         "action_date", "week_start", "as_of"}


def check_formats(c, name, rows):
    """Money with 2 decimals, probabilities with 6, ISO dates; as_of the last column."""
    if not rows:
        return
    header = list(rows[0].keys())
    c.check(header[-1] == "as_of", "format.as_of_last", f"{name}: {header[-1]}")
    for r in rows:
        for col, v in r.items():
            if v == "" or v is None:
                continue
            if name == "aging" and col == "current" or col in MONEY and not (
                    name == "cash_forecast" and col == "amount"):
                ok = re.fullmatch(r"-?\d+\.\d\d", v) is not None
            elif col in PROBABILITY:
                ok = re.fullmatch(r"\d\.\d{6}", v) is not None
            elif col in DATES:
                ok = re.fullmatch(r"\d{4}-\d\d-\d\d", v) is not None
            else:
                continue
            c.check(ok, "format.cell", f"{name}.{col}: {v!r}")


def check_offers(c, rows, cost_of_capital):
    """discount_offers.csv: the README's saving, cost and net value, offered only when positive."""
    for r in rows:
        k = r["customer_id"]
        a, d = float(r["typical_amount"]), float(r["discount_percent"]) / 100
        f, q, g = float(r["p_paid_within"]), float(r["take_up"]), float(r["expected_days_gained"])
        saving = a * cost_of_capital * g / 365
        cost = a * d * (f + q * (1 - f))
        tol = 0.006 + a * 1e-6 + a * cost_of_capital * 0.05 / 365
        c.check(abs(float(r["capital_saving"]) - saving) <= tol, "offers.saving",
                f"{k} {r['capital_saving']} vs {saving:.2f}")
        c.check(abs(float(r["discount_cost"]) - cost) <= 0.006 + a * 1e-6, "offers.cost",
                f"{k} {r['discount_cost']} vs {cost:.2f}")
        net = float(r["capital_saving"]) - float(r["discount_cost"])
        c.check(abs(float(r["net_value"]) - net) <= 0.011, "offers.net", k)
        c.check(float(r["net_value"]) > 0, "offers.positive", k)


def check_cash(c, rows, inv_rows, as_of):
    c.check(len(rows) == 13, "cash.weeks", f"{len(rows)} weeks")
    total_open = sum(float(r["amount"]) for r in inv_rows.values())
    ever = sum(float(r["amount"]) * float(r["p_paid_ever"]) for r in inv_rows.values())
    p30 = sum(float(r["amount"]) * float(r["p_paid_30d"]) for r in inv_rows.values())
    for n, r in enumerate(rows):
        start = as_of + dt.timedelta(days=1 + 7 * n)
        c.check(parse_date(r["week_start"]) == start, "cash.week_start", f"{r['week_start']}")
        e, lo, hi = float(r["expected"]), float(r["p10"]), float(r["p90"])
        c.check(0 <= lo <= e <= hi, "cash.band", f"{r['week_start']} {lo} {e} {hi}")
        c.check(float(r["expected_new"]) >= 0, "cash.expected_new", r["week_start"])
    # With --accepted-plans, the model's own forecast is expected − accepted + replaced.
    model = [float(r["expected"]) - float(r.get("accepted_plans") or 0)
             + float(r.get("replaced_by_plans") or 0) for r in rows]
    s = sum(model)
    c.check(s <= total_open + 0.01 * len(rows), "cash.total_le_open", f"{s:.2f} > {total_open:.2f}")
    c.check(s <= ever + 0.01 * len(rows) + ever * 1e-6, "cash.total_le_paid_ever",
            f"{s:.2f} > {ever:.2f}")
    first4, first5 = sum(model[:4]), sum(model[:5])
    c.check(first4 <= p30 * (1 + 1e-6) + 0.04, "cash.weeks1_4_le_p30",
            f"weeks 1-4 {first4:.2f} > Σ amount × p_paid_30d {p30:.2f}")
    c.check(first5 >= p30 * (1 - 1e-6) - 0.05, "cash.weeks1_5_ge_p30",
            f"weeks 1-5 {first5:.2f} < Σ amount × p_paid_30d {p30:.2f}")


if __name__ == "__main__":
    main()
