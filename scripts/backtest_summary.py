#!/usr/bin/env python3
"""One line per `creditrisk backtest --cutoffs` report against the targets of the date, cash and
PD checks: the model against the naive baseline and, where the history came with its truth, the
ceiling.

    python3 scripts/backtest_summary.py NAME=report.txt [NAME=report.txt ...]

Per report: PD AUC (model / baseline / ceiling) and mean PD against the observed late rate; date
mean absolute error over all ages (model / naive / ceiling) and the model's over the ceiling's
in each age bucket; the model's mean signed error in each age bucket (buckets of fewer than 30
invoices in brackets); the 13-week cash error's mean and worst cutoff; weekly P10-P90 coverage
(model / ceiling). Standard library only.
"""

import re
import sys

AGES = ["0-30", "31-60", "61-120", "121-365"]


def number(text):
    return float(text.replace("%", ""))


def parse(path):
    text = open(path, encoding="utf-8").read()
    out = {"date": {}}
    section = None
    for line in text.splitlines():
        if line.startswith("PD ("):
            section = "pd"
        elif line.startswith("payment date error, days (predicted"):
            section = "date"
        elif line.startswith("payment date error, days, by amount"):
            section = None
        fields = line.split()
        if section == "pd" and fields and fields[0] in ("auc", "mean_pd", "observed_late_rate"):
            values = [f for f in fields[1:] if not f.startswith("[") and not f.endswith("]")]
            out[fields[0]] = [number(v) for v in values]
        if section == "date" and len(fields) >= 5 and fields[1] in ("model", "naive", "ceiling"):
            # age predictor invoices median_abs mean_abs [lo, hi] mean_signed [lo, hi] paid_after
            rest = re.sub(r"\[[^\]]*\]", "", " ".join(fields[2:])).split()
            out["date"][(fields[0], fields[1])] = {
                "n": int(rest[0]), "mae": number(rest[2]), "signed": number(rest[3])}
        m = re.match(r"cash error: mean (\S+)%, worst (\S+)%; weekly P10-P90 coverage (\S+)%", line)
        if m:
            out["cash"] = [number(g) for g in m.groups()]
        m = re.match(r"ceiling:\s+mean (\S+)%, worst (\S+)%; weekly P10-P90 coverage (\S+)%", line)
        if m:
            out["ceiling_cash"] = [number(g) for g in m.groups()]
    return out


def main():
    print("book        AUC m/b/c          meanPD/obs     MAE m/naive/ceil    "
          "m/ceil 0-30 31-60 61-120 121-365   signed 0-30 31-60 61-120 121-365   "
          "cash mean/worst   coverage m/c")
    for arg in sys.argv[1:]:
        name, path = arg.split("=", 1)
        r = parse(path)
        d = r["date"]
        auc = "/".join(f"{v:.3f}" for v in r.get("auc", []))
        pd = f"{r['mean_pd'][0]:.3f}/{r['observed_late_rate'][0]:.3f}"
        mae = "/".join(f"{d[('all', p)]['mae']:.1f}" for p in ("model", "naive", "ceiling")
                       if ("all", p) in d)
        ratios, signed = [], []
        for age in AGES:
            model = d.get((age, "model"))
            ceiling = d.get((age, "ceiling"))
            if model is None:
                ratios.append("-")
                signed.append("-")
                continue
            ratios.append(f"{model['mae'] / ceiling['mae']:.2f}" if ceiling else "-")
            s = f"{model['signed']:+.1f}"
            signed.append(s if model["n"] >= 30 else f"({s})")
        cash = r.get("cash", [float("nan")] * 3)
        ceiling = r.get("ceiling_cash")
        coverage = f"{cash[2]:.1f}" + (f"/{ceiling[2]:.1f}" if ceiling else "")
        print(f"{name:<11} {auc:<18} {pd:<14} {mae:<19} {' '.join(f'{x:>5}' for x in ratios):<30}"
              f"{' '.join(f'{x:>7}' for x in signed):<35}{cash[0]:+.1f}/{cash[1]:+.1f}%{'':<7}"
              f"{coverage}")


if __name__ == "__main__":
    main()
