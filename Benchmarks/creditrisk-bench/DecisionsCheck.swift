import CreditData
import CreditEngine
import CreditReport

#if canImport(Glibc)
  import Glibc
#endif

/// `creditrisk-bench decisions`: scores a history with a model file in process, as `creditrisk
/// score` does, and prints `DecisionCheck`'s counts; fails (exit 1) when any should-be-zero
/// count is not.
func runDecisionsCheck(_ args: Arguments) throws {
  guard let historyPath = args.options["history"], let modelPath = args.options["model"] else {
    fail("decisions needs --history FILE and --model FILE\n\n\(usage)")
  }
  var options = LoadOptions()
  if let fx = args.options["fx"] { options.exchangeRates = try ExchangeRates.load(path: fx) }
  var asOf: Day?
  if let text = args.options["as-of"] {
    guard let day = Day(iso: text) else { fail("--as-of must be YYYY-MM-DD") }
    asOf = day
  }
  // As `creditrisk score` converts: the invoices open at the as-of date at that day's rates.
  let loaded = try HistoryLoader.load(path: historyPath, options: options)
  let history = try loaded.inOneCurrency(
    rates: options.exchangeRates, openAt: asOf ?? Portfolio.latestDate(in: loaded))
  var customers: [String: CustomerInfo] = [:]
  if let path = args.options["customers"] {
    customers = CustomerInfo.byID(try CustomerLoader.load(path: path))
  }
  let portfolio = Portfolio(history: history, customers: customers, asOf: asOf)
  let model = try ModelFile.read(path: modelPath)
  let result = Scorer(model: model).score(portfolio)
  let check = DecisionCheck(portfolio, result, rule: model.rule)
  let g = MessageText.grouped
  print("\(historyPath) as of \(portfolio.asOf.isoString)")
  print(
    "  customers \(g(check.customers)), reasons \(g(check.reasons)), holds \(g(check.holds)), "
      + "limits below exposure \(g(check.belowExposure)), customers with undisputed invoices "
      + "90+ days past due \(g(check.seriouslyOverdueCustomers)), worklist rows "
      + "\(g(result.worklist.count))")
  print("  reasons contradicting the customer's values          \(g(check.contradictingReasons))")
  print("  customers on hold with a higher limit                 \(g(check.holdsRaised))")
  print("  limits moved beyond one review's cap or floor         \(g(check.limitsBeyondCaps))")
  print(
    "  limits below exposure without hold or reduce action   \(g(check.belowExposureUnhandled))")
  print(
    "  90+ days past due handled only as a dispute           \(g(check.overdueHandledOnlyAsDispute))"
  )
  for example in check.examples { print("  e.g. \(example)") }
  if !check.passed { exit(1) }
}
