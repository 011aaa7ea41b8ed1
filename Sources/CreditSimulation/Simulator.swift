import CreditData
import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Generates a synthetic B2B payment history with known ground truth.
///
/// Generation runs in three passes, each deterministic for the seed:
/// 1. customers, each from its own random stream `(seed, 2c)`: region, industry, currency,
///    latent risk, size, invoicing rate, tenure, standard terms, paperless preference;
/// 2. invoice counts, apportioned to customers by invoicing rate × active days (largest
///    remainder, at least one each when there are enough invoices), then credit limits;
/// 3. invoices of customer `c` from stream `(seed, 2c + 1)`, blocks of customers in parallel,
///    then a stable sort by issue date that fixes the invoice ids;
/// 4. outcomes (`Simulator+Settle.swift`): never paying, distress, discounts, payment dates;
/// 5. collections events (`Simulator+Events.swift`): disputes and promises.
///
/// Everything added after the first three passes draws from streams of its own
/// (`Simulator.stream(_:customer:)`), so the history of a seed is the same whether or not
/// the added features are used.
///
/// Because every customer has its own streams, the output does not depend on the number of
/// threads or blocks.
///
/// - Complexity: O(customers + invoices) time and memory; about 60 bytes per invoice.
public struct Simulator: Sendable {
  /// What to simulate.
  public let configuration: SimulationConfiguration

  /// A simulator for a valid configuration.
  /// - Throws: `SimulationError.invalidSetting` when `configuration.validate()` fails.
  public init(_ configuration: SimulationConfiguration) throws(SimulationError) {
    try configuration.validate()
    self.configuration = configuration
  }

  /// Draws the portfolio.
  public func generate() -> SimulatedPortfolio {
    var customers = drawCustomers()
    apportionInvoices(&customers)
    assignCreditLimits(&customers)
    drawDistress(&customers)
    var invoices = drawInvoices(customers)
    let intercept = settle(&invoices, customers)
    var portfolio = SimulatedPortfolio(
      configuration: configuration, customers: customers, invoices: invoices)
    portfolio.neverPayIntercept = intercept
    portfolio.events = drawEvents(portfolio)
    return portfolio
  }

  // MARK: - Customers

  private func drawCustomers() -> SimulatedCustomers {
    let config = configuration
    let model = config.model
    let n = config.customerCount
    let regionWeights = cumulative(config.regions.map(\.weight))
    let industryWeights = cumulative(config.industries.map(\.weight))
    let currencyWeights = cumulative(config.currencies.map(\.weight))
    let termsWeights = cumulative(config.terms.map(\.weight))
    let logTypical = log(model.typicalAmountMedian)
    let logTenure = log(model.tenureMedianDays)

    var customers = SimulatedCustomers()
    customers.id.reserveCapacity(n)
    for c in 0..<n {
      var rng = Xoshiro256StarStar(seed: config.seed, stream: UInt64(2 * c))
      let region = config.regions[rng.nextCategory(cumulativeWeights: regionWeights)]
      let industry = config.industries[rng.nextCategory(cumulativeWeights: industryWeights)]
      let currency = config.currencies[rng.nextCategory(cumulativeWeights: currencyWeights)]
      let risk = region.riskShift + industry.riskShift + rng.nextNormal()
      let size = rng.nextNormal()
      let activity = exp(model.activitySigma * rng.nextNormal() + model.activitySizeLoading * size)
      // Tenure of at least a week, at most 30 years.
      let tenure = min(10_950, max(7, Int(exp(logTenure + model.tenureSigma * rng.nextNormal()))))
      let terms = config.terms[rng.nextCategory(cumulativeWeights: termsWeights)].days
      let paperless = rng.nextBernoulli(model.paperlessShare)

      customers.id.append(SimulatedCustomers.id(forIndex: c))
      customers.region.append(region.name)
      customers.industry.append(industry.name)
      customers.currency.append(currency.name)
      customers.latentRisk.append(risk)
      customers.typicalAmount.append(exp(logTypical + model.typicalAmountSigma * size))
      customers.activity.append(activity)
      customers.customerSince.append(config.asOf.adding(days: -tenure))
      customers.standardTermsDays.append(terms)
      customers.prefersPaperless.append(paperless)
    }
    return customers
  }

