#if canImport(Glibc)
  import Glibc
#endif

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
  /// What is still owed (`open_amount`).
  let open: Int
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
    open = mapping.column("open_amount")
    self.width = width
  }
}

/// What reading a run of consecutive history rows into `HistoryStorage` found besides the
/// values: how many rows, the numbering of customer ids and category levels, each date
/// column's layout, whether the invoice ids increase, and line counts.
///
/// A file is read as one run, or, when `HistoryPass` splits it, as one run per chunk, each
/// with its own numbering, joined in file order with `append(_:idsFollow:)`.
struct HistoryRows {
  /// The first row written in the storage.
  var offset = 0
  /// Rows written.
  var count = 0
  /// True when every invoice id is greater than the one before it (shorter first, then byte
  /// by byte), so no id can repeat and the duplicate check is skipped.
  ///
  /// Exports are usually in invoice order; otherwise (or when an id needed unescaping) this
  /// is false and `DuplicateFinder` checks the ids.
  var idsIncreasing = true
  /// Byte offsets in the file of the first and the last invoice id, to compare across
  /// chunks (meaningful only while `idsIncreasing`).
  var firstID: Range<Int>?
  var lastID: Range<Int>?
  /// The invoice ids, a run per chunk read, in file order.
  var ids: [InvoiceIDRun] = []
  /// Distinct customer ids in order of first appearance; `customerSet` numbers them.
  var customerIDs: [String] = []
  var customerSet = ByteInterner(expectedCount: 1024)
  /// Each date column's layout (the values are in the storage).
  var issueDates: RawDateColumn
  var dueDates: RawDateColumn
  var paidDates: RawDateColumn
  /// Category levels in order of first appearance.
  var currency = ByteInterner()
  var region = ByteInterner()
  var industry = ByteInterner()
  var blankLines = 0
  /// The scanner's line number after the last row read (one past the rows' last line).
  var nextLine = 0

  init(forced: DateFormat?) {
    issueDates = RawDateColumn(capacity: 0, forced: forced)
    dueDates = RawDateColumn(capacity: 0, forced: forced)
    paidDates = RawDateColumn(capacity: 0, forced: forced)
  }

  // MARK: - The pass

  /// Reads every remaining row of `scanner` into rows `offset...` of `out`, stopping at the
  /// first bad field.
  ///
  /// `capacity` bounds the rows (the line breaks ahead, plus one for a last line without
  /// one). Dates are stored as days when the column's format is known while reading (ISO,
  /// dotted or forced), else packed until the order is decided (see `HistoryStorage`).
  ///
  /// - Throws: `DataError` naming the line and column of the first problem.
  static func read(
    _ scanner: inout CSVScanner, columns: HistoryColumns, context ctx: LoadContext,
    forced: DateFormat?, into out: HistoryStorage, at offset: Int, capacity: Int
  ) throws -> HistoryRows {
    var rows = HistoryRows(forced: forced)
    rows.offset = offset
    try rows.read(
      &scanner, columns: columns, context: ctx, forced: forced, into: out, at: offset,
      capacity: capacity)
    return rows
  }

