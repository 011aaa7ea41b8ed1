#!/usr/bin/env python3
"""Validation notebook: creditrisk's fits against statsmodels, lifelines and R.

Run from the repository root (part of `make notebooks`):

    python3 scripts/notebooks/validation.py --binary .build/debug/creditrisk \
        --out notebooks-exported/validation.md

For every reference file in Tests/Fixtures/golden/ (logistic, Cox, Weibull on spector,
rossi, lung and the IBM accounts-receivable sample), this runs

    creditrisk fit <model> --data Tests/Fixtures/data/<dataset>.csv ... --json <tmp>

and compares each coefficient, standard error and the log-likelihood with the reference
values. The references are the recorded outputs of statsmodels 0.15.0 and lifelines 0.30.3
written by scripts/golden/generate.py (lifelines' Weibull fit is polished by Newton steps
there, because its own optimiser stops early), and of R's survival package and glm written by
scripts/golden/survival_r.R; they are reused rather than refitted so this script needs only
the Python standard library and gives the same document every run.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN = os.path.join(ROOT, "Tests", "Fixtures", "golden")
DATA = os.path.join(ROOT, "Tests", "Fixtures", "data")


# Edge cases (case weights as a formula of the row number, zero weights, shifted columns, monotone
# likelihood, a single event, a perfectly ordered covariate) need options or data that `creditrisk
# fit` does not take from a CSV column, or have no finite optimum to compare; the Swift tests
# check them against the same files (Tests/CreditModelsTests/EdgeCaseTests.swift and
# LogisticRegressionTests.swift).
EDGE_CASES = ("_weighted_", "_zero_weights_", "_shifted_", "_monotone_", "_single_event_",
              "_ordered_")


def relative(a, b):
    scale = max(abs(a), abs(b))
    return 0.0 if scale == 0 else abs(a - b) / scale


def fit(binary, ref, dataset):
    """Runs `creditrisk fit` as the reference was fitted; returns its JSON document."""
    args = [binary, "fit", ref["model"], "--data", os.path.join(DATA, dataset)]
    if ref["model"] == "logistic":
        args += ["--target", ref["target"]]
    else:
        args += ["--duration", ref["duration"], "--event", ref["event"]]
    if ref["model"] == "cox":
        args += ["--ties", ref["ties"]]
    args += ["--covariates"] + ref["covariates"]
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "fit.json")
        subprocess.run(args + ["--json", out], check=True, capture_output=True)
        with open(out) as f:
            return json.load(f)


def compare(binary, name):
    with open(os.path.join(GOLDEN, name)) as f:
        ref = json.load(f)
    dataset = ref["dataset"]
    ours = fit(binary, ref, dataset)
    coefficients = dict(ref["coefficients"])
    errors = dict(ref["standard_errors"])
    our_coefficients = dict(ours["coefficients"])
    our_errors = dict(ours["standard_errors"])
    if ref["model"] == "weibull":
        coefficients["log_rho"] = ref["log_rho"]
        our_coefficients["log_rho"] = ours["log_rho"]
    coef = max(relative(our_coefficients[k], v) for k, v in coefficients.items())
    se = max(relative(our_errors[k], v) for k, v in errors.items())
    ll = relative(ours["log_likelihood"], ref["log_likelihood"])
    package = ref["reference"]["package"] + " " + ref["reference"]["version"]
    variant = ref.get("ties") or ""
    return {
        "model": ref["model"], "dataset": dataset, "variant": variant, "reference": package,
        "n": ref["n_obs"], "parameters": len(coefficients), "coef": coef, "se": se, "ll": ll,
        "converged": ours["converged"], "iterations": ours["iterations"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "creditrisk"))
    parser.add_argument("--out", help="write the Markdown here (default: stdout)")
    options = parser.parse_args()
    references = sorted(
        n for n in os.listdir(GOLDEN)
        if n.endswith(".json") and n.split("_")[0] in ("logistic", "cox", "weibull"))
    names = [n for n in references if not any(m in n for m in EDGE_CASES)]
    edge_cases = [n for n in references if n not in names]
    rows = [compare(options.binary, n) for n in names]
    tolerance = 1e-4
    lines = [
        "# Validation: creditrisk fits against statsmodels, lifelines and R",
        "",
        "Regenerate with `make notebooks` (needs Python 3; not part of `make test`, whose Swift",
        "golden-value tests check the same numbers), or:",
        "",
        "```sh",
        "python3 scripts/notebooks/validation.py --binary .build/debug/creditrisk"
        " --out notebooks-exported/validation.md",
        "```",
        "",
        "Each row fits the model with `creditrisk fit ... --json` on a public dataset in",
        "`Tests/Fixtures/data/` and compares with the reference package's values recorded in",
        "`Tests/Fixtures/golden/` by `scripts/golden/generate.py` (statsmodels 0.15.0, lifelines",
        "0.30.3; lifelines' Weibull optimum polished by Newton steps, see `Tests/Fixtures/README.md`)",
        "and by `scripts/golden/survival_r.R` (R 4.2.2: survival 3.5.3's `coxph` and `survreg`,",
        "`glm`; its logistic standard errors are taken at R's estimate, glm's own being those of",
        "its previous iterate).",
        "Columns are the largest relative difference `|a − b| / max(|a|, |b|)` over the",
        "coefficients (Weibull: including `log_rho`), over the standard errors, and of the",
        "log-likelihood (partial log-likelihood for Cox).",
        "",
        "| model | dataset | variant | reference | n | parameters | max rel. diff coef | max rel. diff SE | rel. diff log-lik | iterations | within 1e-4 |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        ok = max(r["coef"], r["se"], r["ll"]) <= tolerance and r["converged"]
        lines.append(
            f"| {r['model']} | {r['dataset']} | {r['variant']} | {r['reference']} | {r['n']} | "
            f"{r['parameters']} | {r['coef']:.1e} | {r['se']:.1e} | {r['ll']:.1e} | "
            f"{r['iterations']} | {'yes' if ok else 'NO'} |")
    worst = max(max(r["coef"], r["se"], r["ll"]) for r in rows)
    lines += ["", f"Largest relative difference over all {len(rows)} fits: {worst:.1e}.", ""]
    lines += ["Edge-case references checked by the Swift tests only: "
              + ", ".join(f"`{n}`" for n in edge_cases) + ".", ""]
    text = "\n".join(lines)
    if options.out:
        with open(options.out, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0 if worst <= tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
