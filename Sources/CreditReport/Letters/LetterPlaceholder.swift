import CreditData
import CreditEngine

/// The placeholders a letter template may use (`{{name}}`).
public enum LetterPlaceholder: String, CaseIterable, Sendable {
  // The customer's.
  case customerID = "customer_id"
  case asOf = "as_of"
  /// The action of the customer's most urgent invoice, and its date.
  case action
  case actionDate = "action_date"
  case openBalance = "open_balance"
  case overdueBalance = "overdue_balance"
  /// The sum of the letter's invoices, and how many there are.
  case totalDue = "total_due"
  case invoiceCount = "invoice_count"
  /// The sum of the letter's invoices past due (an invoice due on the as-of date is not); a
  /// line with it is left out when none is.
  case totalOverdue = "total_overdue"
  /// The history's currency (a line with it is left out when the history states none).
  case currency
  /// The latest promise to pay in force, "3,418.72 by 2026-01-15 (made 2025-12-20)" (a line
  /// with it is left out without one).
  case promise
  /// The accepted payment plan's instalments after the as-of date, "2 instalments: 2,345.67
  /// on 2026-01-30, 654.33 on 2026-03-01" (a line with it is left out without one).
  case plan
  // Each invoice's (the line is written once per invoice).
  case invoiceID = "invoice_id"
  case amount
  case dueDate = "due_date"
  case daysOverdue = "days_overdue"
  /// The same in words: "1 day overdue", "12 days overdue", "due today", "due in 5 days".
  case overdue
  case invoiceAction = "invoice_action"
  case invoiceActionDate = "invoice_action_date"
  /// The promise in force on the invoice ("" without one).
  case invoicePromise = "invoice_promise"

  /// Repeats its line once per invoice.
  var isInvoice: Bool {
    switch self {
    case .invoiceID, .amount, .dueDate, .daysOverdue, .overdue, .invoiceAction,
      .invoiceActionDate, .invoicePromise:
      return true
    default: return false
    }
  }

  /// Leaves its line out when empty.
  var isOptional: Bool {
    self == .currency || self == .promise || self == .plan || self == .totalOverdue
  }
}

/// The values of a letter's placeholders: money with two decimals and thousands separators,
/// dates ISO, days whole.
struct LetterValues {
  var letter: CustomerLetter
  var asOf: Day
  var currency: String?

  static func money(_ x: Double) -> String { HTMLText.grouped(x, 2) }

  /// Days past due in words, singular where it is one day.
  static func overdue(_ days: Int) -> String {
    switch days {
    case 1: return "1 day overdue"
    case 2...: return "\(days) days overdue"
    case 0: return "due today"
    case -1: return "due tomorrow"
    default: return "due in \(-days) days"
    }
  }

  static func promise(_ p: PromiseStatus?) -> String {
    guard let p else { return "" }
    return "\(money(p.amount)) by \(p.promisedDate.isoString)"
      + (p.madeOn.map { " (made \($0.isoString))" } ?? "")
      + (p.isActive ? "" : ", date passed, not paid")
  }

  func text(_ p: LetterPlaceholder, invoice: CustomerLetter.Invoice?) -> String {
    switch p {
    case .customerID: return letter.customerID
    case .asOf: return asOf.isoString
    case .action: return letter.action
    case .actionDate: return letter.actionDate.isoString
    case .openBalance: return Self.money(letter.openBalance)
    case .overdueBalance: return Self.money(letter.overdueBalance)
    case .totalDue: return Self.money(letter.totalDue)
    case .invoiceCount: return "\(letter.invoices.count)"
    case .totalOverdue:
      let overdue = letter.totalOverdue
      return overdue > 0 ? Self.money(overdue) : ""
    case .currency: return currency ?? ""
    case .promise: return Self.promise(letter.promise)
    case .plan:
      guard !letter.plan.isEmpty else { return "" }
      let n = letter.plan.count
      return "\(n) instalment\(n == 1 ? "" : "s"): "
        + letter.plan.map { "\(Self.money($0.amount)) on \($0.dueDate.isoString)" }
        .joined(separator: ", ")
    case .invoiceID: return invoice?.invoiceID ?? ""
    case .amount: return invoice.map { Self.money($0.amount) } ?? ""
    case .dueDate: return invoice?.dueDate.isoString ?? ""
    case .daysOverdue: return invoice.map { "\(max($0.daysPastDue, 0))" } ?? ""
    case .overdue: return invoice.map { Self.overdue($0.daysPastDue) } ?? ""
    case .invoiceAction: return invoice?.action ?? ""
    case .invoiceActionDate: return invoice?.actionDate.isoString ?? ""
    case .invoicePromise: return Self.promise(invoice?.promise)
    }
  }
}
