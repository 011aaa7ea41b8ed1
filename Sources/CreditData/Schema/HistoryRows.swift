/// Where each canonical history column sits in the file's header (-1 = absent).
struct HistoryColumns {
  let id: Int
  let customer: Int
  let issue: Int
  let due: Int
  let terms: Int
  let amount: Int
  let paid: Int
  let currency: Int
  let disputed: Int
  let paperless: Int
  let writtenOff: Int
  let region: Int
  let industry: Int
  let limit: Int
  /// Fields per row (the header's).
  let width: Int

  init(_ mapping: InputSchema.Mapping, width: Int) {
    id = mapping.column("invoice_id")
    customer = mapping.column("customer_id")
    issue = mapping.column("issue_date")
    due = mapping.column("due_date")
    terms = mapping.column("terms_days")
    amount = mapping.column("amount")
    paid = mapping.column("paid_date")
    currency = mapping.column("currency")
    disputed = mapping.column("disputed")
    paperless = mapping.column("paperless")
    writtenOff = mapping.column("written_off")
    region = mapping.column("region")
    industry = mapping.column("industry")
    limit = mapping.column("credit_limit")
    self.width = width
  }
}

/// The columns of a run of consecutive history rows, as the single pass reads them: values
/// converted, ids and categories interned, dates still packed (see `RawDateColumn`).
///
/// A file is read into one `HistoryRows`, or, when `HistoryLoader` splits it, into one per
/// chunk that are then joined in file order with `append(_:)`.
struct HistoryRows {
  var invoiceIDs: [String] = []
  var invoiceHashes = DuplicateFinder()
  var customerIndex: [Int32] = []
  /// Distinct customer ids in order of first appearance; `customerSet` numbers them.
  var customerIDs: [String] = []
  var customerSet = ByteInterner(expectedCount: 1024)
  var issueRaw: RawDateColumn
  var dueRaw: RawDateColumn
  var paidRaw: RawDateColumn
  /// Terms in days, -1 when empty (only when the file has the column).
  var terms: [Int32] = []
  var amount: [Double] = []
  var currency = CategoryBuilder(capacity: 0)
  var region = CategoryBuilder(capacity: 0)
  var industry = CategoryBuilder(capacity: 0)
  var disputed: [Bool] = []
  var paperless: [Bool] = []
  var writtenOff: [Bool] = []
  var creditLimit: [Double] = []
  var sourceLines: [Int32] = []
  var blankLines = 0
  /// The scanner's line number after the last row read (one past the rows' last line).
  var nextLine = 0

  init(forced: DateFormat?) {
    issueRaw = RawDateColumn(capacity: 0, forced: forced)
    dueRaw = RawDateColumn(capacity: 0, forced: forced)
    paidRaw = RawDateColumn(capacity: 0, forced: forced)
  }

  // MARK: - The pass

