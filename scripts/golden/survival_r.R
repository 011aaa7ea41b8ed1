# Golden values from R, a third reference beside statsmodels and lifelines.
#
# Writes Tests/Fixtures/golden/*_R.json from R's survival package (coxph with Efron and
# Breslow ties, survreg Weibull, survfit Kaplan-Meier) and stats::glm (binomial), fitted to
# R's tightest tolerances on the data sets in Tests/Fixtures/data. Run from the repository
# root:
#
#   Rscript scripts/golden/survival_r.R
#
# Needs R and its survival package (Debian: apt-get install -y r-base-core r-cran-survival);
# written and checked with R 4.2.2 and survival 3.5.3. Every number is written with 17
# significant digits, so the files round-trip the doubles R computed.

suppressPackageStartupMessages(library(survival))

data_dir <- "Tests/Fixtures/data"
out_dir <- "Tests/Fixtures/golden"

num <- function(x) {
  ifelse(is.finite(x), trimws(formatC(x, digits = 17, format = "g")), "null")
}
str <- function(x) paste0("\"", gsub("\"", "\\\\\"", x), "\"")
vec <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")
strs <- function(x) paste0("[", paste(str(x), collapse = ", "), "]")
named <- function(x) {
  paste0("{", paste(paste0(str(names(x)), ": ", num(unname(x))), collapse = ", "), "}")
}
pairs <- function(a, b) paste0("[", paste(sprintf("[%s, %s]", num(a), num(b)), collapse = ", "), "]")

write_json <- function(name, fields) {
  body <- paste(sprintf("  %s: %s", str(names(fields)), unlist(fields)), collapse = ",\n")
  writeLines(paste0("{\n", body, "\n}"), file.path(out_dir, name))
  cat("wrote", file.path(out_dir, name), "\n")
}

reference <- function(call, package = "survival") {
  version <- if (package == "stats") {
    paste0(R.version$major, ".", R.version$minor)
  } else {
    as.character(packageVersion(package))
  }
  paste0(
    "{", str("package"), ": ", str(paste("R", package)), ", ", str("version"), ": ",
    str(version), ", ", str("software"), ": ", str(R.version.string), ", ", str("call"), ": ",
    str(call), "}"
  )
}

cox <- function(dataset, duration, event, covariates, ties, name, weights = NULL) {
  d <- read.csv(file.path(data_dir, dataset))
  # coxph refuses weights of 0: those rows are left out (they are no-ops in the product).
  if (!is.null(weights)) d <- d[d[[weights]] > 0, ]
  formula <- as.formula(paste0("Surv(", duration, ", ", event, ") ~ ",
    paste(covariates, collapse = " + ")))
  w <- if (is.null(weights)) rep(1, nrow(d)) else d[[weights]]
  fit <- coxph(formula, data = d, ties = ties, weights = w,
    control = coxph.control(eps = 1e-14, iter.max = 100, toler.chol = 1e-15))
  stopifnot(fit$iter < 100)
  # Breslow's estimate of the baseline cumulative hazard at covariates = 0 (the product's
  # estimator for either ties method): survfit's ctype = 1 on a row of zeros.
  zero <- as.data.frame(matrix(0, nrow = 1, ncol = length(covariates)))
  names(zero) <- covariates
  base <- survfit(fit, newdata = zero, ctype = 1, se.fit = FALSE)
  keep <- base$n.event > 0
  fields <- list(
    model = str("cox"), dataset = str(dataset), duration = str(duration), event = str(event),
    covariates = strs(covariates), ties = str(ties),
    n_obs = num(sum(w > 0)), n_events = num(sum(d[[event]][w > 0])),
    coefficients = named(coef(fit)), standard_errors = named(sqrt(diag(vcov(fit)))),
    log_likelihood = num(fit$loglik[2]), null_log_likelihood = num(fit$loglik[1]),
    iterations = num(fit$iter),
    baseline_cumulative_hazard = pairs(base$time[keep], base$cumhaz[keep]),
    baseline_cumulative_hazard_note = str(paste(
      "survfit(fit, newdata = <covariates 0>, ctype = 1): Breslow's estimator",
      "H0(t) = sum_{s <= t} d_s / sum_{T_j >= s} w_j exp(x_j.b) at the event times")),
    reference = reference(paste0(
      "coxph(", deparse1(formula), ", ties = \"", ties, "\"",
      if (is.null(weights)) "" else paste0(", weights = ", weights, ", rows with ", weights, " > 0"),
      ", control = coxph.control(eps = 1e-14, iter.max = 100, toler.chol = 1e-15))"))
  )
  if (is.null(weights)) {
    fields$weights <- "null"
  } else {
    fields$weights <- str(weights)
  }
  write_json(name, fields)
}

