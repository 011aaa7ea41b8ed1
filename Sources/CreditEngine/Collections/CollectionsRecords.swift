import CreditData

/// The collections files given beside the history: promises to pay and disputes.
///
/// Either may be absent; with neither the ladder runs on the history alone.
public struct CollectionsRecords: Sendable {
  public var promises: PromiseTable?
  public var disputes: DisputeTable?
  /// Discounts offered and taken, for the customers' own take-up.
  public var discounts: DiscountTable?
  /// Instalments of the payment plans customers accepted (`score --accepted-plans`).
  public var acceptedPlans: AcceptedPlanTable?
  /// The early-payment discount considered for discount_offers.csv.
  public var discountTerms = DiscountTerms()

  /// Records from the files read (nil = not given).
  public init(
    promises: PromiseTable? = nil, disputes: DisputeTable? = nil, discounts: DiscountTable? = nil
  ) {
    self.promises = promises
    self.disputes = disputes
    self.discounts = discounts
  }
}

/// Rows of a collections file that were not used, with why and where.
public struct SkippedRows: Sendable, Equatable {
  /// The file name as read.
  public var fileName: String
  /// Why -> the physical lines skipped for that reason, in file order.
  public var lines: [String: [Int]] = [:]

  /// The number of rows skipped.
  public var count: Int { lines.values.reduce(0) { $0 + $1.count } }

  /// One line per reason: "promises.csv: 3 rows skipped: invoice not in the history (lines 4,
  /// 9, 12)"; empty when nothing was skipped.
  public var messages: [String] {
    lines.sorted { $0.key < $1.key }.map { why, at in
      let shown = at.prefix(8).map(String.init).joined(separator: ", ")
      let more = at.count > 8 ? ", …" : ""
      let rows = at.count == 1 ? "1 row" : "\(at.count) rows"
      return
        "\(fileName): \(rows) skipped: \(why) (line\(at.count == 1 ? "" : "s") \(shown)\(more))"
    }
  }

  mutating func skip(_ line: Int32, _ why: String) { lines[why, default: []].append(Int(line)) }
}
