#!/usr/bin/env python3
"""Reference value for calibration in the large (LogitShift in CreditModels).

Run alone (numpy and statsmodels):

    python3 scripts/golden/logit_shift.py

Writes Tests/Fixtures/golden/logit_shift_statsmodels.json: 500 rows of a linear predictor eta
drawn here with a seeded generator and outcomes y ~ Bernoulli(expit(eta - 0.4)) (a model whose
log-odds are 0.4 too high), and the shift c of

    logit q = eta + c,   c maximising sum_i [y_i (eta_i + c) - log(1 + exp(eta_i + c))]

fitted by statsmodels' GLM(y, ones, offset=eta, family=Binomial()) (IRLS, independent of the
Swift Newton steps), with its standard error and the log-likelihood at the estimate. A second
case puts the rows far in the tails (eta between -30 and -8), where the shift must come out
without overflow.
"""

import json
import pathlib

import numpy as np
import statsmodels
import statsmodels.api as sm

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "Fixtures" / "golden" / "logit_shift_statsmodels.json"


def case(eta, y):
    fit = sm.GLM(y, np.ones((len(y), 1)), offset=eta, family=sm.families.Binomial()).fit(
        tol=1e-14, maxiter=200
    )
    return {
        "eta": [float(v) for v in eta],
        "y": [float(v) for v in y],
        "shift": float(fit.params[0]),
        "standard_error": float(fit.bse[0]),
        "log_likelihood": float(fit.llf),
    }


def main():
    rng = np.random.default_rng(20261202)
    eta = rng.normal(-1.2, 1.3, 500)
    y = (rng.random(500) < 1 / (1 + np.exp(-(eta - 0.4)))).astype(float)
    tail_eta = rng.uniform(-30, -8, 400)
    tail_y = np.zeros(400)
    tail_y[:3] = 1.0
    doc = {
        "generator": f"scripts/golden/logit_shift.py (statsmodels {statsmodels.__version__})",
        "model": "GLM(y, 1, offset=eta, family=Binomial())",
        "cases": {"drawn": case(eta, y), "tail": case(tail_eta, tail_y)},
    }
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
