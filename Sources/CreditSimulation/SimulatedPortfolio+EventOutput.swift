import CreditData

/// Files: `truth_invoices.csv`, `promises.csv`, `truth_promises.csv`, `disputes.csv`,
/// `truth_disputes.csv`, `discounts.csv`, `truth_discounts.csv`, `truth_collections.json`.
///
/// The observable files (`promises.csv`, `disputes.csv`, `discounts.csv`) hold what an ERP
/// would export at the snapshot; their `truth_` companions add what only the generator knows,
/// keyed by invoice id.
extension SimulatedPortfolio {
  /// `truth_invoices.csv`: one row per invoice, the columns of `TruthOracle.columns`.
  public func truthInvoicesCSV() -> CSVWriter {
    var csv = CSVWriter(header: TruthOracle.columns)
    for i in 0..<invoices.count {
      let truth = invoiceTruth(ofInvoice: i)
      csv.appendText(truth.invoiceId)
      csv.appendText(customers.id[Int(invoices.customerIndex[i])])
      csv.appendInteger(truth.termsDays)
      csv.appendFixed(truth.susceptibleProbability, decimals: 9)
      csv.appendFixed(truth.weibullScale, decimals: 6)
      csv.appendFixed(truth.weibullShape, decimals: 6)
      csv.appendFixed(truth.latentRisk, decimals: 6)
      csv.appendText(truth.neverPays ? "true" : "false")
      csv.appendInteger(truth.discountDays)
      csv.appendFixed(truth.discountTakeUp, decimals: 9)
      csv.endRow()
    }
    return csv
  }

  /// `promises.csv`: customer_id, invoice_id, amount, promised_date, made_on.
  public func promisesCSV() -> CSVWriter {
    var csv = CSVWriter(header: ["customer_id", "invoice_id", "amount", "promised_date", "made_on"])
    for p in events.promises {
      appendIds(p.invoiceIndex, customerFirst: true, to: &csv)
      csv.appendMoney(p.amount)
      csv.appendDay(p.promisedDate)
      csv.appendDay(p.madeOn)
      csv.endRow()
    }
    return csv
  }

  /// `truth_promises.csv`: whether each promise is kept (paid on or before its date, also
  /// after the snapshot), whether it was meant to be, and the customer's keep probability.
  public func truthPromisesCSV() -> CSVWriter {
    var csv = CSVWriter(header: [
      "invoice_id", "customer_id", "keep_probability", "meant_to_keep", "kept", "paid_date",
    ])
    for p in events.promises {
      appendIds(p.invoiceIndex, customerFirst: false, to: &csv)
      csv.appendFixed(p.keepProbability, decimals: 6)
      csv.appendText(p.meantToKeep ? "true" : "false")
      csv.appendText(p.kept ? "true" : "false")
      appendPaymentDate(p.invoiceIndex, to: &csv)
      csv.endRow()
    }
    return csv
  }

  /// `disputes.csv`: invoice_id, opened, resolved (empty while open at the snapshot), reason.
  public func disputesCSV() -> CSVWriter {
    var csv = CSVWriter(header: ["invoice_id", "opened", "resolved", "reason"])
    for d in events.disputes {
      csv.appendText(SimulatedInvoices.id(forIndex: d.invoiceIndex))
      csv.appendDay(d.opened)
      if d.resolved <= configuration.asOf { csv.appendDay(d.resolved) } else { csv.appendEmpty() }
      csv.appendText(d.reason)
      csv.endRow()
    }
    return csv
  }

  /// `truth_disputes.csv`: the resolution day also after the snapshot, the drawn resolution
  /// time, and whether payment ended the dispute first.
  public func truthDisputesCSV() -> CSVWriter {
    var csv = CSVWriter(header: [
      "invoice_id", "resolved", "resolution_days_drawn", "resolved_by_payment",
    ])
    for d in events.disputes {
      csv.appendText(SimulatedInvoices.id(forIndex: d.invoiceIndex))
      csv.appendDay(d.resolved)
      csv.appendFixed(d.resolutionDays, decimals: 6)
      csv.appendText(d.resolvedByPayment ? "true" : "false")
      csv.endRow()
    }
    return csv
  }

  /// `discounts.csv`: the invoices offered an early-payment discount; `taken` is true when
  /// paid within the window, false once the window has passed unpaid, empty while it runs.
  public func discountsCSV() -> CSVWriter {
    var csv = CSVWriter(header: [
      "invoice_id", "customer_id", "discount_percent", "discount_days", "taken",
    ])
    let window = configuration.collections.discountDays
    for i in 0..<invoices.count where invoices.discountOffered[i] {
      appendIds(i, customerFirst: false, to: &csv)
      csv.appendFixed(configuration.collections.discountPercent, decimals: 2)
      csv.appendInteger(window)
      let lastDay = invoices.issueDate[i].adding(days: window)
      if let paid = invoices.paidDate[i], paid <= lastDay {
        csv.appendText("true")
      } else if lastDay < configuration.asOf {
        csv.appendText("false")
      } else {
        csv.appendEmpty()
      }
      csv.endRow()
    }
    return csv
  }

  /// `truth_discounts.csv`: take-up probability, whether the discount is taken, and the days
  /// to pay without and with the offer (empty for an invoice never paid).
  public func truthDiscountsCSV() -> CSVWriter {
    var csv = CSVWriter(header: [
      "invoice_id", "take_up_probability", "taken", "days_to_pay_without_offer", "days_to_pay",
    ])
    for i in 0..<invoices.count where invoices.discountOffered[i] {
      csv.appendText(SimulatedInvoices.id(forIndex: i))
      csv.appendFixed(invoiceTruth(ofInvoice: i).discountTakeUp, decimals: 6)
      csv.appendText(invoices.discountTaken[i] ? "true" : "false")
      if let age = invoices.paymentAge[i] {
        csv.appendInteger(min(36_500, max(1, Int(invoices.latentDaysToPay[i].rounded()))))
        csv.appendInteger(age)
      } else {
        csv.appendEmpty()
        csv.appendEmpty()
      }
      csv.endRow()
    }
    return csv
  }

  /// `truth_collections.json`: `CollectionsTruth` with sorted snake_case keys.
  public func truthCollectionsJSON() -> String {
    SimulatedPortfolio.json(CollectionsTruth(self))
  }

  private func appendIds(_ i: Int, customerFirst: Bool, to csv: inout CSVWriter) {
    let customer = customers.id[Int(invoices.customerIndex[i])]
    if customerFirst { csv.appendText(customer) }
    csv.appendText(SimulatedInvoices.id(forIndex: i))
    if !customerFirst { csv.appendText(customer) }
  }

  private func appendPaymentDate(_ i: Int, to csv: inout CSVWriter) {
    if let age = invoices.paymentAge[i] {
      csv.appendDay(invoices.issueDate[i].adding(days: age))
    } else {
      csv.appendEmpty()
    }
  }
}