  /// Reads every remaining row of `scanner`, stopping at the first bad field.
  ///
  /// Columns are sized from the first row's length, for rows up to byte `sizeEnd`.
  ///
  /// - Throws: `DataError` naming the line and column of the first problem.
  static func read(
    _ scanner: inout CSVScanner, columns: HistoryColumns, context ctx: LoadContext,
    forced: DateFormat?, sizeEnd: Int
  ) throws -> HistoryRows {
    let iID = columns.id
    let iCustomer = columns.customer
    let iIssue = columns.issue
    let iDue = columns.due
    let iTerms = columns.terms
    let iAmount = columns.amount
    let iPaid = columns.paid
    let iCurrency = columns.currency
    let iDisputed = columns.disputed
    let iPaperless = columns.paperless
    let iWrittenOff = columns.writtenOff
    let iRegion = columns.region
    let iIndustry = columns.industry
    let iLimit = columns.limit
    let width = columns.width

    var invoiceIDs: [String] = []
    var invoiceHashes = DuplicateFinder()
    var customerIndex: [Int32] = []
    var customerIDs: [String] = []
    var customerSet = ByteInterner(expectedCount: 1024)
    var issueRaw = RawDateColumn(capacity: 0, forced: forced)
    var dueRaw = RawDateColumn(capacity: 0, forced: forced)
    var paidRaw = RawDateColumn(capacity: 0, forced: forced)
    var terms: [Int32] = []
    var amount: [Double] = []
    var currency = CategoryBuilder(capacity: 0)
    var region = CategoryBuilder(capacity: 0)
    var industry = CategoryBuilder(capacity: 0)
    var disputed: [Bool] = []
    var paperless: [Bool] = []
    var writtenOff: [Bool] = []
    var creditLimit: [Double] = []
    var sourceLines: [Int32] = []

    @inline(__always) func text(_ f: UnsafeBufferPointer<UInt8>) -> String {
      String(decoding: f, as: UTF8.self)
    }

    while try scanner.nextRow() {
      if scanner.fieldCount != width { try CSVTable.checkWidth(scanner, expected: width) }
      let line = scanner.rowLine
      if sourceLines.isEmpty {
        // Size every column from the first data row's length.
        let rowBytes = max(scanner.position - scanner.rowStart, 8)
        let m = max(sizeEnd - scanner.rowStart, 0) / rowBytes * 11 / 10 + 16
        invoiceIDs.reserveCapacity(m)
        invoiceHashes.reserve(m)
        customerIndex.reserveCapacity(m)
        issueRaw.packed.reserveCapacity(m)
        if iDue >= 0 { dueRaw.packed.reserveCapacity(m) }
        if iTerms >= 0 { terms.reserveCapacity(m) }
        paidRaw.packed.reserveCapacity(m)
        amount.reserveCapacity(m)
        if iCurrency >= 0 { currency.reserve(m) }
        if iRegion >= 0 { region.reserve(m) }
        if iIndustry >= 0 { industry.reserve(m) }
        disputed.reserveCapacity(m)
        paperless.reserveCapacity(m)
        writtenOff.reserveCapacity(m)
        if iLimit >= 0 { creditLimit.reserveCapacity(m) }
        sourceLines.reserveCapacity(m)
      }

      // Invoice id: required, unique.
      let id = scanner.trimmedField(iID)
      if id.isEmpty {
        throw ctx.fieldError(line: line, column: iID, text: nil, "empty; expected an invoice id")
      }
      invoiceHashes.append(ByteInterner.hash(id))
      invoiceIDs.append(text(id))

      // Customer id: required, interned.
      let customer = scanner.trimmedField(iCustomer)
      if customer.isEmpty {
        throw ctx.fieldError(
          line: line, column: iCustomer, text: nil, "empty; expected a customer id")
      }
      let (c, newCustomer) = customerSet.intern(customer)
      if newCustomer { customerIDs.append(text(customer)) }
      customerIndex.append(Int32(truncatingIfNeeded: c))

      // Dates, kept as packed parts until each column's layout is known.
      let issue = scanner.trimmedField(iIssue)
      if issue.isEmpty {
        throw ctx.fieldError(line: line, column: iIssue, text: nil, "empty; expected a date")
      }
      do { try issueRaw.append(issue, line: line) } catch {
        throw ctx.dateError(error, line: line, column: iIssue, text: text(issue), forced: forced)
      }
      var dueEmpty = true
      if iDue >= 0 {
        let due = scanner.trimmedField(iDue)
        dueEmpty = due.isEmpty
        if dueEmpty, iTerms < 0 {
          throw ctx.fieldError(line: line, column: iDue, text: nil, "empty; expected a date")
        }
        do { try dueRaw.append(due, line: line) } catch {
          throw ctx.dateError(error, line: line, column: iDue, text: text(due), forced: forced)
        }
      }
      if iTerms >= 0 {
        let f = scanner.trimmedField(iTerms)
        if f.isEmpty {
          if dueEmpty {
            throw ctx.fieldError(
              line: line, column: iTerms, text: nil,
              "empty and no due date; expected a number of days such as 30")
          }
          terms.append(-1)
        } else if let base = f.baseAddress, let days = DecimalParser.parseDays(base, count: f.count)
        {
          terms.append(Int32(days))
        } else {
          throw ctx.fieldError(
            line: line, column: iTerms, text: text(f),
            "is not a number of days; expected a whole number such as 30 or Net 30")
        }
      }
      let paid = scanner.trimmedField(iPaid)
      do { try paidRaw.append(paid, line: line) } catch {
        throw ctx.dateError(error, line: line, column: iPaid, text: text(paid), forced: forced)
      }

      // Amount: required decimal.
      let a = scanner.trimmedField(iAmount)
      guard let aBase = a.baseAddress, !a.isEmpty else {
        throw ctx.fieldError(
          line: line, column: iAmount, text: nil, "empty; expected a decimal such as 1234.56")
      }
      guard let value = DecimalParser.parse(aBase, count: a.count) else {
        throw ctx.fieldError(
          line: line, column: iAmount, text: text(a), DecimalParser.expectation)
      }
      guard DecimalParser.isMoney(value) else {
        throw ctx.fieldError(
          line: line, column: iAmount, text: text(a), DecimalParser.moneyRange)
      }
      amount.append(value)

      // Optional columns.
      if iCurrency >= 0 { currency.append(scanner.trimmedField(iCurrency)) }
      if iRegion >= 0 { region.append(scanner.trimmedField(iRegion)) }
      if iIndustry >= 0 { industry.append(scanner.trimmedField(iIndustry)) }
      disputed.append(try flag(&scanner, iDisputed, line, ctx, paperless: false))
      paperless.append(try flag(&scanner, iPaperless, line, ctx, paperless: true))
      writtenOff.append(try flag(&scanner, iWrittenOff, line, ctx, paperless: false))
      if iLimit >= 0 {
        let f = scanner.trimmedField(iLimit)
        if let base = f.baseAddress, !f.isEmpty {
          guard let v = DecimalParser.parse(base, count: f.count) else {
            throw ctx.fieldError(
              line: line, column: iLimit, text: text(f), DecimalParser.expectation)
          }
          guard DecimalParser.isMoney(v) else {
            throw ctx.fieldError(
              line: line, column: iLimit, text: text(f), DecimalParser.moneyRange)
          }
          creditLimit.append(v)
        } else {
          creditLimit.append(.nan)
        }
      }
      sourceLines.append(Int32(truncatingIfNeeded: line))
    }

    var rows = HistoryRows(forced: forced)
    rows.invoiceIDs = invoiceIDs
    rows.invoiceHashes = invoiceHashes
    rows.customerIndex = customerIndex
    rows.customerIDs = customerIDs
    rows.customerSet = customerSet
    rows.issueRaw = issueRaw
    rows.dueRaw = dueRaw
    rows.paidRaw = paidRaw
    rows.terms = terms
    rows.amount = amount
    rows.currency = currency
    rows.region = region
    rows.industry = industry
    rows.disputed = disputed
    rows.paperless = paperless
    rows.writtenOff = writtenOff
    rows.creditLimit = creditLimit
    rows.sourceLines = sourceLines
    rows.blankLines = scanner.blankLines
    rows.nextLine = scanner.nextLine
    return rows
  }

