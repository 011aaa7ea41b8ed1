import CreditData

/// What the optional customers file says about one customer.
public struct CustomerInfo: Sendable, Equatable {
  public var creditLimit: Double?
  public var region: String?
  public var industry: String?
  public var customerSince: Day?

  public init(
    creditLimit: Double? = nil, region: String? = nil, industry: String? = nil,
    customerSince: Day? = nil
  ) {
    self.creditLimit = creditLimit
    self.region = region
    self.industry = industry
    self.customerSince = customerSince
  }
}

extension CustomerInfo {
  /// The attributes of every customer in a customers file, by customer id.
  public static func byID(_ table: CustomerTable) -> [String: CustomerInfo] {
    var info: [String: CustomerInfo] = [:]
    info.reserveCapacity(table.count)
    for (i, id) in table.customerIDs.enumerated() {
      info[id] = CustomerInfo(
        creditLimit: table.creditLimit[i].isFinite ? table.creditLimit[i] : nil,
        region: table.region.map { $0.levels[Int($0.codes[i])] },
        industry: table.industry.map { $0.levels[Int($0.codes[i])] },
        customerSince: table.customerSince?[i])
    }
    return info
  }
}
