import CreditData
import LinearAlgebra

/// Population late rate and mean days late among outcomes known strictly before each day.
struct PopulationRates: Sendable {
  private let firstDay: Int32
  private let known: [Double]
  private let late: [Double]
  private let paid: [Double]
  private let daysLate: [Double]

  /// The rates from per-day counts (of one history, or added over the shards of one).
  init(counts: PopulationCounts) {
    let span = counts.known.count - 1
    var known = counts.known
    var late = counts.late
    var paid = counts.paid
    var daysLate = counts.daysLate
    // Prefix sums: entry i holds events on days < first + i.
    for i in 1...span {
      known[i] += known[i - 1]
      late[i] += late[i - 1]
      paid[i] += paid[i - 1]
      daysLate[i] += daysLate[i - 1]
    }
    self.firstDay = counts.firstDay
    self.known = known
    self.late = late
    self.paid = paid
    self.daysLate = daysLate
  }

  /// Rates from events dated strictly before `day`.
  func at(_ day: Int32) -> (lateRate: Double, meanDaysLate: Double) {
    let i = max(0, min(known.count - 1, Int(day - firstDay)))
    let lateRate = (late[i] + 1) / (known[i] + 2)
    let meanDaysLate = paid[i] > 0 ? daysLate[i] / paid[i] : 0
    return (lateRate, meanDaysLate)
  }
}

/// The population's outcome events per day: the additive part of `PopulationRates`.
///
/// Entry i of each array counts events on day `firstDay + i − 1` (entry 0 is always 0), up to
/// the as-of date. Counts of the shards of a history (split by customer) add up to the
/// history's own (`adding`): every count is a whole number far below 2⁵³, exact in any order.
package struct PopulationCounts: Codable, Sendable, Equatable {
  var firstDay: Int32
  var known: [Double]
  var late: [Double]
  var paid: [Double]
  var daysLate: [Double]

  /// Per-day counts of the events of items `0..<count`, over chunks of items on both cores:
  /// `events(range, body)` calls `body` with every event of the items in `range` (the
  /// invoices of a history, each giving its events as they happen, none stored).
  init(
    asOf: Day, count: Int,
    events: (Range<Int>, (FeatureBuilder.Event) -> Void) -> Void
  ) {
    // One read of the events: each chunk counts them by days before the as-of date (the
    // latest an event can be), growing its counts as older days come, and notes its first
    // day; the chunks' counts are then laid out from the first day of all.
    let last = asOf.rawValue
    let chunks = Parallel.map(count) { range in
      var low = Int32.max
      // Entry 4j + b counts block b (known, late, paid, days late) on day last - j.
      var counts: [Double] = []
      events(range) { e in
        precondition(e.date <= last, "an event after the as-of date")
        low = min(low, e.date)
        let j = 4 * Int(last - e.date)
        if j >= counts.count {
          counts.append(
            contentsOf: repeatElement(0, count: max(j + 4, 2 * counts.count) - counts.count))
        }
        switch e.kind {
        case .late:
          counts[j] += 1
          counts[j + 1] += 1
        case .knownOnTime: counts[j] += 1
        case .paid where e.daysLate >= 0:
          counts[j + 2] += 1
          counts[j + 3] += Double(e.daysLate)
        default: break
        }
      }
      return (low: low, counts: counts)
    }
    let first = chunks.map(\.low).min().flatMap { $0 == Int32.max ? nil : $0 } ?? last
    let span = Int(last - first) + 2
    // Entry i of each block counts events on day first + i - 1; blocks: known, late, paid,
    // days late.
    var total = [Double](repeating: 0, count: 4 * (span + 1))
    // A chunk's counts hold zeros beyond its own first day (they grow by doubling).
    for chunk in chunks where chunk.low != Int32.max {
      for j in stride(from: 0, through: 4 * Int(last - chunk.low), by: 4) {
        let i = Int(last - first) - j / 4 + 1
        for b in 0..<4 { total[b * (span + 1) + i] += chunk.counts[j + b] }
      }
    }
    firstDay = first
    known = Array(total[0..<(span + 1)])
    late = Array(total[(span + 1)..<(2 * (span + 1))])
    paid = Array(total[(2 * (span + 1))..<(3 * (span + 1))])
    daysLate = Array(total[(3 * (span + 1))...])
  }

  /// The counts of both histories (the shards of one, at the same as-of date).
  package func adding(_ other: PopulationCounts) -> PopulationCounts {
    precondition(
      Int(firstDay) + known.count == Int(other.firstDay) + other.known.count,
      "population counts at different as-of dates")
    let first = min(firstDay, other.firstDay)
    let length = known.count + Int(firstDay - first)
    func add(_ a: [Double], _ b: [Double]) -> [Double] {
      var sum = [Double](repeating: 0, count: length)
      for (i, v) in a.enumerated() { sum[length - a.count + i] += v }
      for (i, v) in b.enumerated() { sum[length - b.count + i] += v }
      return sum
    }
    var merged = self
    merged.firstDay = first
    merged.known = add(known, other.known)
    merged.late = add(late, other.late)
    merged.paid = add(paid, other.paid)
    merged.daysLate = add(daysLate, other.daysLate)
    return merged
  }
}
