import CreditData
import CreditReport
import Testing

@testable import CreditEngine

/// The header of each of the six files `score` writes, pinned to the product contract
/// (PRODUCT.md, "Score outputs"): the contract's columns first, in its order; extra columns
/// only after them.
@Suite struct ScoreFileHeaderTests {
  /// The header line of each file, from a result with no rows.
  static let headers: [String: [String]] = {
    let empty = ScoreResult(
      asOf: Day(rawValue: 0), invoices: [], customers: [], creditLimits: [], worklist: [],
      ageing: [], cashForecast: [], unseenCategoryRows: 0, openCreditNotes: 0,
      extrapolatedDates: 0)
    var headers: [String: [String]] = [:]
    for file in ScoreFiles.render(empty) {
      let text = String(decoding: file.writer.bytes, as: UTF8.self)
      let line = text.split(separator: "\n", omittingEmptySubsequences: false)[0]
      headers[file.name] = line.split(separator: ",").map(String.init)
    }
    return headers
  }()

  @Test func theSixFilesAreWritten() {
    #expect(
      Set(Self.headers.keys) == [
        "invoices.csv", "customers.csv", "credit_limits.csv", "worklist.csv", "aging.csv",
        "cash_forecast.csv", "payment_plans.csv", "discount_offers.csv",
      ])
  }

  @Test(arguments: [
    (
      "invoices.csv",
      [
        "invoice_id", "customer_id", "amount", "due_date", "days_past_due", "pd",
        "expected_payment_date", "p_paid_30d", "risk_grade", "p_paid_ever", "payment_date_p10",
        "payment_date_p90", "expected_payment_basis",
      ]
    ),
    (
      "customers.csv",
      [
        "customer_id", "open_balance", "overdue_balance", "pd", "risk_score", "risk_grade",
        "reason_1", "reason_2", "reason_3",
      ]
    ),
    ("credit_limits.csv", ["customer_id", "current_limit", "recommended_limit", "hold", "reason"]),
    (
      "aging.csv",
      ["customer_id", "current", "d1_30", "d31_60", "d61_90", "d91_120", "d120_plus", "total"]
    ),
    ("cash_forecast.csv", ["week_start", "expected", "p10", "p90", "expected_new"]),
  ])
  func contractColumnsComeFirst(file: String, contract: [String]) throws {
    let header = try #require(Self.headers[file])
    #expect(Array(header.prefix(contract.count)) == contract)
  }

  /// The contract's worklist: one row per invoice, `rank, customer_id, invoice_id,
  /// amount_at_risk, action, action_date, reason`, then the extras; no `priority`, and
  /// `expected_loss` only with a stated loss given default.
  @Test func worklistHeader() throws {
    let contract = [
      "rank", "customer_id", "invoice_id", "amount_at_risk", "action", "action_date", "reason",
    ]
    let header = try #require(Self.headers["worklist.csv"])
    #expect(
      header == contract + [
        "amount", "days_past_due", "disputed", "customer_amount_at_risk", "as_of",
      ])
    #expect(!header.contains("priority") && !header.contains("expected_loss"))
    // With a stated loss given default, expected_loss follows as the last column.
    let stated = ScoreResult(
      asOf: Day(rawValue: 0), invoices: [], customers: [], creditLimits: [], worklist: [],
      ageing: [], cashForecast: [], unseenCategoryRows: 0, openCreditNotes: 0,
      extrapolatedDates: 0, lossGivenDefault: 0.6)
    let text = String(decoding: ScoreFiles.worklist(stated).bytes, as: UTF8.self)
    #expect(
      text.hasPrefix(header.dropLast().joined(separator: ",") + ",expected_loss,as_of\n"))
  }

  /// Each file's columns beyond the contract's: the as-of date last in every file (the
  /// contract: every output row carries its as-of date), and credit_limits.csv's open
  /// balance and action.
  @Test func extraColumns() throws {
    #expect(Self.headers["invoices.csv"]?.count == 14)
    #expect(Self.headers["customers.csv"]?.count == 13)
    #expect(Self.headers["credit_limits.csv"]?.count == 8)
    #expect(Self.headers["worklist.csv"]?.count == 12)
    #expect(Self.headers["aging.csv"]?.count == 9)
    #expect(Self.headers["cash_forecast.csv"]?.count == 6)
    #expect(
      Self.headers["payment_plans.csv"]?.prefix(4) == [
        "customer_id", "instalment", "due_date", "amount",
      ])
    #expect(Self.headers["discount_offers.csv"]?.count == 12)
    for (name, header) in Self.headers { #expect(header.last == "as_of", "\(name)") }
  }

  /// With a currency (the history's one, or `--fx`'s reporting currency) each of the six files gains a
  /// `currency` column just before `as_of`; the contract's columns stay first and in order.
  @Test func currencyComesBeforeTheAsOfDate() throws {
    var result = ScoreResult(
      asOf: Day(rawValue: 0), invoices: [], customers: [], creditLimits: [], worklist: [],
      ageing: [], cashForecast: [], unseenCategoryRows: 0, openCreditNotes: 0,
      extrapolatedDates: 0)
    result.currency = "EUR"
    let six: Set = [
      "invoices.csv", "customers.csv", "credit_limits.csv", "worklist.csv", "aging.csv",
      "cash_forecast.csv",
    ]
    for file in ScoreFiles.render(result) where six.contains(file.name) {
      let text = String(decoding: file.writer.bytes, as: UTF8.self)
      let header = text.split(separator: "\n")[0].split(separator: ",").map(String.init)
      let without = try #require(Self.headers[file.name])
      #expect(header == without.dropLast() + ["currency", "as_of"], "\(file.name)")
    }
  }

  /// The columns of the score files and changes.csv that hold text: ids, grades, reasons,
  /// actions, flags, the currency.
  static let textColumns: Set = [
    "invoice_id", "customer_id", "risk_grade", "expected_payment_basis", "reason_1", "reason_2",
    "reason_3", "distress", "distress_reason", "currency", "hold", "reason", "action",
    "disputed", "take_up_basis", "change", "previous_grade", "grade", "previous_hold",
    "new_hold",
  ]

  /// Every column of the score files and changes.csv has the kind the workbook of
  /// `score --xlsx` stores its cells as: a column not listed as text is a number or a date
  /// there, so a column added to a file without a kind fails here instead of landing in the
  /// workbook as text that a spreadsheet cannot add up.
  @Test func everyColumnThatIsNotTextHasANumberOrDateKind() {
    var result = ScoreResult(
      asOf: Day(rawValue: 0), invoices: [], customers: [], creditLimits: [], worklist: [],
      ageing: [], cashForecast: [], unseenCategoryRows: 0, openCreditNotes: 0,
      extrapolatedDates: 0, lossGivenDefault: 0.6)
    result.currency = "EUR"
    var files = ScoreFiles.render(result).map { ($0.name, $0.writer) }
    let changes = RunChanges(previous: PreviousRun(asOf: nil, customers: [:]), current: result)
    files.append((ChangesFile.name, ChangesFile.render(changes)))
    for (name, writer) in files {
      let text = String(decoding: writer.bytes, as: UTF8.self)
      for column in text.split(separator: "\n")[0].split(separator: ",").map(String.init) {
        let kind = ScoreFiles.columnKind(column)
        if case .text = kind {
          #expect(Self.textColumns.contains(column), "\(name): \(column) has no kind")
        } else {
          #expect(!Self.textColumns.contains(column), "\(name): \(column)")
        }
      }
    }
  }
}
