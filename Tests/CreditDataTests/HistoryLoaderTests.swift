import CreditData
import TestSupport
import Testing

@Suite struct HistoryLoaderTests {
  static let header = "invoice_id,customer_id,issue_date,due_date,amount,paid_date"

  func load(_ text: String, options: LoadOptions = LoadOptions()) throws -> InvoiceHistory {
    try HistoryLoader.parse(bytes: csvBytes(text), fileName: "history.csv", options: options)
  }

  func error(_ text: String, options: LoadOptions = LoadOptions()) -> DataError? {
    do {
      _ = try load(text, options: options)
      return nil
    } catch let e as DataError {
      return e
    } catch {
      return nil
    }
  }

  func day(_ iso: String) -> Day? { Day(iso: iso) }

  // MARK: - Dates

  @Test(arguments: [
    ("2013-01-02", "2013-02-13", "2013-01-15", DateFormat.iso),
    ("1/2/2013", "2/13/2013", "1/15/2013", .monthDayYear),
    ("2/1/2013", "13/2/2013", "15/1/2013", .dayMonthYear),
    ("2.1.2013", "13.2.2013", "15.1.2013", .dayMonthYearDots),
  ])
  func eachDateFormat(issue: String, due: String, paid: String, format: DateFormat) throws {
    let h = try load("\(Self.header)\nA1,C1,\(issue),\(due),10,\(paid)\n")
    #expect(h.issueDate == [try #require(day("2013-01-02"))])
    #expect(h.dueDate == [try #require(day("2013-02-13"))])
    #expect(h.paidDate == [day("2013-01-15")])
    #expect(h.report.dateFormats["issue_date"] == format)
  }

  /// Every day of 1900...2199 in every layout converts to the day the civil arithmetic gives
  /// (the loader looks up the first day of each year instead of computing it).
  @Test(arguments: [DateFormat.dayMonthYear, .monthDayYear])
  func everyDayInTheYearRange(slashOrder: DateFormat) throws {
    var days: [Day] = []
    var text = "invoice_id,customer_id,issue_date,due_date,amount,paid_date\n"
    var day = try #require(Day(year: 1900, month: 1, day: 1))
    while day.civil.year <= 2199 {
      let (y, m, d) = day.civil
      let slash = slashOrder == .dayMonthYear ? "\(d)/\(m)/\(y)" : "\(m)/\(d)/\(y)"
      text += "A\(days.count),C1,\(day),\(d).\(m).\(y),1,\(slash)\n"
      days.append(day)
      day = day.adding(days: 1)
    }
    let h = try load(text)
    #expect(days.count == 109_573)
    #expect(h.issueDate == days)
    #expect(h.dueDate == days)
    #expect(h.paidDate == OptionalDays(days.map { $0 }))
    #expect(h.report.dateFormats["paid_date"] == slashOrder)
  }

  /// Amounts read by the history loader agree bit for bit with `Double(String)`, and a
  /// malformed one names the amount column.
  @Test func amountsAgreeWithStandardLibrary() throws {
    var rng = SplitMix(seed: 7)
    var texts = [
      "0", "-0", "5.", ".5", "-.5", "00012", "12345678", "-12345678", "1234567.8", ".0000001",
      "0.1", "2768.93", "+5", "1e3", "-1.5E-2", "99999999.9", "123456789", "1.2.3",
    ]
    for _ in 0..<5000 {
      let digits = Int(rng.next() % 9) + 1
      var t = rng.next() % 3 == 0 ? "-" : ""
      let dot = Int(rng.next() % UInt64(digits + 2))
      for k in 0..<digits {
        if k == dot { t += "." }
        t += String(rng.next() % 10)
      }
      texts.append(t)
    }
    let valid = texts.filter { Double($0) != nil }
    var text = "invoice_id,customer_id,issue_date,due_date,amount,paid_date\n"
    for (i, t) in valid.enumerated() { text += "A\(i),C1,2024-01-01,2024-01-31,\(t),\n" }
    let h = try load(text)
    for (t, v) in zip(valid, h.amount) {
      #expect(v.bitPattern == Double(t)?.bitPattern, "\(t)")
    }
    #expect(error("\(Self.header)\nA1,C1,2024-01-01,2024-01-31,1.2.3,\n")?.column == 5)
  }

  @Test func isoWithTimeOfDayIsAccepted() throws {
    let h = try load("\(Self.header)\nA1,C1,2013-01-02T09:30:00,2013-02-01 00:00,10,\n")
    #expect(h.issueDate == [try #require(day("2013-01-02"))])
    #expect(h.paidDate == [nil])
  }

  @Test func ambiguousDatesNameTheOption() throws {
    let e = try #require(error("\(Self.header)\nA1,C1,1/2/2013,2/3/2013,10,3/4/2013\n"))
    #expect(e.kind == .ambiguousDates)
    #expect(e.description.contains("--date-format"))
    #expect(e.description.contains("'1/2/2013'"))
    #expect(e.line == 2)
  }

