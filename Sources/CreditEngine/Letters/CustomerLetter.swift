import CreditData

/// What a reminder letter to one customer says.
///
/// Its invoices with a due action (the worklist's rows), the promise to pay or the accepted
/// payment plan in force, and its balances; `LetterTemplate` (CreditReport) turns it into
/// text.
public struct CustomerLetter: Sendable, Equatable {
  /// The customer's place in the worklist, 1 first.
  public var rank: Int
  public var customerID: String
  /// The action of the customer's most urgent invoice (its first worklist row), which picks
  /// the template.
  public var action: String
  public var actionDate: Day
  public var openBalance: Double
  public var overdueBalance: Double
  /// The invoices with a due action, in worklist order (most overdue first).
  public var invoices: [Invoice]
  /// The latest made of the promises to pay in force on those invoices.
  public var promise: PromiseStatus?
  /// The customer's accepted payment plan (`--accepted-plans`): its instalments due after
  /// the as-of date, by date; empty without one.
  public var plan: [Instalment]

  /// An invoice of the letter.
  public struct Invoice: Sendable, Equatable {
    public var invoiceID: String
    public var amount: Double
    public var dueDate: Day
    public var daysPastDue: Int
    public var action: String
    public var actionDate: Day
    /// The promise to pay in force on it.
    public var promise: PromiseStatus?
  }

  /// An instalment of an accepted plan.
  public struct Instalment: Sendable, Equatable {
    public var dueDate: Day
    public var amount: Double
  }

  public init(
    rank: Int, customerID: String, action: String, actionDate: Day, openBalance: Double,
    overdueBalance: Double, invoices: [Invoice], promise: PromiseStatus?, plan: [Instalment]
  ) {
    self.rank = rank
    self.customerID = customerID
    self.action = action
    self.actionDate = actionDate
    self.openBalance = openBalance
    self.overdueBalance = overdueBalance
    self.invoices = invoices
    self.promise = promise
    self.plan = plan
  }

  /// The sum of the letter's invoices.
  public var totalDue: Double { invoices.reduce(0) { $0 + $1.amount } }

  /// The sum of the letter's invoices past due (due before the as-of date): one due on the
  /// as-of date or later is not overdue, as in the customer's `overdueBalance`.
  public var totalOverdue: Double {
    invoices.reduce(0) { $0 + ($1.daysPastDue > 0 ? $1.amount : 0) }
  }

  /// The letter split by action, one part per action in worklist order (the customer's most
  /// urgent first), each with that action's invoices, date and promise.
  public var byAction: [CustomerLetter] {
    var actions: [String] = []
    var invoices: [String: [Invoice]] = [:]
    for invoice in self.invoices {
      if invoices[invoice.action] == nil { actions.append(invoice.action) }
      invoices[invoice.action, default: []].append(invoice)
    }
    return actions.map { action in
      var part = self
      part.invoices = invoices[action] ?? []
      part.action = action
      part.actionDate = part.invoices.first?.actionDate ?? actionDate
      part.promise = Self.latest(part.invoices.compactMap(\.promise))
      return part
    }
  }

  /// The latest made of `promises` (the one in force, as on each invoice).
  static func latest(_ promises: [PromiseStatus]) -> PromiseStatus? {
    promises.max {
      ($0.madeOn ?? $0.promisedDate, $0.row) < ($1.madeOn ?? $1.promisedDate, $1.row)
    }
  }
}

extension Scorer {
  /// A letter for each customer with a row in the worklist, in worklist order.
  func letters(_ result: ScoreResult, _ book: OpenBook, _ events: CollectionsBook)
    -> [CustomerLetter]
  {
    let h = book.portfolio.history
    let asOf = book.asOf
    // The scores' ids (in the open rows' order): the history's are given up once the
    // invoices are scored.
    let row = Dictionary(
      zip(result.invoices.lazy.map(\.invoiceID), book.openRows).map { ($0, $1) },
      uniquingKeysWith: { a, _ in a })
    let customers = Dictionary(
      result.customers.map { ($0.customerID, $0) }, uniquingKeysWith: { a, _ in a })
    let plans = book.portfolio.collections.acceptedPlans.map { Self.instalments($0, after: asOf) }
    var letters: [CustomerLetter] = []
    for item in result.worklist {
      let k = row[item.invoiceID]
      let invoice = CustomerLetter.Invoice(
        invoiceID: item.invoiceID, amount: item.amount, dueDate: k.map { h.dueDate[$0] } ?? asOf,
        daysPastDue: item.daysPastDue, action: item.action, actionDate: item.actionDate,
        promise: k.flatMap { events.promiseOnInvoice[$0] })
      if letters.last?.customerID != item.customerID {
        let c = customers[item.customerID]
        letters.append(
          CustomerLetter(
            rank: letters.count + 1, customerID: item.customerID, action: item.action,
            actionDate: item.actionDate, openBalance: c?.openBalance ?? 0,
            overdueBalance: c?.overdueBalance ?? 0, invoices: [], promise: nil,
            plan: plans?[item.customerID] ?? []))
      }
      letters[letters.count - 1].invoices.append(invoice)
    }
    for i in letters.indices {
      letters[i].promise = CustomerLetter.latest(letters[i].invoices.compactMap(\.promise))
    }
    return letters
  }

  /// Each customer's accepted instalments due after the as-of date, by date.
  static func instalments(_ table: AcceptedPlanTable, after asOf: Day)
    -> [String: [CustomerLetter.Instalment]]
  {
    var rows: [String: [Int]] = [:]
    for r in 0..<table.count where table.dueDate[r] > asOf {
      rows[table.customerIDs[r], default: []].append(r)
    }
    return rows.mapValues { rs in
      rs.sorted { (table.dueDate[$0], $0) < (table.dueDate[$1], $1) }.map {
        CustomerLetter.Instalment(dueDate: table.dueDate[$0], amount: table.amount[$0])
      }
    }
  }
}