  private mutating func read(
    _ scanner: inout CSVScanner, columns: HistoryColumns, context ctx: LoadContext,
    forced: DateFormat?, into out: HistoryStorage, at offset: Int, capacity: Int
  ) throws {
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
    let iOpen = columns.open
    let width = columns.width
    let calendar = RawDateColumn.Calendar()

    // Customer ids are interned a batch at a time (see `ByteInterner.warm`).
    let waiting = UnsafeMutablePointer<(key: UnsafeBufferPointer<UInt8>, row: Int)>.allocate(
      capacity: HistoryRows.customerBatch)
    defer { waiting.deallocate() }
    var pending = 0
    var firstID: UnsafeBufferPointer<UInt8>?
    var lastID = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    // A mapped file's rows are given back once read (and their customers interned).
    var behind = InputFile.ReleaseBehind(scanner.base, from: scanner.position)
    // Ids average well under 32 bytes; the reserve is address space until written.
    var ids = InvoiceIDRun(rows: capacity, bytesPerID: 32)

    @inline(__always) func text(_ f: UnsafeBufferPointer<UInt8>) -> String {
      String(decoding: f, as: UTF8.self)
    }
    /// The day in date field `f`, column `k` of the row on `line`, as `dates` stores it; nil
    /// for an empty field.
    @inline(__always) func day(
      _ dates: inout RawDateColumn, _ f: UnsafeBufferPointer<UInt8>, column k: Int, line: Int
    ) throws -> Day? {
      let v: UInt32
      do {
        v = try dates.value(f, line: line)
      } catch {
        throw ctx.dateError(error, line: line, column: k, text: text(f), forced: forced)
      }
      return v == 0 ? nil : dates.stored(v, calendar)
    }

    while try scanner.nextRow() {
      if scanner.fieldCount != width { try CSVTable.checkWidth(scanner, expected: width) }
      let line = scanner.rowLine
      precondition(count < capacity, "more rows than line breaks")
      let r = offset + count

      // Invoice id: required, unique.
      let id = scanner.trimmedField(iID)
      if id.isEmpty {
        throw ctx.fieldError(line: line, column: iID, text: nil, "empty; expected an invoice id")
      }
      if idsIncreasing {
        if scanner.isEscaped(iID) {
          idsIncreasing = false
        } else if firstID == nil {
          firstID = id
        } else if !HistoryRows.precedes(lastID, id) {
          idsIncreasing = false
        }
        lastID = id
      }
      ids.append(id)

      // Customer id: required; interned with the rows around it.
      let customer = scanner.trimmedField(iCustomer)
      if customer.isEmpty {
        throw ctx.fieldError(
          line: line, column: iCustomer, text: nil, "empty; expected a customer id")
      }
      waiting[pending] = (customer, r)
      pending += 1
      // A quoted id with doubled quotes is unescaped into the scanner's scratch buffer, which
      // the next such field overwrites: it is interned at once, after the rows before it.
      if pending == HistoryRows.customerBatch || scanner.isEscaped(iCustomer) {
        internCustomers(waiting, pending, into: out)
        pending = 0
        behind.passed(scanner.position)
      }

      // Dates: days when the format is already known, else packed parts.
      let issue = scanner.trimmedField(iIssue)
      if issue.isEmpty {
        throw ctx.fieldError(line: line, column: iIssue, text: nil, "empty; expected a date")
      }
      out.issue[r] =
        try day(&issueDates, issue, column: iIssue, line: line) ?? HistoryStorage.noDay
      var dueEmpty = true
      if iDue >= 0 {
        let due = scanner.trimmedField(iDue)
        dueEmpty = due.isEmpty
        if dueEmpty, iTerms < 0 {
          throw ctx.fieldError(line: line, column: iDue, text: nil, "empty; expected a date")
        }
        out.due[r] = try day(&dueDates, due, column: iDue, line: line) ?? HistoryStorage.noDay
      } else {
        out.due[r] = HistoryStorage.noDay
      }
      if iTerms >= 0 {
        let f = scanner.trimmedField(iTerms)
        if f.isEmpty {
          if dueEmpty {
            throw ctx.fieldError(
              line: line, column: iTerms, text: nil,
              "empty and no due date; expected a number of days such as 30")
          }
          out.terms[r] = -1
        } else if let base = f.baseAddress, let days = DecimalParser.parseDays(base, count: f.count)
        {
          out.terms[r] = Int32(days)
        } else {
          throw ctx.fieldError(
            line: line, column: iTerms, text: text(f),
            "is not a number of days; expected a whole number such as 30 or Net 30")
        }
      }
      out.paid[r] =
        try day(&paidDates, scanner.trimmedField(iPaid), column: iPaid, line: line)
        ?? HistoryStorage.noDay

      // Amount: required decimal.
      let a = scanner.trimmedField(iAmount)
      guard !a.isEmpty else {
        throw ctx.fieldError(
          line: line, column: iAmount, text: nil, "empty; expected a decimal such as 1234.56")
      }
      let value = try ctx.amount(a, line: line, column: iAmount)
      out.amount[r] = value

      // Optional columns.
      if iCurrency >= 0 { out.currency[r] = HistoryRows.code(&currency, &scanner, iCurrency) }
      if iRegion >= 0 { out.region[r] = HistoryRows.code(&region, &scanner, iRegion) }
      if iIndustry >= 0 { out.industry[r] = HistoryRows.code(&industry, &scanner, iIndustry) }
      out.disputed[r] = try HistoryRows.flag(&scanner, iDisputed, line, ctx, paperless: false)
      out.paperless[r] = try HistoryRows.flag(&scanner, iPaperless, line, ctx, paperless: true)
      out.writtenOff[r] = try HistoryRows.flag(&scanner, iWrittenOff, line, ctx, paperless: false)
      if iLimit >= 0 {
        let f = scanner.trimmedField(iLimit)
        out.limit[r] = f.isEmpty ? .nan : try ctx.limit(f, line: line, column: iLimit)
      }
      if iOpen >= 0 {
        out.open[r] = try HistoryRows.openAmount(
          &scanner, iOpen, amount: value, column: iAmount, line, ctx)
      }
      out.line[r] = Int32(truncatingIfNeeded: line)
      count += 1
    }
    internCustomers(waiting, pending, into: out)
    self.ids = [ids]

    if idsIncreasing, let first = firstID, let firstBase = first.baseAddress,
      let lastBase = lastID.baseAddress
    {
      let base = scanner.base
      self.firstID = (firstBase - base)..<(firstBase - base + first.count)
      self.lastID = (lastBase - base)..<(lastBase - base + lastID.count)
    }
    blankLines = scanner.blankLines
    nextLine = scanner.nextLine
  }