  /// The first day customer `c` can be invoiced.
  func windowStart(_ customers: SimulatedCustomers, _ c: Int) -> Day {
    max(configuration.historyStart, customers.customerSince[c])
  }

  /// Splits the invoice count over customers in proportion to activity × active days (the
  /// first customer's weight set so that it bills `dominantCustomerShare` of the amount,
  /// when that is positive).
  ///
  /// Largest-remainder apportionment (ties to the lower index) is exact and deterministic,
  /// unlike a multinomial draw it needs no shared random stream.
  private func apportionInvoices(_ customers: inout SimulatedCustomers) {
    let n = customers.count
    let total = configuration.invoiceCount
    let base = total >= n ? 1 : 0
    let rest = total - base * n
    let asOf = configuration.asOf
    var weights = (0..<n).map { c in
      customers.activity[c] * Double(asOf.days(since: windowStart(customers, c)) + 1)
    }
    let dominant = configuration.dominantCustomerShare
    if dominant > 0 && n > 1 {
      // The first customer's invoices, at its typical amount, bill `dominant` of the total.
      let others = (1..<n).reduce(0) { $0 + weights[$1] * customers.typicalAmount[$1] }
      weights[0] = dominant / (1 - dominant) * others / customers.typicalAmount[0]
    }
    let weightSum = weights.reduce(0, +)
    var counts = [Int](repeating: base, count: n)
    var remainders = [Double](repeating: 0, count: n)
    var assigned = 0
    for c in 0..<n {
      let quota = Double(rest) * weights[c] / weightSum
      let whole = Int(quota.rounded(.down))
      counts[c] += whole
      remainders[c] = quota - Double(whole)
      assigned += whole
    }
    let order = (0..<n).sorted {
      remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1
    }
    for k in 0..<(rest - assigned) { counts[order[k % n]] += 1 }
    customers.invoiceCount = counts
  }

  /// Credit limit: months of expected billing, lowered for risky customers, in thousands.
  private func assignCreditLimits(_ customers: inout SimulatedCustomers) {
    let model = configuration.model
    let meanFactor = exp(0.5 * model.invoiceAmountSigma * model.invoiceAmountSigma)
    customers.creditLimit = (0..<customers.count).map { c in
      let activeMonths =
        Double(configuration.asOf.days(since: windowStart(customers, c)) + 1) / 30.4
      let monthlyBilling =
        Double(customers.invoiceCount[c]) / max(activeMonths, 1) * customers.typicalAmount[c]
        * meanFactor
      let limit =
        model.creditLimitMonths * monthlyBilling
        * exp(-model.creditLimitRiskLoading * customers.latentRisk[c])
      return max(1_000, (limit / 1_000).rounded(.up) * 1_000)
    }
  }

  // MARK: - Invoices

  private func drawInvoices(_ customers: SimulatedCustomers) -> SimulatedInvoices {
    let bounds = blockBounds(customers.invoiceCount)
    let blocks = bounds.count - 1

    let results = Mutex<[SimulatedInvoices]>(Array(repeating: SimulatedInvoices(), count: blocks))
    DispatchQueue.concurrentPerform(iterations: blocks) { b in
      let part = drawInvoices(customers, in: bounds[b]..<bounds[b + 1])
      results.withLock { $0[b] = part }
    }
    var all = SimulatedInvoices()
    all.reserveCapacity(configuration.invoiceCount)
    results.withLock { parts in
      for part in parts { all.append(contentsOf: part) }
    }
    return all.permuted(by: issueDateOrder(all.issueDate))
  }

