extension CustomerReason {
  /// The reason in words, with the values of `f`, the customer's facts, and the portfolio's
  /// median ("Overdue 45,300, 38% of open balance (portfolio median 0)"); where the model's
  /// direction is the opposite of the usual one (a low open balance adverse), it says so.
  public func text(_ f: CustomerFacts) -> String {
    let text = words(f)
    guard case .feature(let feature) = factor, let usual = feature.usuallyHigherIsAdverse,
      usual != higherIsAdverse
    else { return text }
    return text + "; in this model a \(higherIsAdverse ? "higher" : "lower") value goes with "
      + "more late payment"
  }

  private func words(_ f: CustomerFacts) -> String {
    switch factor {
    case .region(let level): return "Region \(level) (a higher-risk region in the model)"
    case .industry(let level): return "Industry \(level) (a higher-risk industry in the model)"
    case .feature(let feature):
      guard let sided = sidedWords(feature, f) else { return otherWords(feature, f) }
      return (higherIsAdverse ? sided.higher : sided.lower) + ": " + sided.detail
    }
  }

  /// The words of a reason that opens by the side of the median the customer is on: those
  /// for a higher and for a lower value, and the customer's value with the portfolio's
  /// median that follow them; nil for a feature worded otherwise (`otherWords`).
  private func sidedWords(
    _ feature: NumericFeature, _ f: CustomerFacts
  ) -> (higher: String, lower: String, detail: String)? {
    let money = AmountText.money
    let median = "portfolio median"
    switch feature {
    case .logAmount:
      return (
        "Large invoices", "Small invoices",
        "typical invoice \(money(value)) (\(median) \(money(typical)))"
      )
    case .terms:
      return (
        "Long payment terms", "Short payment terms",
        "\(Int(value)) days (\(median) \(days(typical)))"
      )
    case .logPriorInvoices:
      return (
        "Many invoices", "Short invoice history",
        "\(invoices(f.invoices)) issued (\(median) \(days(typical)))"
      )
    case .priorLateRate:
      return (
        "Often late", "Seldom late",
        "\(f.lateInvoices) of \(invoices(f.knownOutcomes)) more than \(f.lateDays) days "
          + "past due, \(AmountText.percent(value)) (\(median) \(AmountText.percent(typical)))"
      )
    case .priorMeanDaysLate:
      return (
        "Slow payer", "Prompt payer",
        "pays \(AmountText.oneDecimal(value)) days after due on average over "
          + "\(invoices(f.paidInvoices, "paid")) (\(median) \(AmountText.oneDecimal(typical)))"
      )
    case .logOpenBalance:
      return (
        "High open balance", "Low open balance", "\(money(value)) (\(median) \(money(typical)))"
      )
    case .utilisation:
      return (
        "High use of credit limit", "Low use of credit limit",
        "open balance at \(AmountText.percent(value)) of the limit "
          + "\(money(f.creditLimit ?? 0)) (\(median) \(AmountText.percent(typical)))"
      )
    case .logTenure:
      return (
        "Long relationship", "Short relationship",
        "customer for \(AmountText.duration(days: Int(value))) "
          + "(\(median) \(AmountText.duration(days: Int(typical.rounded()))))"
      )
    case .priorLogPace:
      return (
        "Slow to pay for its terms", "Quick to pay for its terms",
        "issue to payment typically \(AmountText.percent(value)) of its terms over "
          + "\(invoices(f.paidInvoices, "paid")) (\(median) \(AmountText.percent(typical)))"
      )
    case .disputed, .paperless, .logDaysSinceLate, .logOverdueBalance, .hasCreditLimit:
      return nil
    }
  }

  /// The words of the yes/no flags, and of the two features whose wording differs by side
  /// beyond its first words.
  private func otherWords(_ feature: NumericFeature, _ f: CustomerFacts) -> String {
    let money = AmountText.money
    let median = "portfolio median"
    switch feature {
    case .disputed: return "Invoice in dispute"
    case .paperless:
      return value == 1
        ? "Paperless billing (most customers: paper)"
        : "Paper billing (most customers: paperless)"
    case .hasCreditLimit:
      return value == 1
        ? "Credit limit on file (most customers: none)" : "No credit limit on file"
    case .logDaysSinceLate:
      let cap = Double(FeatureBuilder.horizonDays)
      let since =
        typical >= cap
        ? "none in the last \(FeatureBuilder.horizonDays) days"
        : AmountText.duration(days: Int(typical.rounded()))
      if higherIsAdverse {
        return value >= cap
          ? "No late payment in the last \(FeatureBuilder.horizonDays) days (\(median): \(since))"
          : "No late payment for \(AmountText.duration(days: Int(value))) (\(median): \(since))"
      }
      return "Recent late payment: an invoice went more than \(f.lateDays) days past due "
        + "\(AmountText.duration(days: Int(value))) ago (\(median): \(since))"
    case .logOverdueBalance:
      let share =
        f.openBalance > 0 ? ", \(AmountText.percent(value / f.openBalance)) of open balance" : ""
      return
        (higherIsAdverse
        ? "Overdue \(money(value))\(share)" : "Little overdue: \(money(value))")
        + " (\(median) \(money(typical)))"
    case .logAmount, .terms, .logPriorInvoices, .priorLateRate, .priorMeanDaysLate,
      .logOpenBalance, .utilisation, .logTenure, .priorLogPace:
      preconditionFailure("worded by sidedWords")
    }
  }

  /// A count of invoices in words: "1 invoice", "54 invoices", "1 paid invoice".
  private func invoices(_ n: Int, _ kind: String? = nil) -> String {
    "\(n) " + (kind.map { $0 + " " } ?? "") + (n == 1 ? "invoice" : "invoices")
  }

  /// A whole or half number of days or invoices, as a median can be.
  private func days(_ x: Double) -> String {
    x == x.rounded() ? "\(Int(x))" : AmountText.oneDecimal(x)
  }
}

extension NumericFeature {
  /// Whether credit practice reads a higher value as riskier (nil where it has no usual
  /// direction): a large balance, a high late share and long terms are; a long relationship,
  /// a long history and a long time since the last late payment are not.
  var usuallyHigherIsAdverse: Bool? {
    switch self {
    case .logAmount, .terms, .disputed, .priorLateRate, .priorMeanDaysLate, .logOpenBalance,
      .logOverdueBalance, .utilisation, .priorLogPace:
      return true
    case .paperless, .logPriorInvoices, .logDaysSinceLate, .logTenure: return false
    case .hasCreditLimit: return nil
    }
  }
}