  /// Customer ids interned together.
  static let customerBatch = 32

  /// Interns the customer ids of `n` rows read (in file order, so that they are numbered by
  /// first appearance) and writes their codes.
  private mutating func internCustomers(
    _ waiting: UnsafeMutablePointer<(key: UnsafeBufferPointer<UInt8>, row: Int)>, _ n: Int,
    into out: HistoryStorage
  ) {
    customerSet.warm(n) { waiting[$0].key }
    for j in 0..<n {
      let (key, r) = waiting[j]
      let (c, inserted) = customerSet.intern(key)
      if inserted { customerIDs.append(String(decoding: key, as: UTF8.self)) }
      out.customer[r] = Int32(truncatingIfNeeded: c)
    }
  }

  /// The code of the category in column `k`, numbering it if new.
  @inline(__always)
  private static func code(
    _ levels: inout ByteInterner, _ scanner: inout CSVScanner, _ k: Int
  ) -> Int32 {
    let f = scanner.trimmedField(k)
    return Int32(
      truncatingIfNeeded: levels.intern(f, readable: scanner.readable(f, field: k)).index)
  }

  /// True when `a` sorts before `b`: shorter first, then byte by byte.
  @inline(__always)
  static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    if a.count != b.count { return a.count < b.count }
    guard let pa = a.baseAddress, let pb = b.baseAddress else { return false }
    return memcmp(pa, pb, a.count) < 0
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

  /// Joins `other`, the rows that directly follow these in the file, read on their own
  /// into rows `at..<at + other.count` of `out` with lines numbered from 1 (so `nextLine -
  /// 1` turns them into physical line numbers).
  ///
  /// `idsFollow` says whether `other`'s first invoice id sorts after the last one here.
  /// Customer ids and category levels of `other` are renumbered in `out` so that every id
  /// and level keeps its first appearance in the joined rows, and its lines are shifted;
  /// both are left to the returned `Renumbering` (run it once per chunk, in any order or
  /// concurrently). Returns nil, leaving these rows unusable, when a date column changes
  /// layout between the two: a single pass would have stopped with an error there.
  mutating func append(_ other: HistoryRows, idsFollow: Bool) -> Renumbering? {
    let lineOffset = nextLine - 1
    guard issueDates.append(contentsOf: other.issueDates, lineOffset: lineOffset),
      dueDates.append(contentsOf: other.dueDates, lineOffset: lineOffset),
      paidDates.append(contentsOf: other.paidDates, lineOffset: lineOffset)
    else { return nil }

    idsIncreasing = idsIncreasing && other.idsIncreasing && idsFollow
    lastID = other.lastID
    ids += other.ids

    let known = customerIDs.count
    let customerCode = customerSet.absorb(other.customerSet)
    for (local, global) in customerCode.enumerated() where Int(global) >= known {
      customerIDs.append(other.customerIDs[local])
    }
    let renumbering = Renumbering(
      rows: count..<(count + other.count), customer: customerCode,
      currency: currency.absorb(other.currency), region: region.absorb(other.region),
      industry: industry.absorb(other.industry), lineShift: Int32(truncatingIfNeeded: lineOffset))
    count += other.count
    blankLines += other.blankLines
    nextLine += other.nextLine - 1
    return renumbering
  }

  /// What joining a chunk changes in its rows of the storage: codes from the chunk's own
  /// numbering to the joined one, lines from the chunk's to the file's.
  struct Renumbering {
    /// The chunk's rows, numbered as joined (before any move to close gaps).
    var rows: Range<Int>
    var customer: [Int32]
    var currency: [Int32]
    var region: [Int32]
    var industry: [Int32]
    var lineShift: Int32

    /// Applies the renumbering to rows `from..<from + rows.count` of `out`.
    func apply(to out: HistoryStorage, at from: Int, _ columns: HistoryColumns) {
      let n = rows.count
      Renumbering.map(out.customer + from, n, customer)
      if columns.currency >= 0 { Renumbering.map(out.currency + from, n, currency) }
      if columns.region >= 0 { Renumbering.map(out.region + from, n, region) }
      if columns.industry >= 0 { Renumbering.map(out.industry + from, n, industry) }
      let lines = out.line + from
      for i in 0..<n { lines[i] &+= lineShift }
    }

    private static func map(_ p: UnsafeMutablePointer<Int32>, _ n: Int, _ code: [Int32]) {
      code.withUnsafeBufferPointer { code in
        for i in 0..<n { p[i] = code[Int(p[i])] }
      }
    }
  }
}
