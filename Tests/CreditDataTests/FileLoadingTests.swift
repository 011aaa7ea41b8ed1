import CreditData
import TestSupport
import Testing

@Suite struct FileLoadingTests {
  @Test func smallHistoryFixture() throws {
    let path = fixturesDirectory() + "/csv/history-small.csv"
    let h = try HistoryLoader.load(path: path)
    #expect(h.count == 3)
    #expect(h.invoiceIDs == ["INV-001", "INV-002", "INV-003"])
    #expect(h.amount == [1200, -50.25, 980.5])
    #expect(h.paidDate[1] == nil)
    #expect(h.sourceLines == [2, 3, 6])
    #expect(h.report.blankLinesSkipped == 1)
    #expect(h.report.ignoredColumns == ["Notes"])
    #expect(h.currency?.levels == ["EUR", "USD"])
    #expect(h.region?.levels == ["NA", "EU"])
    #expect(h.industry?.levels == ["Retail", "Energy"])
    #expect(h.report.columnMapping["invoice_id"] == "Invoice Number")
  }

  @Test func customersFixture() throws {
    let path = fixturesDirectory() + "/csv/customers-small.csv"
    let c = try CustomerLoader.load(path: path)
    #expect(c.customerIDs == ["0379-NEVHP", "8976-AMJEO"])
    #expect(c.creditLimit[0] == 5000)
    #expect(c.creditLimit[1].isNaN)
    #expect(c.region?.levels == ["NA", "EU"])
    #expect(c.customerSince?[1] == Day(iso: "2011-12-01"))
    #expect(c.report.dateFormats["customer_since"] == .monthDayYear)
    #expect(c.index(of: "8976-AMJEO") == 1)
  }

  /// The customers file knows the history's names for the customer: an export whose history
  /// says `Customer Account` (or only `Name`) has a customer master that says the same.
  @Test(arguments: [
    ("Customer Account,Credit Limit,Bill-to Country\nC1,100,DE\nC2,200,FR\n", "Customer Account"),
    ("Name,Credit Limit (LCY)\nC1,100\nC2,200\n", "Name"),
    ("Name,Customer No.,Credit Limit\nAcme,C1,100\nBeta,C2,200\n", "Customer No."),
  ])
  func customersFileTakesTheHistorysCustomerNames(text: String, idColumn: String) throws {
    let c = try CustomerLoader.parse(bytes: csvBytes(text), fileName: "c.csv")
    #expect(c.customerIDs == ["C1", "C2"])
    #expect(c.creditLimit == [100, 200])
    #expect(c.report.columnMapping["customer_id"] == idColumn)
  }