  /// Reads the flag in column `k` (false when the column is absent).
  @inline(__always)
  private static func flag(
    _ scanner: inout CSVScanner, _ k: Int, _ line: Int, _ ctx: LoadContext, paperless: Bool
  ) throws -> Bool {
    guard k >= 0 else { return false }
    let f = scanner.trimmedField(k)
    guard let v = FlagParser.parse(f, paperless: paperless) else {
      throw ctx.fieldError(
        line: line, column: k, text: String(decoding: f, as: UTF8.self),
        FlagParser.expectation(paperless: paperless))
    }
    return v
  }

  // MARK: - Joining chunks

  /// Appends `other`, the rows that directly follow these in the file, read on their own
  /// with lines numbered from 1 (so `nextLine - 1` turns them into physical line numbers).
  ///
  /// Customer ids and category levels of `other` are renumbered so that every id and level
  /// keeps its first appearance in the joined rows. Returns false, leaving these rows
  /// unusable, when a date column changes layout between the two: a single pass would
  /// have stopped with an error there.
  mutating func append(_ other: HistoryRows) -> Bool {
    let lineOffset = nextLine - 1
    guard issueRaw.append(contentsOf: other.issueRaw, lineOffset: lineOffset),
      dueRaw.append(contentsOf: other.dueRaw, lineOffset: lineOffset),
      paidRaw.append(contentsOf: other.paidRaw, lineOffset: lineOffset)
    else { return false }

    invoiceIDs += other.invoiceIDs
    invoiceHashes.append(contentsOf: other.invoiceHashes)

    let known = customerIDs.count
    let customerCode = customerSet.absorb(other.customerSet)
    for (local, global) in customerCode.enumerated() where Int(global) >= known {
      customerIDs.append(other.customerIDs[local])
    }
    customerIndex.reserveCapacity(customerIndex.count + other.customerIndex.count)
    for c in other.customerIndex { customerIndex.append(customerCode[Int(c)]) }

    terms += other.terms
    amount += other.amount
    currency.append(contentsOf: other.currency)
    region.append(contentsOf: other.region)
    industry.append(contentsOf: other.industry)
    disputed += other.disputed
    paperless += other.paperless
    writtenOff += other.writtenOff
    creditLimit += other.creditLimit

    let shift = Int32(truncatingIfNeeded: lineOffset)
    sourceLines.reserveCapacity(sourceLines.count + other.sourceLines.count)
    for line in other.sourceLines { sourceLines.append(line &+ shift) }
    blankLines += other.blankLines
    nextLine += other.nextLine - 1
    return true
  }
}
