/// The ageing buckets of open balances by days past due, in order; their column names
/// (aging.csv) and labels (the report) are defined here once.
public enum AgeingBucket: Int, CaseIterable, Sendable {
  case current
  case days1to30
  case days31to60
  case days61to90
  case days91to120
  case over120

  /// The bucket of an invoice `daysPastDue` days past due (0 or less: current).
  public init(daysPastDue d: Int) {
    switch d {
    case ...0: self = .current
    case 1...30: self = .days1to30
    case 31...60: self = .days31to60
    case 61...90: self = .days61to90
    case 91...120: self = .days91to120
    default: self = .over120
    }
  }

  /// The column name in aging.csv.
  public var column: String {
    ["current", "d1_30", "d31_60", "d61_90", "d91_120", "d120_plus"][rawValue]
  }

  /// The label in the report.
  public var label: String { ["current", "1-30", "31-60", "61-90", "91-120", "120+"][rawValue] }

  /// An amount per bucket, all zero.
  public static var zeros: [Double] { [Double](repeating: 0, count: allCases.count) }
}

/// Open balance by days past due (a row of aging.csv).
public struct AgeingRow: Sendable, Equatable {
  public var customerID: String
  /// The open amount in each `AgeingBucket`, in order.
  public var buckets: [Double]
  public var total: Double { buckets.reduce(0, +) }
}