  /// Credit limits are read as a history's amounts are: symbols and grouping taken off, and
  /// `44.000` (44,000 grouped by a point, or 44 with three decimals) refused unless
  /// `--decimal` says which.
  @Test func creditLimitsAreReadAsMoney() throws {
    let grouped = "customer_id,credit_limit\nC1,\"$44,000.00\"\nC2,\nC3,USD 1500\n"
    #expect(
      try CustomerLoader.parse(bytes: csvBytes(grouped), fileName: "c.csv").creditLimit
        .map { $0.isNaN ? -1 : $0 } == [44000, -1, 1500])
    let points = "customer_id,credit_limit\nC1,44.000\nC2,\nC3,8.500\n"
    let undecided = try #require(customersError(points))
    #expect(undecided.line == 2 && undecided.column == 2)
    #expect(
      undecided.description.contains("expected --decimal point or --decimal comma"),
      "\(undecided)")
    let comma = try CustomerLoader.parse(
      bytes: csvBytes(points), fileName: "c.csv", options: LoadOptions(decimalMark: .comma))
    #expect(comma.creditLimit[0] == 44000 && comma.creditLimit[2] == 8500)
    let badCell = try #require(customersError("customer_id,credit_limit\nC1,1000\nC2,lots\n"))
    #expect(badCell.line == 3 && badCell.column == 2)
  }

  /// The error of reading `text` as a customers file, nil when it reads.
  private func customersError(_ text: String) -> DataError? {
    do {
      _ = try CustomerLoader.parse(bytes: csvBytes(text), fileName: "c.csv")
      return nil
    } catch {
      return error as? DataError
    }
  }

  /// A credit limit named as masters name it, or with its currency, is the limit; a column
  /// of another name is left for `--customers-map`, and listed as not used.
  @Test(arguments: [
    ("Credit Limit (USD)", true), ("Credit Line", true), ("OVERALL_CREDIT_LIMIT", true),
    ("Kreditrahmen", true), ("Credit Limit EUR", true), ("Max exposure", false),
    ("Credit Limit Due", false),
  ])
  func creditLimitColumnNames(name: String, found: Bool) throws {
    let text = "customer_id,\(name)\nC1,100\nC2,200\n"
    let c = try CustomerLoader.parse(bytes: csvBytes(text), fileName: "c.csv")
    #expect((c.report.columnMapping["credit_limit"] == name) == found)
    #expect(c.report.ignoredColumns == (found ? [] : [name]))
    let mapped = try CustomerLoader.parse(
      bytes: csvBytes(text), fileName: "c.csv",
      options: LoadOptions(columnMap: ["credit_limit": name]))
    #expect(mapped.creditLimit == [100, 200])
  }

  /// A customers file exported as the history may be (semicolons and decimal commas, tabs,
  /// UTF-16) is read as the history is.
  @Test func customersFileReadAsExported() throws {
    let semicolons = "Kunde;Kreditlimit;Land\nC1;44.000,00;DE\nC2;1.500,50;AT\n"
    let c = try CustomerLoader.parse(bytes: csvBytes(semicolons), fileName: "c.csv")
    #expect(c.customerIDs == ["C1", "C2"])
    #expect(c.creditLimit == [44000, 1500.5])
    let tabs = "customer_id\tcredit_limit\nC1\t44000\nC2\t\n"
    #expect(
      try CustomerLoader.parse(bytes: csvBytes(tabs), fileName: "c.csv").creditLimit[0] == 44000)
    let units = "customer_id,credit_limit\nC1,7000\n".utf16.flatMap { unit -> [UInt8] in
      [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
    let utf16: [UInt8] = [0xFF, 0xFE] + units
    #expect(try CustomerLoader.parse(bytes: utf16, fileName: "c.csv").creditLimit == [7000])
  }

  @Test func duplicateCustomerIsAnError() throws {
    do {
      _ = try CustomerLoader.parse(
        bytes: csvBytes("customer_id,credit_limit\nC1,1\nC2,2\nC1,3\n"), fileName: "c.csv")
      Issue.record("expected an error")
    } catch let e as DataError {
      #expect(e.line == 4)
      #expect(e.description.contains("line 2"))
    }
  }

  @Test func missingFileIsAnIOError() throws {
    do {
      _ = try HistoryLoader.load(path: "/nonexistent/history.csv")
      Issue.record("expected an error")
    } catch let e as DataError {
      #expect(e.kind == .io)
      #expect(e.description.hasPrefix("/nonexistent/history.csv: cannot open"))
    }
  }

  // MARK: - The IBM accounts-receivable sample

  @Test func ibmAccountsReceivableLoadsWithoutMap() throws {
    let path = datasetsDirectory() + "/ibm-accounts-receivable.csv"
    let h = try HistoryLoader.load(path: path)
    #expect(h.count == 2466)
    #expect(h.customerIDs.count == 100)
    #expect(h.report.dateFormats["issue_date"] == .monthDayYear)
    #expect(h.report.dateFormats["due_date"] == .monthDayYear)
    #expect(h.report.dateFormats["paid_date"] == .monthDayYear)
    #expect(h.report.ignoredColumns == ["PaperlessDate", "DaysToSettle", "DaysLate"])
    #expect(h.invoiceIDs.first == "0000611365")
    #expect(h.invoiceIDs.sorted().first == "0000611365")
    #expect(h.invoiceIDs.sorted().last == "9990243864")
    #expect(h.disputed.filter { $0 }.count == 561)
    #expect(h.paperless.filter { $0 }.count == 1203)
    #expect(h.region?.levels.sorted() == ["391", "406", "770", "818", "897"])
    #expect(h.paidDate.allSatisfy { $0 != nil })
    #expect(isClose(h.amount.reduce(0, +), 147_703.18, rtol: 1e-12))
    #expect(h.issueDate[0] == Day(iso: "2013-01-02"))
    #expect(h.dueDate[0] == Day(iso: "2013-02-01"))
    #expect(h.paidDate[0] == Day(iso: "2013-01-15"))
    // The file's own DaysToSettle and DaysLate columns agree with the parsed dates.
    let table = try CSVReader.table(path: path)
    let settle = try table.numbers(column: try #require(table.columnIndex(named: "DaysToSettle")))
    let late = try table.numbers(column: try #require(table.columnIndex(named: "DaysLate")))
    for i in 0..<h.count {
      let paid = try #require(h.paidDate[i])
      #expect(Double(paid.days(since: h.issueDate[i])) == settle[i])
      #expect(Double(max(0, paid.days(since: h.dueDate[i]))) == late[i])
    }
  }
}
