import CreditData
import LinearAlgebra

/// Population late rate and mean days late among outcomes known strictly before each day.
struct PopulationRates: Sendable {
  private let firstDay: Int32
  private let known: [Double]
  private let late: [Double]
  private let paid: [Double]
  private let daysLate: [Double]

  /// Per-day counts over chunks of the events on both cores.
  ///
  /// Every sum is of whole numbers (counts, days late capped at 365) far below 2⁵³, so it is
  /// exact in any order.
  init(events: [FeatureBuilder.Event], asOf: Day) {
    let first =
      Parallel.map(events.count) { range in
        var low = Int32.max
        for i in range { low = min(low, events[i].date) }
        return low
      }.min().flatMap { $0 == Int32.max ? nil : $0 } ?? asOf.rawValue
    let span = Int(asOf.rawValue - first) + 2
    // Entry i of each block counts events on day first + i - 1; blocks: known, late, paid,
    // days late.
    let blocks = Parallel.map(events.count) { range in
      var counts = [Double](repeating: 0, count: 4 * (span + 1))
      for e in events[range] {
        let i = Int(e.date - first) + 1
        switch e.kind {
        case .late:
          counts[i] += 1
          counts[(span + 1) + i] += 1
        case .knownOnTime: counts[i] += 1
        case .paid where e.daysLate >= 0:
          counts[2 * (span + 1) + i] += 1
          counts[3 * (span + 1) + i] += Double(e.daysLate)
        default: break
        }
      }
      return counts
    }
    var total = [Double](repeating: 0, count: 4 * (span + 1))
    for block in blocks { for i in total.indices { total[i] += block[i] } }
    var known = Array(total[0..<(span + 1)])
    var late = Array(total[(span + 1)..<(2 * (span + 1))])
    var paid = Array(total[(2 * (span + 1))..<(3 * (span + 1))])
    var daysLate = Array(total[(3 * (span + 1))...])
    // Prefix sums: entry i holds events on days < first + i.
    for i in 1...span {
      known[i] += known[i - 1]
      late[i] += late[i - 1]
      paid[i] += paid[i - 1]
      daysLate[i] += daysLate[i - 1]
    }
    self.firstDay = first
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
