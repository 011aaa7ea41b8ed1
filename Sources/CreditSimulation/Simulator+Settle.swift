import CreditData

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Pass 4: distress, the never-pay intercept, discounts and payment dates.
extension Simulator {
  /// Tags of the random streams added after the first generator; stream `tag << 40 | c`
  /// belongs to customer `c` and never meets the streams `2c` and `2c + 1`.
  enum StreamTag: UInt64 {
    case distress = 1
    case discounts = 2
    case disputes = 3
    case promises = 4
  }

  /// The stream of `tag` for customer `c`.
  static func stream(_ tag: StreamTag, customer c: Int) -> UInt64 {
    tag.rawValue << 40 | UInt64(c)
  }

  /// Picks the distressed customers and their change dates, each from its own stream.
  func drawDistress(_ customers: inout SimulatedCustomers) {
    let share = configuration.distressedShare
    let model = configuration.collections
    customers.distressFrom = (0..<customers.count).map { c in
      guard share > 0 else { return nil }
      var rng = Xoshiro256StarStar(
        seed: configuration.seed, stream: Simulator.stream(.distress, customer: c))
      let distressed = rng.nextBernoulli(share)
      let before = rng.nextInt(in: model.distressLatestDays...model.distressEarliestDays)
      return distressed ? configuration.asOf.adding(days: -before) : nil
    }
  }

  /// Decides never paying, applies distress and discounts, and fixes every payment date.
  ///
  /// An invoice never pays when its uniform is below
  /// `logistic(w0 + w1 risk + w2 disputed + distressNeverPayLogit · progress)`; `w0` is
  /// `model.writeOffIntercept`, or with a `neverPayRate` the root of
  /// `mean_i logistic(w0 + z_i) = rate` over the drawn invoices.
  /// - Returns: the never-pay intercept used.
  func settle(_ inv: inout SimulatedInvoices, _ customers: SimulatedCustomers) -> Double {
    let config = configuration
    let model = config.model
    let collections = config.collections
    let n = inv.count
    inv.logTimeShift = [Double](repeating: 0, count: n)
    var distressLogit = [Double](repeating: 0, count: n)
    for i in 0..<n {
      guard let from = customers.distressFrom[Int(inv.customerIndex[i])] else { continue }
      let progress = collections.distressProgress(
        daysSinceChange: inv.issueDate[i].days(since: from))
      inv.logTimeShift[i] = collections.distressLogTimeShift(progress: progress)
      distressLogit[i] = collections.distressNeverPayLogit * progress
      inv.latentDaysToPay[i] *= exp(inv.logTimeShift[i])
    }
    func logit(_ i: Int, _ intercept: Double) -> Double {
      model.neverPaysLogit(
        intercept: intercept, latentRisk: customers.latentRisk[Int(inv.customerIndex[i])],
        disputed: inv.disputed[i]) + distressLogit[i]
    }
    var intercept = model.writeOffIntercept
    if let rate = config.neverPayRate, n > 0 {
      let offsets = (0..<n).map { logit($0, 0) }
      intercept = Simulator.calibratedIntercept(offsets: offsets, rate: rate)
    }
    inv.neverPayProbability = (0..<n).map { logistic(logit($0, intercept)) }
    inv.neverPays = (0..<n).map { inv.neverPayUniform[$0] < inv.neverPayProbability[$0] }
    settlePayments(&inv, customers)
    return intercept
  }

  /// Discount offers and take-up, payment ages, paid dates and write-off flags.
  private func settlePayments(_ inv: inout SimulatedInvoices, _ customers: SimulatedCustomers) {
    let config = configuration
    let asOf = config.asOf
    let window = config.collections.discountDays
    let n = inv.count
    var streams: [Xoshiro256StarStar?] = Array(repeating: nil, count: customers.count)
    inv.discountOffered = [Bool](repeating: false, count: n)
    inv.discountTaken = [Bool](repeating: false, count: n)
    inv.paymentAge = []
    inv.paidDate = []
    inv.writtenOff = []
    inv.paymentAge.reserveCapacity(n)
    inv.paidDate.reserveCapacity(n)
    inv.writtenOff.reserveCapacity(n)
    for i in 0..<n {
      // Paid at least one day after issue; capped at 100 years so dates stay representable.
      var age = min(36_500, max(1, Int(inv.latentDaysToPay[i].rounded())))
      if config.discountOfferShare > 0 {
        let c = Int(inv.customerIndex[i])
        var rng =
          streams[c]
          ?? Xoshiro256StarStar(
            seed: config.seed, stream: Simulator.stream(.discounts, customer: c))
        let offered = rng.nextBernoulli(config.discountOfferShare)
        let takes = rng.nextBernoulli(
          config.collections.discountTakeUpProbability(latentRisk: customers.latentRisk[c]))
        streams[c] = rng
        inv.discountOffered[i] = offered
        if offered && !inv.neverPays[i] && (age <= window || takes) {
          inv.discountTaken[i] = true
          age = min(age, window)
        }
      }
      let issue = inv.issueDate[i]
      let paid = issue.adding(days: age)
      let neverPays = inv.neverPays[i]
      inv.paymentAge.append(neverPays ? nil : age)
      inv.paidDate.append(neverPays || paid > asOf ? nil : paid)
      inv.writtenOff.append(
        config.flagsWriteOffs && neverPays
          && asOf.days(since: inv.dueDate[i]) > config.model.writeOffAfterDays)
    }
  }

  /// The intercept `w0` with `mean_i logistic(w0 + offsets[i]) = rate`.
  ///
  /// The mean is increasing in `w0`, so Newton's method from the bracket's midpoint, falling
  /// back to bisection whenever a step leaves the bracket, converges; it stops when the
  /// bracket is narrower than 1e-12 or the mean is within 1e-14 of the rate.
  static func calibratedIntercept(offsets: [Double], rate: Double) -> Double {
    var low = -50.0
    var high = 50.0
    var w = 0.0
    for _ in 0..<200 {
      var mean = 0.0
      var slope = 0.0
      for z in offsets {
        let p = logistic(w + z)
        mean += p
        slope += p * (1 - p)
      }
      mean /= Double(offsets.count)
      slope /= Double(offsets.count)
      if abs(mean - rate) < 1e-14 || high - low < 1e-12 { break }
      if mean < rate { low = w } else { high = w }
      let step = w - (mean - rate) / slope
      w = slope > 0 && step > low && step < high ? step : (low + high) / 2
    }
    return w
  }
}