weibull <- function(dataset, duration, event, covariates, name, weights = NULL) {
  d <- read.csv(file.path(data_dir, dataset))
  if (!is.null(weights)) d <- d[d[[weights]] > 0, ]
  formula <- as.formula(paste0("Surv(", duration, ", ", event, ") ~ ",
    paste(covariates, collapse = " + ")))
  w <- if (is.null(weights)) rep(1, nrow(d)) else d[[weights]]
  fit <- survreg(formula, data = d, dist = "weibull", weights = w,
    control = survreg.control(rel.tolerance = 1e-14, toler.chol = 1e-15, maxiter = 100))
  stopifnot(fit$iter < 100)
  b <- coef(fit)
  names(b)[names(b) == "(Intercept)"] <- "Intercept"
  se <- sqrt(diag(vcov(fit)))
  names(se)[names(se) == "(Intercept)"] <- "Intercept"
  # survreg's scale sigma is 1 / rho: log_rho = -log(sigma), with the same standard error.
  names(se)[names(se) == "Log(scale)"] <- "log_rho"
  fields <- list(
    model = str("weibull"), dataset = str(dataset), duration = str(duration),
    event = str(event), covariates = strs(covariates),
    weights = if (is.null(weights)) "null" else str(weights),
    n_obs = num(nrow(d)), n_events = num(sum(d[[event]])),
    coefficients = named(b), log_rho = num(-log(fit$scale)), standard_errors = named(se),
    log_likelihood = num(fit$loglik[2]), iterations = num(fit$iter),
    parametrisation = str(paste(
      "survreg: log T = Intercept + x.b + sigma W (W standard minimum extreme value);",
      "lambda = exp(Intercept + x.b), rho = 1 / sigma, S(t|x) = exp(-(t / lambda)^rho).",
      "log_likelihood is survreg's, on the time scale")),
    reference = reference(paste0(
      "survreg(", deparse1(formula), ", dist = \"weibull\"",
      if (is.null(weights)) "" else paste0(", weights = ", weights, ", rows with ", weights, " > 0"),
      ", control = survreg.control(rel.tolerance = 1e-14, toler.chol = 1e-15, maxiter = 100))"))
  )
  write_json(name, fields)
}

logistic <- function(dataset, target, covariates, name, weights = NULL) {
  d <- read.csv(file.path(data_dir, dataset))
  formula <- as.formula(paste(target, "~", paste(covariates, collapse = " + ")))
  w <- if (is.null(weights)) rep(1, nrow(d)) else weights(d)
  fit <- glm(formula, data = d, family = binomial, weights = w,
    control = glm.control(epsilon = 1e-15, maxit = 100))
  stopifnot(fit$converged)
  b <- coef(fit)
  names(b)[names(b) == "(Intercept)"] <- "Intercept"
  se <- sqrt(diag(vcov(fit)))
  names(se)[names(se) == "(Intercept)"] <- "Intercept"
  p <- fitted(fit)
  y <- d[[target]]
  # glm's vcov comes from the weights of its last iteration, computed at the previous
  # estimate (1e-10 relative off on spector); the information at the estimate itself:
  x <- model.matrix(fit)
  exact <- sqrt(diag(solve(crossprod(x, x * (w * p * (1 - p))))))
  names(exact)[names(exact) == "(Intercept)"] <- "Intercept"
  loglik <- sum(w * (y * log(p) + (1 - y) * log(1 - p)))
  p0 <- sum(w * y) / sum(w)
  null <- sum(w * (y * log(p0) + (1 - y) * log(1 - p0)))
  fields <- list(
    model = str("logistic"), dataset = str(dataset), target = str(target),
    covariates = strs(covariates),
    weights = if (is.null(weights)) "null" else str("1 + (row mod 3), rows from 0"),
    n_obs = num(sum(w > 0)), coefficients = named(b), standard_errors = named(exact),
    glm_standard_errors = named(se),
    standard_errors_note = str(paste(
      "standard_errors: sqrt(diag((X' W X)^-1)) at the estimate, W = w p (1 - p);",
      "glm_standard_errors: summary(fit)'s, from the weights at glm's previous iterate")),
    log_likelihood = num(loglik), null_log_likelihood = num(null),
    deviance = num(deviance(fit)), iterations = num(fit$iter),
    reference = reference(paste0(
      "glm(", deparse1(formula), ", family = binomial",
      if (is.null(weights)) "" else ", weights = 1 + (row mod 3)",
      ", control = glm.control(epsilon = 1e-15, maxit = 100))"), package = "stats")
  )
  write_json(name, fields)
}