  /// Contiguous customer blocks with about equal invoice counts, as boundaries `0 ... n`.
  ///
  /// The blocks only spread work over threads; the invoices do not depend on them.
  private func blockBounds(_ counts: [Int]) -> [Int] {
    let n = counts.count
    let blockCount = min(n, 8)
    let perBlock = max(1, (configuration.invoiceCount + blockCount - 1) / blockCount)
    var bounds = [0]
    var running = 0
    for c in 0..<n {
      running += counts[c]
      if running >= perBlock * bounds.count && bounds.count < blockCount { bounds.append(c + 1) }
    }
    if bounds.last != n { bounds.append(n) }
    return bounds
  }

  /// A stable counting sort of invoice indices by issue date.
  private func issueDateOrder(_ dates: [Day]) -> [Int] {
    let start = Int(configuration.historyStart.rawValue)
    var counts = [Int](repeating: 0, count: configuration.historyDays + 2)
    for d in dates { counts[Int(d.rawValue) - start + 1] += 1 }
    for k in 1..<counts.count { counts[k] += counts[k - 1] }
    var order = [Int](repeating: 0, count: dates.count)
    for (i, d) in dates.enumerated() {
      let slot = Int(d.rawValue) - start
      order[counts[slot]] = i
      counts[slot] += 1
    }
    return order
  }

  /// The invoices of the customers in `range`, customer by customer.
  private func drawInvoices(_ customers: SimulatedCustomers, in range: Range<Int>)
    -> SimulatedInvoices
  {
    let config = configuration
    let model = config.model
    let asOf = config.asOf
    let termsWeights = cumulative(config.terms.map(\.weight))
    var out = SimulatedInvoices()
    out.reserveCapacity(range.reduce(0) { $0 + customers.invoiceCount[$1] })

    for c in range {
      var rng = Xoshiro256StarStar(seed: config.seed, stream: UInt64(2 * c + 1))
      let first = Int(windowStart(customers, c).rawValue)
      let risk = customers.latentRisk[c]
      let logTypical = log(customers.typicalAmount[c])
      let prefersPaperless = customers.prefersPaperless[c]
      for _ in 0..<customers.invoiceCount[c] {
        // Every invoice consumes the same draws in the same order, whatever the branches.
        let issue = Day(rawValue: Int32(rng.nextInt(in: first...Int(asOf.rawValue))))
        let standard = rng.nextBernoulli(model.standardTermsShare)
        let otherTerms = config.terms[rng.nextCategory(cumulativeWeights: termsWeights)].days
        let terms = standard ? customers.standardTermsDays[c] : otherTerms
        let rawAmount = exp(logTypical + model.invoiceAmountSigma * rng.nextNormal())
        let amount = (max(model.minimumAmount, rawAmount) * 100).rounded() / 100
        let disputed = rng.nextBernoulli(
          model.disputeProbability(latentRisk: risk, amount: amount))
        let asPreferred = rng.nextBernoulli(model.paperlessAdherence)
        let paperless = asPreferred ? prefersPaperless : !prefersPaperless
        // Never paying is decided by this uniform once the intercept is settled
        // (`nextBernoulli(p)` is `nextUniform() < p`).
        let neverPayUniform = rng.nextUniform()
        let eta = model.aftLinearPredictor(
          termsDays: terms, amount: amount, disputed: disputed, paperless: paperless,
          latentRisk: risk)
        let days = exp(eta + model.aftSigma * rng.nextMinExtremeValue())

        out.customerIndex.append(Int32(c))
        out.issueDate.append(issue)
        out.termsDays.append(terms)
        out.dueDate.append(issue.adding(days: terms))
        out.amount.append(amount)
        out.disputed.append(disputed)
        out.paperless.append(paperless)
        out.latentDaysToPay.append(days)
        out.neverPayUniform.append(neverPayUniform)
      }
    }
    return out
  }

  func cumulative(_ weights: [Double]) -> [Double] {
    var total = 0.0
    return weights.map {
      total += $0
      return total
    }
  }
}
