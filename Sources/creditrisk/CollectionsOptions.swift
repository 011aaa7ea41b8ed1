import ArgumentParser
import CreditData
import CreditEngine

/// The optional promises and disputes files, shared by score, report and explain.
struct CollectionsOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Promises to pay CSV (customer_id, invoice_id, amount, promised_date, made_on).",
      discussion: "An active promise pauses the ladder; a broken one moves it a rung up."))
  var promises: String?

  @Option(
    help: ArgumentHelp(
      "Disputes CSV (invoice_id, opened, resolved, reason).",
      discussion: "An open dispute pauses the reminders of its invoice only."))
  var disputes: String?

  @Option(
    help: ArgumentHelp(
      "Discounts offered CSV (invoice_id, taken), for each customer's own take-up.",
      discussion: "simulate --discount-offer-share writes one (discounts.csv)."))
  var discounts: String?

  @Option(
    help: ArgumentHelp(
      "Accepted payment plans: payment_plans.csv with the rows of the accepted plans kept.",
      discussion:
        "Their instalments replace the modelled cash of the invoices they pay off in cash_forecast.csv.",
      valueName: "file"))
  var acceptedPlans: String?

  @Option(
    parsing: .unconditional,
    help: "Early-payment discount considered for discount_offers.csv, in percent.")
  var discountPercent: Double = DiscountTerms().percent

  @Option(parsing: .unconditional, help: "Days from issue within which the discount applies.")
  var discountDays: Int = DiscountTerms().days

  @Option(
    parsing: .unconditional,
    help: "Cost of capital, in percent a year, that the days gained are worth.")
  var costOfCapital: Double = DiscountTerms().costOfCapital

  @Option(
    parsing: .unconditional,
    help:
      "Share of later payments that move into the window where a customer's own take-up is unknown (0-1)."
  )
  var discountTakeUp: Double = DiscountTerms().takeUp

  /// The files these options read, by option, for `DistinctPaths`.
  var inputs: [DistinctPaths.Given] {
    [
      ("--promises", promises), ("--disputes", disputes), ("--discounts", discounts),
      ("--accepted-plans", acceptedPlans),
    ]
  }

  func validate() throws {
    try OptionRange.check("--discount-percent", discountPercent, in: 0.01...50, unit: "%")
    try OptionRange.check("--discount-days", discountDays, in: 0...365, unit: " days")
    try OptionRange.check("--cost-of-capital", costOfCapital, in: 0...100, unit: "%")
    try OptionRange.check("--discount-take-up", discountTakeUp, in: 0...1, unit: "")
  }

  /// Reads the files given into `portfolio.collections`, with the history's date format
  /// setting, and notes how many rows of each were skipped and why.
  func attach(to portfolio: inout Portfolio, options: LoadOptions) throws {
    var dates = LoadOptions()
    dates.dateFormat = options.dateFormat
    portfolio.collections = CollectionsRecords(
      promises: try promises.map { try PromiseTable.load(path: $0, options: dates) },
      disputes: try disputes.map { try DisputeTable.load(path: $0, options: dates) },
      discounts: try discounts.map { try DiscountTable.load(path: $0, options: dates) })
    portfolio.collections.acceptedPlans = try acceptedPlans.map {
      try AcceptedPlanTable.load(path: $0, options: dates)
    }
    portfolio.collections.discountTerms.percent = discountPercent
    portfolio.collections.discountTerms.days = discountDays
    portfolio.collections.discountTerms.costOfCapital = costOfCapital
    portfolio.collections.discountTerms.takeUp = discountTakeUp
    let book = CollectionsBook(portfolio)
    for skipped in [
      book.skippedPromises, book.skippedDisputes, book.skippedDiscounts,
    ].compactMap({ $0 }) {
      for line in skipped.messages { note("warning: \(line)") }
    }
  }
}
