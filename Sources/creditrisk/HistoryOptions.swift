import ArgumentParser
import CreditData
import CreditEngine
import LinearAlgebra

/// Options shared by the commands that read a history.
struct HistoryOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Invoice history: CSV, semicolon-, tab- or pipe-separated text, or .xlsx (one row per "
        + "invoice); - reads standard input."))
  var history: String

  @Option(
    help: """
      Optional customers CSV (customer_id, credit_limit, region, industry, customer_since, \
      currency of the limits).
      """)
  var customers: String?

  @Option(help: "Snapshot date (YYYY-MM-DD); default: the latest date in the history.")
  var asOf: String?

  @Option(
    name: .customLong("map"),
    help: "Map a canonical column to a source column, e.g. --map amount=Total (repeatable).")
  var columnMap: [String] = []

  @Option(
    name: .customLong("customers-map"),
    help: ArgumentHelp(
      "Map a canonical column of the customers file to its column, e.g. --customers-map credit_limit='Credit Line' (repeatable).",
      valueName: "canonical=column"))
  var customersColumnMap: [String] = []

  @Option(
    help: ArgumentHelp(
      "Force the date format: YYYY-MM-DD, M/D/YYYY, D/M/YYYY or D.M.YYYY (default: detected per column).",
      discussion: "Short names work too: iso, mdy, dmy, dmy-dots.",
      valueName: "layout"))
  var dateFormat: String?

  @Option(help: "Force the field separator: , ; tab or | (default: detected).")
  var delimiter: String?

  @Option(help: "Force the decimal mark of amounts: point or comma (default: detected per column).")
  var decimal: String?

  @Option(
    help: "Force the encoding: utf-8, utf-16le, utf-16be or windows-1252 (default: detected).")
  var encoding: String?

  @Option(
    help: ArgumentHelp(
      "Exchange rates (currency,rate[,date]) converting every amount to one reporting "
        + "currency; needed when the history has several currencies."))
  var fx: String?

  @Option(help: "Worksheet of an .xlsx history (default: the first).")
  var sheet: String?

  @Option(help: "Reading profile saved by inspect --save-profile; flags given here override it.")
  var profile: String?

  /// The files these options read, by option, for `DistinctPaths`.
  var inputs: [DistinctPaths.Given] {
    [("--history", history), ("--customers", customers), ("--fx", fx), ("--profile", profile)]
  }

  func validate() throws {
    try OptionRange.checkDate("--as-of", asOf)
    for m in columnMap where !m.contains("=") {
      throw ValidationError("--map '\(m)' must look like canonical=SourceColumn")
    }
    for m in customersColumnMap where !m.contains("=") {
      throw ValidationError("--customers-map '\(m)' must look like canonical=SourceColumn")
    }
    if !customersColumnMap.isEmpty, customers == nil {
      throw ValidationError("--customers-map needs --customers")
    }
    if let f = dateFormat, DateFormat(name: f) == nil {
      throw ValidationError(
        "--date-format '\(f)' is not one of: \(DateFormat.names) (or iso, mdy, dmy, dmy-dots)")
    }
    if let d = delimiter, InputDialect.delimiterName(d) == nil {
      throw ValidationError("--delimiter '\(d)' is not one of: , ; tab |")
    }
    if let d = decimal, DecimalMark(name: d) == nil {
      throw ValidationError("--decimal '\(d)' is not one of: point, comma")
    }
    if let e = encoding, TextEncoding(name: e) == nil {
      throw ValidationError(
        "--encoding '\(e)' is not one of: \(TextEncoding.names)")
    }
  }

  /// The rates file a profile names, when `--profile` is given.
  private var profileRates: String? {
    get throws { try profile.flatMap { try InputProfile.read(path: $0).exchangeRatesFile } }
  }

  /// The options for reading the history and customers file: the profile's, overridden by
  /// the flags given.
  var loadOptions: LoadOptions {
    get throws {
      var options = try profile.map { try InputProfile.read(path: $0).options } ?? LoadOptions()
      options.columnMap.merge(Self.columnMap(columnMap)) { _, given in given }
      if let f = dateFormat { options.dateFormat = DateFormat(name: f) }
      if let d = delimiter { options.delimiter = InputDialect.delimiterName(d) }
      if let d = decimal { options.decimalMark = DecimalMark(name: d) }
      if let e = encoding { options.encoding = TextEncoding(name: e) }
      if let sheet { options.sheet = sheet }
      if let file = try fx ?? profileRates {
        options.exchangeRates = try ExchangeRates.load(path: file)
      }
      return options
    }
  }

  /// Reads the history (and customers file) into a portfolio at the as-of date, with the
  /// content hash of the history's bytes (stored in model files).
  ///
  /// The history is mapped, not copied, and hashed while it is parsed. With dated exchange
  /// rates, the invoices open at the as-of date are converted at that day's rates, unless
  /// `revaluingOpenInvoices` is false (a backtest, whose cutoffs come before that day, keeps
  /// every invoice at its issue date's rate).
  func loadPortfolio(revaluingOpenInvoices: Bool = true) throws -> (
    portfolio: Portfolio, inputHash: String
  ) {
    var hash = ""
    let portfolio = try portfolio(revaluingOpenInvoices: revaluingOpenInvoices) { options in
      let (invoices, contentHash) = try HistoryInput.loadHashed(path: history, options: options)
      hash = contentHash
      return invoices
    }
    return (portfolio, hash)
  }

  /// Reads the history (mapped, not copied, and not hashed) into a portfolio at the as-of date.
  func loadUnhashedPortfolio() throws -> Portfolio {
    try portfolio { options in try HistoryInput.load(path: history, options: options) }
  }

  /// Refuses a date given as `option` (--as-of, a backtest's cutoff) that is before the first
  /// invoice of `invoices`: nothing was issued by then.
  static func check(_ option: String, _ date: Day, notBeforeTheFirstOf invoices: InvoiceHistory)
    throws
  {
    let issued = invoices.issueDate
    guard let first = issued.indices.min(by: { issued[$0] < issued[$1] }), issued[first] > date
    else { return }
    throw CommandError(
      "\(option) \(date) is before the first invoice of \(invoices.report.fileName) (issued "
        + "\(issued[first]), line \(invoices.sourceLines[first])): nothing was issued by then; "
        + "expected a date from \(issued[first]) on")
  }

  /// The portfolio of the history `readHistory` returns, with the customers file's
  /// attributes, at the as-of date.
  ///
  /// The customers file is read on another thread meanwhile: it is small, and reading it
  /// after the history left one core idle (about 8 ms for 20,000 customers). An error in the
  /// history is reported before one in the customers file, as when they are read in turn.
  private func portfolio(
    revaluingOpenInvoices: Bool = true, _ readHistory: (LoadOptions) throws -> InvoiceHistory
  ) throws -> Portfolio {
    let options = try loadOptions
    var customerOptions = options
    customerOptions.columnMap = Self.columnMap(customersColumnMap)
    let info = customers.map { [customerOptions] path in
      Background {
        Result { try CustomerLoader.load(path: path, options: customerOptions) }
      }
    }
    let invoices: InvoiceHistory
    do {
      var history = try readHistory(options)
      if let rates = options.exchangeRates, history.currency == nil {
        note(
          "warning: \(history.report.fileName): no currency column, so the rates in "
            + "\(rates.fileName) are not applied: the amounts are taken as they are"
            + (rates.reportingCurrency.map { ", as if in \($0)" } ?? ""))
      }
      let openAt =
        revaluingOpenInvoices && options.exchangeRates != nil
        ? asOf.flatMap { Day(iso: $0) } ?? Portfolio.latestDate(in: history) : nil
      try history.convertToOneCurrency(rates: options.exchangeRates, openAt: openAt)
      for text in history.report.conversionWarnings {
        note("warning: \(history.report.fileName): \(text)")
      }
      invoices = history
      Self.noteExcluded(invoices.report)
      Self.noteCaseTwins(invoices)
    } catch {
      _ = info?.value
      throw error
    }
    if asOf == nil, let isolated = Portfolio.isolatedLatestDate(in: invoices) {
      _ = info?.value
      throw Self.isolatedDateError(isolated, in: invoices)
    }
    if let date = asOf.flatMap({ Day(iso: $0) }) {
      do {
        try Self.check("--as-of", date, notBeforeTheFirstOf: invoices)
      } catch {
        _ = info?.value
        throw error
      }
    }
    var table = try info?.value.get()
    if var limits = table, limits.creditLimitCurrency != nil {
      let day = asOf.flatMap { Day(iso: $0) } ?? Portfolio.latestDate(in: invoices)
      try limits.convertLimits(
        to: invoices.singleCurrency, rates: options.exchangeRates, on: day)
      table = limits
    }
    let byID = table.map(CustomerInfo.byID) ?? [:]
    if let table {
      Self.noteUnmatched(table.rows(notIn: invoices), of: table.count, in: table.report.fileName)
      Self.noteExcluded(table.report, inspectLists: false)
      Self.noteUnused(table)
      for industry in [false, true] {
        Self.noteConflicts(
          table.attributeConflicts(with: invoices, industry: industry),
          column: industry ? "industry" : "region", in: table.report.fileName,
          of: invoices.report.fileName)
      }
    }
    let portfolio = Portfolio(
      history: invoices, customers: byID, asOf: asOf.flatMap { Day(iso: $0) })
    if let date = portfolio.openAmountsDate, !portfolio.usesOpenAmounts {
      note(
        "warning: \(invoices.report.fileName): the open amounts are as of \(date), the file's "
          + "latest date, and cannot be applied at the earlier as-of date \(portfolio.asOf): "
          + "open invoices owe their whole amount")
    }
    let partPaid = invoices.report.partPaymentLines
    if !partPaid.isEmpty {
      note(
        "warning: \(invoices.report.fileName): \(MessageText.grouped(partPaid.count)) "
          + (partPaid.count == 1 ? "invoice has" : "invoices have")
          + " a payment date and an open amount that is not 0 ("
          + "\(InputDialect.lineList(partPaid))): the date is taken as a part payment and the "
          + "invoice as open, owing its open amount")
    }
    let settled = (0..<invoices.count).filter(portfolio.isSettledWithoutDate)
    if !settled.isEmpty {
      let lines = settled.map { Int(invoices.sourceLines[$0]) }
      note(
        "warning: \(invoices.report.fileName): \(MessageText.grouped(settled.count)) "
          + (settled.count == 1 ? "invoice has" : "invoices have")
          + " no payment date and an open amount of 0 (\(InputDialect.lineList(lines))): taken "
          + "as paid on a date the file does not give; not scored, chased, aged or held against")
    }
    return portfolio
  }
}

