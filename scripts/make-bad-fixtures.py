#!/usr/bin/env python3
"""Regenerates the malformed and hostile inputs in Tests/Fixtures/bad/.

Every file is derived from one small valid history (`valid-small.csv`, written by
`creditrisk simulate --customers 12 --invoices 120 --seed 3`, needs a built binary) or
written literally below. What each file is for, the command the end-to-end tests run on it
and the expected result are in Tests/Fixtures/bad/README.md (the tests read that table).

Usage: swift build && python3 scripts/make-bad-fixtures.py
"""

import csv
import datetime
import io
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "bad")
BINARY = os.path.join(ROOT, ".build", "debug", "creditrisk")

HEADER = ("invoice_id,customer_id,issue_date,due_date,amount,paid_date,currency,disputed,"
          "paperless,written_off,region,industry")


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def rows_of(text):
    return list(csv.reader(io.StringIO(text)))


def to_csv(rows, eol="\n", quoting=csv.QUOTE_MINIMAL):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=eol, quoting=quoting)
    w.writerows(rows)
    return buf.getvalue()


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [BINARY, "simulate", "--customers", "12", "--invoices", "120", "--seed", "3",
             "--out", tmp], check=True, stdout=subprocess.DEVNULL)
        base = open(os.path.join(tmp, "history.csv"), encoding="utf-8").read()
    write("valid-small.csv", base)
    rows = rows_of(base)
    header, data = rows[0], rows[1:]
    col = {name: k for k, name in enumerate(header)}
    lines = base.splitlines()

    def variant(edit, quoting=csv.QUOTE_MINIMAL):
        copy = [list(r) for r in data]
        edit(copy)
        return to_csv([header] + copy, quoting=quoting)

    # Structure and encoding.
    write("empty.csv", b"")
    write("header-only.csv", HEADER + "\n")
    write("missing-amount-column.csv",
          to_csv([[c for k, c in enumerate(r) if k != col["amount"]] for r in rows[:20]]))
    write("duplicate-column.csv", to_csv([r + [r[col["amount"]]] for r in rows[:20]]))
    write("ragged-row.csv", "\n".join(lines[:5] + [lines[5].rsplit(",", 2)[0]] + lines[6:20]) + "\n")
    # A German Excel CSV (semicolons) whose row 6 has a value with an unquoted ';' in it.
    semicolons = [l.replace(",", ";") for l in lines[:20]]
    semicolons[5] = semicolons[5].replace(";", ";Nord; ", 1)
    write("ragged-row-semicolon.csv", "\n".join(semicolons) + "\n")
    write("unterminated-quote.csv",
          "\n".join(lines[:8] + [lines[8].replace(",C", ",\"C", 1)] + lines[9:20]) + "\n")
    write("text-after-quote.csv",
          "\n".join(lines[:3] + ['"INV-X"junk' + lines[3][len("INV00000003"):]] + lines[4:20]) + "\n")

    def embedded_newline(d):
        d[0][col["invoice_id"]] = "INV\nMULTI\r\nLINE"
        d[1][col["industry"]] = "Retail\nWholesale"
    write("embedded-newlines.csv", variant(embedded_newline))
    write("nul-byte.csv", (("\n".join(lines[:6]) + "\n").encode() + b"INV\x00X" +
                           lines[6][len("INV00000006"):].encode() + b"\n"))
    write("invalid-utf8.csv", ("\n".join(lines[:4]) + "\n").encode() +
          lines[4].replace("C0000", "C\xff\xfe", 1).encode("latin-1") + b"\n")
    write("utf16.csv", ("\n".join(lines[:10]) + "\n").encode("utf-16"))
    write("bom.csv", b"\xef\xbb\xbf" + base.encode())
    mixed = "".join(l + ("\r\n", "\n", "\r")[k % 3] for k, l in enumerate(lines))
    write("mixed-line-endings.csv", mixed)

    # Field values.
    def non_numeric(d):
        d[6][col["amount"]] = "12,50 EUR"
    write("non-numeric-amount.csv", variant(non_numeric))

    def overflow(d):
        d[2][col["amount"]] = "1e400"
    write("amount-overflow.csv", variant(overflow))

    def huge(d):
        for k in range(0, len(d), 7):
            d[k][col["amount"]] = "1.5e307"
    write("amount-huge.csv", variant(huge))

    def negative(d):
        # Credit notes: one settled, one still open at the as-of date.
        d[10][col["amount"]] = "-250.00"
        d[-3][col["amount"]] = "-99.95"
        d[-3][col["paid_date"]] = ""
    write("negative-amount.csv", variant(negative))

    def paid_before(d):
        d[11][col["paid_date"]] = "2023-12-01"
    write("paid-before-issued.csv", variant(paid_before))

    def due_before(d):
        d[12][col["due_date"]] = "2023-12-01"
    write("due-before-issued.csv", variant(due_before))

    def duplicate_id(d):
        d[30][col["invoice_id"]] = d[4][col["invoice_id"]]
    write("duplicate-invoice-id.csv", variant(duplicate_id))

    def credit_note_same_id(d):
        # A credit note numbered as the invoice it credits.
        d[40][col["invoice_id"]] = d[8][col["invoice_id"]]
        d[40][col["amount"]] = "-120.00"
    write("duplicate-credit-note-id.csv", variant(credit_note_same_id))

    def out_of_range(d):
        d[13][col["issue_date"]] = "2324-01-15"
    write("date-out-of-range.csv", variant(out_of_range))

    def not_a_day(d):
        d[14][col["due_date"]] = "2024-02-30"
    write("date-not-a-day.csv", variant(not_a_day))

    def ambiguous(d):
        # Every date a slash date whose day and month are both at most 12.
        for r in d:
            for name in ("issue_date", "due_date", "paid_date"):
                v = r[col[name]]
                if v:
                    y, m, dd = v.split("-")
                    r[col[name]] = f"{int(m)}/{min(int(dd), 12)}/{y}"
            if r[col["paid_date"]] and r[col["paid_date"]] < r[col["issue_date"]]:
                r[col["paid_date"]] = r[col["due_date"]]
    amb = [list(r) for r in data]
    ambiguous(amb)
    write("ambiguous-dates.csv", to_csv([header] + amb[:40]))

    def long_amount(d):
        d[15][col["amount"]] = "9" * 100_000
    write("long-field-amount.csv", variant(long_amount))

    def long_id(d):
        d[-1][col["invoice_id"]] = "X" * 100_000
        d[-1][col["paid_date"]] = ""
    write("long-field-invoice-id.csv", variant(long_id))

    def bad_flag(d):
        d[16][col["disputed"]] = "maybe"
    write("bad-flag.csv", variant(bad_flag))

    def empty_customer(d):
        d[17][col["customer_id"]] = "  "
    write("empty-customer-id.csv", variant(empty_customer))

    def one_invoice(d):
        d[-2][col["customer_id"]] = "C-SINGLE"
        d[-2][col["paid_date"]] = ""
    write("one-invoice-customer.csv", variant(one_invoice))

    def hostile(d):
        ids = ['=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
               "\tTAB", "=1+1", "\rCR", "'quoted", "a,b", '"q"', " =SPACE", "-", "@"]
        for k, text in enumerate(ids):
            d[-1 - k][col["invoice_id"]] = text
            d[-1 - k][col["paid_date"]] = ""
        for r in d:
            c = r[col["customer_id"]]
            if c.endswith("1"):
                r[col["customer_id"]] = "=" + c + "+1"
            elif c.endswith("2"):
                r[col["customer_id"]] = "@" + c
            elif c.endswith("3"):
                r[col["customer_id"]] = "-" + c
            elif c.endswith("4"):
                r[col["customer_id"]] = "+" + c
    # Every field quoted, so the CR and tab survive the reader (tabs and spaces around a
    # field are trimmed: "\tTAB" is read as "TAB", " =SPACE" as "=SPACE").
    write("hostile-ids.csv", variant(hostile, quoting=csv.QUOTE_ALL))

    # Outcomes that leave a model nothing to learn.
    def on_time(d):
        for r in d:
            if r[col["paid_date"]]:
                r[col["paid_date"]] = r[col["issue_date"]]
    write("all-on-time.csv", variant(on_time))

    def all_late(d):
        for r in d:
            y, m, dd = map(int, r[col["due_date"]].split("-"))
            r[col["paid_date"]] = f"{y + 1}-{m:02d}-{min(dd, 28):02d}"
    write("all-late.csv", variant(all_late))

    def no_payments(d):
        for r in d:
            r[col["paid_date"]] = ""
    write("no-payments.csv", variant(no_payments))

    # A business a few weeks old: every invoice issued in the last 40 days and due 30 days
    # later, each paid as many days after issue as before (or still open), so none is more
    # than 30 days past due by the last date: no outcome is known yet.
    def recent_only(d):
        day = datetime.date.fromisoformat
        last = max(day(r[col["issue_date"]]) for r in d)
        for k, r in enumerate(d):
            issue = last - datetime.timedelta(days=k % 40)
            paid = r[col["paid_date"]]
            if paid:
                paid = issue + (day(paid) - day(r[col["issue_date"]]))
                paid = paid.isoformat() if paid <= last else ""
            r[col["issue_date"]] = issue.isoformat()
            r[col["due_date"]] = (issue + datetime.timedelta(days=30)).isoformat()
            r[col["paid_date"]] = paid
    write("recent-only.csv", variant(recent_only))

    # A history in which hardly anything was paid: every fourth paid invoice keeps its
    # payment date (4 of 120 invoices), too few for the time-to-payment models' columns.
    def few_payments(d):
        paid = [k for k, r in enumerate(d) if r[col["paid_date"]]]
        keep = set(paid[::max(1, len(paid) // 4)][:4])
        for k, r in enumerate(d):
            if k not in keep:
                r[col["paid_date"]] = ""
    write("few-payments.csv", variant(few_payments))

    # Messages: what an error or note quotes is escaped and cut (MessageText).
    def renamed_amount(name):
        h = list(header)
        h[col["amount"]] = name
        return to_csv([h] + data)
    write("header-huge-name.csv", renamed_amount("A" * 100_000))
    write("header-bidi.csv", renamed_amount("amo\u202eunt\ufeff"))

    def bidi_value(d):
        d[4][col["amount"]] = "12\u202e34\u200b"
    write("value-bidi.csv", variant(bidi_value))
    extra = [f"extra_{k}" for k in range(1500)]
    write("unknown-columns.csv", to_csv([header + extra] + [r + [""] * len(extra) for r in data]))
    write("fit-200-covariates.csv", to_csv(
        [["y"] + [f"x{k}" for k in range(200)]] + [[k % 2] + [1] * 200 for k in range(260)]))

    # Policy and ladder files with numbers out of range.
    write("policy-huge-score-base.json", json.dumps({"scoreBase": 1e300}) + "\n")
    write("policy-lookback-days.json", json.dumps({"volumeLookbackDays": 99999999}) + "\n")
    write("policy-bound-type.json",
          json.dumps({"gradeBounds": [0.1, "x"], "gradeNames": ["A", "B", "C"]}) + "\n")
    write("ladder-huge-days.json", json.dumps(
        {"steps": [{"action": "call", "daysFromDue": 9223372036854775807}]}) + "\n")
    # Misspelled keys (an unknown key is an error, never ignored).
    write("policy-misspelled-key.json", json.dumps({"holdDaysPastDu": 45}) + "\n")
    write("ladder-misspelled-key.json", json.dumps(
        {"steps": [{"action": "call", "daysFromDeu": 15}]}) + "\n")
    # Negative credit limits: in the history's credit_limit column and in a customers file.
    write("credit-limit-negative.csv", to_csv(
        [header + ["credit_limit"]]
        + [r + ["-10000.00" if k == 4 else "10000.00"] for k, r in enumerate(data)]))
    write("customers-negative-limit.csv",
          'customer_id,credit_limit,region\nC000006,"(5,000.00)",EMEA\nC000007,8000.00,LATAM\n')
    # A limit in euros beside a history in dollars, without --fx: not taken as dollars.
    write("customers-limit-in-euros.csv",
          'customer_id,credit_limit,region\nC000006,"\u20ac5,000.00",EMEA\nC000007,8000.00,LATAM\n')
    # A customers file whose region differs from the history's region column (which is used).
    write("customers-region-differs.csv",
          "customer_id,credit_limit,region\nC000006,5000.00,LATAM\nC000007,8000.00,LATAM\n")
    # Exchange rates (`--fx`) that would convert amounts to a wrong number silently.
    # Rates dated after the first invoices (counted in a warning), and a history without a
    # currency column given rates (not applied, said).
    write("fx-dated-after-first-invoice.csv", "currency,rate,date\nUSD,1,2024-03-01\n")
    def blank_currency(d):
        d[3][col["currency"]] = ""
    write("currency-blank.csv", variant(blank_currency))
    write("no-currency-column.csv",
          to_csv([[c for k, c in enumerate(r) if k != col["currency"]] for r in [header] + data]))
    write("fx-reporting-rate-not-one.csv",
          "currency,rate,reporting_currency\nUSD,0.9,USD\nEUR,1.1,USD\n")
    write("fx-reporting-currency-unlisted.csv", "currency,rate,reporting_currency\nEUR,1.1,USD\n")
    write("fx-empty-currency.csv", "currency,rate\nUSD,1\n,1.5\n")
    write("fx-two-reporting-currencies.csv",
          "currency,rate,reporting_currency\nUSD,1,USD\nEUR,1.1,EUR\n")

    # Numeric inputs for `creditrisk fit logistic`.
    n = 40
    xs = [((k * 37) % 23) / 4.0 for k in range(n)]
    zs = [((k * 11) % 17) / 3.0 for k in range(n)]
    ys = [1 if ((k * 7) % 5) < 2 else 0 for k in range(n)]
    write("fit-separating.csv", to_csv(
        [["y", "x", "z"]] + [[int(x > 2.5), x, z] for x, z in zip(xs, zs)]))
    write("fit-constant.csv", to_csv(
        [["y", "x", "c"]] + [[y, x, 3] for y, x in zip(ys, xs)]))
    write("fit-collinear.csv", to_csv(
        [["y", "x", "z", "w"]] + [[y, x, z, x + 2 * z] for y, x, z in zip(ys, xs, zs)]))
    write("fit-non-numeric.csv", to_csv(
        [["y", "x"]] + [[y, "n/a" if k == 7 else x] for k, (y, x) in enumerate(zip(ys, xs))]))
    write("fit-empty-cell.csv", to_csv(
        [["y", "x"]] + [[y, "" if k == 9 else x] for k, (y, x) in enumerate(zip(ys, xs))]))
    write("fit-nan-literal.csv", to_csv(
        [["y", "x"]] + [[y, "NaN" if k == 3 else x] for k, (y, x) in enumerate(zip(ys, xs))]))
    write("fit-target-not-binary.csv", to_csv(
        [["y", "x"]] + [[2 if k == 5 else y, x] for k, (y, x) in enumerate(zip(ys, xs))]))
    # One value whose square overflows a double (the rank test read it as a constant).
    write("fit-huge-value.csv", to_csv(
        [["y", "x", "z"]] + [[y, "1.5e200" if k == 4 else x, z]
                             for k, (y, x, z) in enumerate(zip(ys, xs, zs))]))
    # A spreadsheet's export with a separator at the end of every line: a third, unnamed column.
    write("fit-unnamed-column.csv", to_csv(
        [["y", "x", ""]] + [[y, x, ""] for y, x in zip(ys, xs)]))
    # A case weight whose weighted sums overflow (every column was called constant).
    write("fit-huge-weight.csv", to_csv(
        [["y", "x", "w"]] + [[y, x, "1e300" if k == 6 else 1]
                             for k, (y, x) in enumerate(zip(ys, xs))]))
    # A spreadsheet's export in a decimal-comma locale: semicolons between the fields.
    write("fit-semicolon.csv", "".join(
        ";".join([str(y), str(x).replace(".", ","), str(z).replace(".", ",")]) + "\n"
        for y, x, z in [("y", "x", "z")] + list(zip(ys, xs, zs))))

    # Model files.
    model = {"format": "creditrisk-model/0", "creditriskVersion": "0.0.1", "asOf": "2025-12-29"}
    write("model-other-version.json", json.dumps(model, indent=2) + "\n")
    write("model-truncated.json", '{\n  "asOf" : "2025-12-29",\n  "creditriskVersion" : "0.1.0",\n  "delinquency" : {\n    "coefficients" : [\n      -1.2,\n')
    write("model-not-json.json", "this is not a model\n")
    write("model-missing-field.json", json.dumps({"format": "creditrisk-model/2"}) + "\n")

    # Damaged copies of a real model (trained on valid-small.csv).
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.json")
        subprocess.run([BINARY, "train", "--history", os.path.join(OUT, "valid-small.csv"),
                        "--model", path], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        trained = json.load(open(path))

    def damaged(name, edit):
        m = json.loads(json.dumps(trained))
        edit(m)
        write(name, json.dumps(m, indent=2, sort_keys=True) + "\n")

    damaged("model-short-coefficients.json",
            lambda m: m["delinquency"]["coefficients"].pop())
    damaged("model-nan-coefficient.json",
            lambda m: m["timeToPaymentCox"]["coefficients"].__setitem__(0, "nan"))

    def repeat_level(m):
        levels = m["features"]["regionLevels"]
        levels.append(levels[0])
        m["delinquency"]["coefficients"].append(0.1)
        m["timeToPaymentWeibull"]["coefficients"].append(0.1)
        m["timeToPaymentCox"]["coefficients"].append(0.1)
    damaged("model-repeated-level.json", repeat_level)
    damaged("model-zero-scale.json",
            lambda m: m["features"]["standardDeviations"].__setitem__(0, 0))
    damaged("model-tiny-rho.json", lambda m: m["timeToPaymentWeibull"].__setitem__("logRho", -9))


if __name__ == "__main__":
    sys.exit(main())