kaplan_meier <- function(dataset, duration, event, name) {
  d <- read.csv(file.path(data_dir, dataset))
  formula <- as.formula(paste0("Surv(", duration, ", ", event, ") ~ 1"))
  fit <- survfit(formula, data = d, conf.type = "log-log")
  median <- unname(summary(fit)$table["median"])
  fields <- list(
    model = str("kaplan_meier"), dataset = str(dataset), duration = str(duration),
    event = str(event), n_obs = num(nrow(d)), n_events = num(sum(d[[event]])),
    timeline = vec(fit$time), at_risk = vec(fit$n.risk), events = vec(fit$n.event),
    censored = vec(fit$n.censor), survival = vec(fit$surv),
    # survfit's std.err is the standard error of -log S (Greenwood): sqrt(sum d / (n (n - d))).
    log_survival_standard_error = vec(fit$std.err),
    lower_95 = vec(fit$lower), upper_95 = vec(fit$upper),
    median_survival_time = num(median),
    note = str(paste(
      "survfit rows: every distinct observed duration (no t = 0 row). lower_95 and upper_95",
      "are the log-log band (conf.type = \"log-log\"), lifelines' exponential Greenwood band.",
      "median: the first time with S(t) <= 0.5 (R takes the midpoint where S is exactly 0.5",
      "over an interval; neither sample has such a plateau)")),
    reference = reference(paste0("survfit(", deparse1(formula), ", conf.type = \"log-log\")"))
  )
  write_json(name, fields)
}

weights <- function(d) 1 + (seq_len(nrow(d)) - 1) %% 3

rossi <- c("fin", "age", "race", "wexp", "mar", "paro", "prio")
lung <- c("age", "sex", "ph_ecog", "ph_karno", "wt_loss")
ibm <- c("log_amount", "disputed", "paperless", "country_406", "country_770", "country_818",
  "country_897")

for (ties in c("efron", "breslow")) {
  cox("rossi.csv", "week", "arrest", rossi, ties, paste0("cox_rossi_", ties, "_R.json"))
  cox("lung.csv", "time", "status", lung, ties, paste0("cox_lung_", ties, "_R.json"))
  cox("ibm_ar_surv.csv", "duration", "event", ibm, ties,
    paste0("cox_ibm_ar_surv_", ties, "_R.json"))
}
cox("rossi_weighted.csv", "week", "arrest", rossi, "efron", "cox_rossi_weighted_efron_R.json",
  weights = "w")
weibull("rossi.csv", "week", "arrest", rossi, "weibull_rossi_R.json")
weibull("lung.csv", "time", "status", lung, "weibull_lung_R.json")
weibull("ibm_ar_surv.csv", "duration", "event", ibm, "weibull_ibm_ar_surv_R.json")
weibull("rossi_weighted.csv", "week", "arrest", rossi, "weibull_rossi_weighted_R.json",
  weights = "w")
logistic("spector.csv", "GRADE", c("GPA", "TUCE", "PSI"), "logistic_spector_R.json")
logistic("spector.csv", "GRADE", c("GPA", "TUCE", "PSI"), "logistic_spector_weighted_R.json",
  weights = TRUE)
logistic("ibm_ar_logit.csv", "late", ibm, "logistic_ibm_ar_logit_R.json")
kaplan_meier("rossi.csv", "week", "arrest", "kaplan_meier_rossi_R.json")
kaplan_meier("lung.csv", "time", "status", "kaplan_meier_lung_R.json")
