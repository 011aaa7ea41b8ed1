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

/// A row of the customers file whose customer is not in the history: its attributes (limit,
/// region, industry, tenure) reach no customer.
public struct UnmatchedCustomerRow: Sendable, Equatable {
  public var customerID: String
  /// The row's line in the customers file.
  public var line: Int
  /// A history customer whose id differs from this one only in letter case, surrounding
  /// spaces or leading zeros (ids are matched exactly), when there is one.
  public var resembles: String?
}

extension CustomerTable {
  /// The rows whose customer id is not one of `history`'s, in file order.
  public func rows(notIn history: InvoiceHistory) -> [UnmatchedCustomerRow] {
    let known = Set(history.customerIDs)
    var unmatched: [UnmatchedCustomerRow] = []
    for (i, id) in customerIDs.enumerated() where !known.contains(id) {
      unmatched.append(
        UnmatchedCustomerRow(customerID: id, line: Int(sourceLines[i]), resembles: nil))
    }
    guard !unmatched.isEmpty else { return [] }
    let byLooseKey = Dictionary(
      history.customerIDs.map { (Self.looseKey($0), $0) }, uniquingKeysWith: { first, _ in first })
    for k in unmatched.indices {
      unmatched[k].resembles = byLooseKey[Self.looseKey(unmatched[k].customerID)]
    }
    return unmatched
  }

  /// The rows whose region (`industry` false) or industry differs from every value the
  /// history's own column gives that customer, with the file's and one of the history's
  /// values: the history's column is the one used, so the file's is said, not dropped.
  ///
  /// Empty when either file has no such column. One pass over the invoices into arrays by
  /// customer (a dictionary of sets filled per invoice took 60 ms a column at a million
  /// invoices, a sixth of scoring).
  public func attributeConflicts(with history: InvoiceHistory, industry: Bool) -> [(
    customerID: String, line: Int, file: String, history: String
  )] {
    guard let mine = industry ? self.industry : region,
      let theirs = industry ? history.industry : history.region,
      history.customerIndex.count == theirs.codes.count
    else { return [] }
    // Each of the history's customers' row in the file (-1: none), and the history's code of
    // the file's value there (-1: a value the history's column never holds).
    let codeOfLevel = Dictionary(
      theirs.levels.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
    let rowOf = history.customerIDs.map { index(of: $0) ?? -1 }
    let wanted = rowOf.map { $0 < 0 ? -1 : codeOfLevel[mine.levels[Int(mine.codes[$0])]] ?? -1 }
    // Per customer: whether an invoice has the file's value, and the smallest code it has.
    var matched = [Bool](repeating: false, count: rowOf.count)
    var smallest = [Int32](repeating: .max, count: rowOf.count)
    for (k, customer) in history.customerIndex.enumerated() {
      let c = Int(customer)
      guard rowOf[c] >= 0 else { continue }
      let code = theirs.codes[k]
      smallest[c] = min(smallest[c], code)
      if code == wanted[c] { matched[c] = true }
    }
    var conflicts: [(customerID: String, line: Int, file: String, history: String)] = []
    for c in rowOf.indices.filter({ rowOf[$0] >= 0 }).sorted(by: { rowOf[$0] < rowOf[$1] }) {
      let row = rowOf[c]
      let value = mine.levels[Int(mine.codes[row])]
      guard smallest[c] != .max, !value.isEmpty, !matched[c] else { continue }
      conflicts.append(
        (customerIDs[row], Int(sourceLines[row]), value, theirs.levels[Int(smallest[c])]))
    }
    return conflicts
  }

  /// An id in lower case, without surrounding spaces or leading zeros: `C000007`, `c000007`
  /// and ` C000007` alike, `000007` and `7` alike (a spreadsheet drops the zeros of a number).
  static func looseKey(_ id: String) -> String {
    let trimmed = id.trimmingCharacters(in: .whitespaces).lowercased()
    let digits = trimmed.drop { $0 == "0" }
    return digits.isEmpty ? trimmed : String(digits)
  }
}