  @Test func forcedDateFormatResolvesAmbiguity() throws {
    let h = try load(
      "\(Self.header)\nA1,C1,1/2/2013,2/3/2013,10,3/4/2013\n",
      options: LoadOptions(dateFormat: .dayMonthYear))
    #expect(h.issueDate == [try #require(day("2013-02-01"))])
  }

  @Test func ambiguousColumnTakesFormatFromAnotherColumn() throws {
    // issue_date is ambiguous; due_date has a day of 25, which decides M/D/YYYY.
    let h = try load("\(Self.header)\nA1,C1,1/2/2013,1/25/2013,10,2/3/2013\n")
    #expect(h.issueDate == [try #require(day("2013-01-02"))])
    #expect(h.paidDate == [day("2013-02-03")])
    #expect(h.report.dateFormats["issue_date"] == .monthDayYear)
    #expect(h.report.dateFormats["paid_date"] == .monthDayYear)
  }

  @Test func slashColumnPointingBothWaysIsAnError() throws {
    let e = try #require(
      error("\(Self.header)\nA1,C1,13/1/2013,1/2/2014,10,\nA2,C1,1/13/2013,1/2/2014,10,\n"))
    #expect(e.line == 3)
    #expect(e.columnName == "issue_date")
  }

  @Test func invalidCalendarDayIsAnError() throws {
    let e = try #require(error("\(Self.header)\nA1,C1,2013-02-30,2013-03-01,10,\n"))
    #expect(e.line == 2)
    #expect(e.column == 3)
    #expect(e.description.contains("'2013-02-30'"))
  }

  @Test func yearsOutsideRangeAreErrors() throws {
    let e = try #require(error("\(Self.header)\nA1,C1,1899-12-31,2013-03-01,10,\n"))
    #expect(e.description.contains("1900...2199"))
  }

  @Test func mixedLayoutsInOneColumnAreAnError() throws {
    let e = try #require(
      error("\(Self.header)\nA1,C1,2013-01-02,2013-03-01,10,\nA2,C1,1/2/2013,2013-03-01,10,\n"))
    #expect(e.line == 3)
    #expect(e.description.contains("line 2"))
  }

  // MARK: - Values

  @Test func badNumberNamesLineAndColumn() throws {
    let e = try #require(
      error("\(Self.header)\nA1,C1,2013-01-02,2013-02-01,10,\nA2,C1,2013-01-02,2013-02-01,abc,\n"))
    #expect(
      e.description
        == "history.csv:3:5 (amount): 'abc' is not a number; expected a decimal such as 1234.56")
  }

  @Test func amountsAcceptSignsExponentsAndCreditNotes() throws {
    let h = try load(
      "\(Self.header)\nA1,C1,2013-01-02,2013-02-01,-12.5,\nA2,C1,2013-01-02,2013-02-01,1.5e3,\n"
        + "A3,C1,2013-01-02,2013-02-01,0.1000000000000000055511151231257827,\n")
    #expect(h.amount == [-12.5, 1500, 0.1])
  }

  @Test func emptyRequiredFieldIsAnError() throws {
    let e = try #require(error("\(Self.header)\nA1,,2013-01-02,2013-02-01,10,\n"))
    #expect(e.description.hasPrefix("history.csv:2:2 (customer_id): empty"))
  }

  @Test func naIsAValueNotMissing() throws {
    let h = try load(
      "\(Self.header),region\nA1,C1,2013-01-02,2013-02-01,10,,NA\nA2,C2,2013-01-02,2013-02-01,10,,EU\n"
    )
    let region = try #require(h.region)
    #expect(region.levels == ["NA", "EU"])
    #expect(region[0] == "NA")
  }

  @Test func paperAndElectronicMapToFlags() throws {
    let h = try load(
      "\(Self.header),paperless,disputed\nA1,C1,2013-01-02,2013-02-01,10,,Paper,Yes\n"
        + "A2,C1,2013-01-02,2013-02-01,10,,Electronic,n\nA3,C1,2013-01-02,2013-02-01,10,,,\n")
    #expect(h.paperless == [false, true, false])
    #expect(h.disputed == [true, false, false])
  }

  @Test func badFlagIsAnError() throws {
    let e = try #require(
      error("\(Self.header),disputed\nA1,C1,2013-01-02,2013-02-01,10,,Paper\n"))
    #expect(e.column == 7)
    #expect(e.description.contains("yes/no"))
  }

  @Test func creditLimitEmptyIsNaN() throws {
    let h = try load(
      "\(Self.header),credit_limit\nA1,C1,2013-01-02,2013-02-01,10,,5000\nA2,C1,2013-01-02,2013-02-01,10,,\n"
    )
    let limits = try #require(h.creditLimit)
    #expect(limits[0] == 5000)
    #expect(limits[1].isNaN)
  }

  @Test func quotedValuesAndCustomerInterning() throws {
    let h = try load(
      "\(Self.header)\r\n\"A,1\",\"C \"\"1\"\"\",2013-01-02,2013-02-01,\"10.5\",\r\n"
        + "A2,\"C \"\"1\"\"\",2013-01-03,2013-02-01,1,\r\nA3,C2,2013-01-03,2013-02-01,1,\r\n")
    #expect(h.invoiceIDs == ["A,1", "A2", "A3"])
    #expect(h.customerIDs == ["C \"1\"", "C2"])
    #expect(h.customerIndex == [0, 0, 1])
    #expect(h.amount[0] == 10.5)
  }

  /// Ids with doubled quotes are unescaped into one scratch buffer, which each such field
  /// overwrites: two of them in turn must stay two customers, each keeping its own invoices.
  @Test func customerIDsWithDoubledQuotesStayApart() throws {
    let h = try load(
      "\(Self.header)\nI1,\"A \"\"x\"\" B\",2025-01-01,2025-01-31,100,\n"
        + "I2,\"C \"\"y\"\" D\",2025-01-02,2025-02-01,200,\n"
        + "I3,\"A \"\"x\"\" B\",2025-01-03,2025-02-02,300,\n"
        + "I4,\"C \"\"y\"\" D\",2025-01-04,2025-02-03,400,\nI5,E,2025-01-05,2025-02-04,500,\n")
    #expect(h.customerIDs == ["A \"x\" B", "C \"y\" D", "E"])
    #expect(h.customerIndex == [0, 1, 0, 1, 2])
  }

  // MARK: - Columns

  @Test func termsDaysGiveTheDueDate() throws {
    let h = try load(
      "invoice,customer,date,amount,paid,terms\nA1,C1,2013-01-02,10,,30\nA2,C1,2013-01-02,10,,Net 45\n"
    )
    #expect(h.dueDate == [try #require(day("2013-02-01")), try #require(day("2013-02-16"))])
  }

  @Test func missingRequiredColumnIsAnError() throws {
    let e = try #require(
      error("invoice_id,customer_id,issue_date,due_date,paid_date\nA1,C1,2013-01-02,2013-02-01,\n"))
    #expect(e.kind == .header)
    #expect(e.description.contains("missing required column 'amount'"))
    #expect(e.description.contains("--map amount="))
  }

  @Test func columnMapOverridesAliases() throws {
    let text = "Ref,Client,Booked,Due,Gross,Net,Cleared\nA1,C1,2013-01-02,2013-02-01,12,10,\n"
    let h = try load(
      text,
      options: LoadOptions(columnMap: [
        "invoice_id": "Ref", "customer_id": "Client", "issue_date": "Booked", "amount": "Net",
        "paid_date": "Cleared",
      ]))
    #expect(h.amount == [10])
    #expect(h.report.columnMapping["amount"] == "Net")
    #expect(h.report.ignoredColumns == ["Gross"])
  }

  @Test func columnMapErrors() throws {
    let text = "\(Self.header)\nA1,C1,2013-01-02,2013-02-01,10,\n"
    let unknown = try #require(error(text, options: LoadOptions(columnMap: ["amout": "amount"])))
    #expect(unknown.description.contains("not a canonical column"))
    let absent = try #require(error(text, options: LoadOptions(columnMap: ["amount": "Total"])))
    #expect(absent.description.contains("'Total' is not a column of the header"))
  }

  @Test func duplicateInvoiceIDsNameBothLines() throws {
    let e = try #require(
      error(
        "\(Self.header)\nA1,C1,2013-01-02,2013-02-01,10,\nA2,C1,2013-01-02,2013-02-01,10,\n"
          + "\nA1,C2,2013-01-02,2013-02-01,10,\n"))
    #expect(e.kind == .row)
    #expect(e.line == 5)
    #expect(e.description.contains("line 2"))
  }

  @Test func paidBeforeIssuedIsAnError() throws {
    let e = try #require(error("\(Self.header)\nA1,C1,2013-01-02,2013-02-01,10,2013-01-01\n"))
    #expect(e.kind == .row)
    #expect(
      e.description
        == "history.csv:2:6 (paid_date): '2013-01-01' is before the issue date 2013-01-02; "
        + "expected a payment on or after the issue date")
  }

  @Test func dueBeforeIssuedIsAnError() throws {
    let e = try #require(error("\(Self.header)\nA1,C1,2013-01-02,2012-12-01,10,\n"))
    #expect(e.columnName == "due_date")
  }

  @Test func raggedHistoryRow() throws {
    let e = try #require(error("\(Self.header)\nA1,C1,2013-01-02,2013-02-01,10\n"))
    #expect(e.description == "history.csv:2: row has 5 fields; expected 6 as in the header")
  }

  @Test func reportCountsBlankLines() throws {
    let h = try load("\(Self.header)\n\nA1,C1,2013-01-02,2013-02-01,10,\n\n")
    #expect(h.report.rowsRead == 1)
    #expect(h.report.blankLinesSkipped == 2)
    #expect(h.sourceLines == [3])
  }
}