extension HistoryOptions {
  /// `canonical=SourceColumn` entries (checked by `validate`) as a map.
  static func columnMap(_ entries: [String]) -> [String: String] {
    var map: [String: String] = [:]
    for m in entries {
      let parts = m.split(separator: "=", maxSplits: 1)
      map[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
    }
    return map
  }

  /// The history's customer ids that differ only in letter case (`C000007`, `c000007`): kept
  /// apart, as ids match exactly, but said, since an export rarely means two customers so.
  static func noteCaseTwins(_ history: InvoiceHistory) {
    var byLowercase: [String: [String]] = [:]
    for id in history.customerIDs { byLowercase[id.lowercased(), default: []].append(id) }
    let twins = history.customerIDs.compactMap { id -> [String]? in
      guard let group = byLowercase[id.lowercased()], group.count > 1, group[0] == id else {
        return nil
      }
      return group
    }
    guard !twins.isEmpty else { return }
    let shown = MessageText.list(
      twins.map { $0.joined(separator: " and ") }, limit: 5, itemLimit: 100)
    note(
      "warning: \(history.report.fileName): customer ids that differ only in letter case are "
        + "kept as different customers: \(shown); correct the export if they are one")
  }

  /// The rows of an export that were left out as totals, labels, void invoices or payments,
  /// with their lines (`inspect` lists a history's).
  static func noteExcluded(_ report: LoadReport, inspectLists: Bool = true) {
    guard let dialect = report.dialect, !dialect.excludedRows.isEmpty else { return }
    let totals = dialect.excluded("totals")
    let labels = dialect.excluded("label")
    let void = dialect.excluded("void")
    let payments = dialect.excluded("payment")
    var parts: [String] = []
    if !totals.isEmpty {
      parts.append("\(totals.count) totals/subtotal rows (\(InputDialect.lineList(totals)))")
    }
    if !labels.isEmpty {
      parts.append("\(labels.count) label rows (\(InputDialect.lineList(labels)))")
    }
    if !void.isEmpty {
      parts.append(
        "\(void.count) void/cancelled/draft invoices by their status (\(InputDialect.lineList(void)))"
      )
    }
    if !payments.isEmpty {
      parts.append(
        "\(payments.count) payment/refund rows by their document type, not invoices "
          + "(\(InputDialect.lineList(payments)))")
    }
    note(
      "warning: \(report.fileName): excluded " + parts.joined(separator: " and ")
        + (inspectLists ? "; inspect lists them" : ""))
  }

  /// The customers file's columns that were not read, so none is dropped silently; a
  /// warning when the file has no credit limits while some column was left unread.
  static func noteUnused(_ table: CustomerTable) {
    let r = table.report
    guard !r.ignoredColumns.isEmpty else { return }
    let unused = "columns not used: " + MessageText.list(r.ignoredColumns)
    if r.columnMapping["credit_limit"] == nil {
      note(
        "warning: \(r.fileName): no credit_limit column found (\(unused)); customers have no "
          + "current limit: name it with --customers-map credit_limit=COLUMN")
    } else {
      note("\(r.fileName): \(unused) (--customers-map canonical=COLUMN names one)")
    }
  }

  /// The error for a latest date that stands alone (`Portfolio.isolatedLatestDate`) when it
  /// would become the as-of date: its line and column, and what to do.
  static func isolatedDateError(_ d: Portfolio.IsolatedDate, in history: InvoiceHistory)
    -> DataError
  {
    let canonical = d.isPayment ? "paid_date" : "issue_date"
    let days = MessageText.grouped(d.date.days(since: d.nextLatest))
    return DataError(
      .row, file: history.report.fileName, line: Int(history.sourceLines[d.row]),
      columnName: history.report.columnMapping[canonical] ?? canonical, text: d.date.isoString,
      message:
        "is \(days) days after every other date in the file (the next latest is "
        + "\(d.nextLatest.isoString)) and would become the as-of date, putting every open "
        + "invoice that much further past due; expected a date near the others: correct it, "
        + "or give --as-of"
    )
  }

  /// The warning for the customers file's regions or industries that differ from the
  /// history's own column, which is the one used.
  static func noteConflicts(
    _ rows: [(customerID: String, line: Int, file: String, history: String)], column: String,
    in file: String, of historyFile: String
  ) {
    guard !rows.isEmpty else { return }
    let shown = MessageText.list(
      rows.map { "\($0.customerID) (line \($0.line): \($0.file); the history has \($0.history))" },
      limit: 5, itemLimit: 200)
    note(
      "warning: \(file): the \(column) given for \(MessageText.grouped(rows.count)) "
        + (rows.count == 1 ? "customer" : "customers")
        + " differs from \(historyFile)'s \(column) column, which is the one used: \(shown)")
  }

  /// The warning for the customers file's rows that name no customer of the history: how many,
  /// which (line and id, the first few) and, for an id that differs from one of the history's
  /// only in letter case or leading zeros, that one.
  static func noteUnmatched(_ rows: [UnmatchedCustomerRow], of total: Int, in file: String) {
    guard !rows.isEmpty else { return }
    let shown = MessageText.list(
      rows.map { row in
        "\(row.customerID) (line \(row.line)"
          + (row.resembles.map { "; the history has \($0)" } ?? "") + ")"
      }, limit: 5, itemLimit: 100)
    note(
      "warning: \(file): \(MessageText.grouped(rows.count)) of \(MessageText.grouped(total)) "
        + (rows.count == 1 ? "row names a customer" : "rows name customers")
        + " not in the history (ids match exactly, letter case included), left unused: "
        + shown)
  }
}

/// Prints a line to standard error (progress, warnings, counts of skipped rows).
///
/// On a terminal the line is cleared first, so a progress line never runs into it. The
/// message is one line with control and invisible characters escaped (`MessageText`).
func note(_ message: String) {
  let clear = isatty(2) != 0 ? "\r\u{1B}[K" : ""
  let bytes = Array((clear + MessageText.oneLine(message, limit: 500) + "\n").utf8)
  bytes.withUnsafeBytes { raw in _ = Glibc.write(2, raw.baseAddress, raw.count) }
}

#if canImport(Glibc)
  import Glibc
#endif
