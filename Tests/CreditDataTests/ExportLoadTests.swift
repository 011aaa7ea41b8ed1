import CreditData
import Foundation
import TestSupport
import Testing

/// Histories read from exports as ERPs write them, through `HistoryLoader`.
@Suite struct ExportLoadTests {
  func load(_ bytes: [UInt8], options: LoadOptions = LoadOptions()) throws -> InvoiceHistory {
    try HistoryLoader.parse(bytes: bytes, fileName: "export.csv", options: options)
  }

  func load(_ text: String, options: LoadOptions = LoadOptions()) throws -> InvoiceHistory {
    try load(Array(text.utf8), options: options)
  }

  func error(_ text: String, options: LoadOptions = LoadOptions()) -> DataError? {
    guard case .failure(let e) = Result(catching: { try load(text, options: options) }) else {
      return nil
    }
    return e as? DataError
  }

  @Test func sapCreditNotesWithTrailingMinus() throws {
    let path = fixturesDirectory() + "/erp/sap-credit-notes.csv"
    let h = try HistoryLoader.load(path: path)
    #expect(h.invoiceIDs == ["1800001", "1800002", "1800003", "1800004"])
    #expect(h.amount == [1234.56, -123.45, 10000, -0.99])
    #expect(h.paidDate[2] == nil)
    #expect(h.currency?.levels == ["EUR"])
    let d = try #require(h.report.dialect)
    #expect(d.encoding == .windows1252 && d.delimiter == ";")
    #expect(d.excluded("totals") == [6])
    #expect(h.report.lines.contains("totals/subtotal rows excluded: 1 (line 6)"))
  }

  @Test func titleLinesTotalsAndGroupingKeepLines() throws {
    let text = """
      A/R Register
      Printed 2013-12-31

      Document Number,Customer,Date,Due Date,Date Closed,Amount
      A1,C1,1/2/2013,2/1/2013,1/15/2013,"$1,234.56"
      A2,C2,1/3/2013,2/2/2013,,$99.00
      Total,,,,,"$1,333.56"

      """
    let h = try load(text)
    #expect(h.amount == [1234.56, 99])
    #expect(h.sourceLines == [5, 6])
    #expect(h.report.blankLinesSkipped == 1)
    let d = try #require(h.report.dialect)
    #expect(d.headerLine == 4 && d.titleLines == 2)
    #expect(d.excluded("totals") == [7])
    #expect(d.currencyFromAmounts)
    #expect(h.currency?.levels == ["USD"])
    // A bad value further down is reported at its own line and column.
    let e = try #require(error(text.replacingOccurrences(of: "1/3/2013", with: "1/33/2013")))
    #expect(e.line == 6 && e.column == 3)
  }

  @Test func decimalCommaNeedsTheFlagWhenUndecidable() throws {
    let text =
      "invoice_id;customer_id;issue_date;due_date;amount;paid_date\n"
      + "A1;C1;2013-01-02;2013-02-01;1,234;\nA2;C1;2013-01-02;2013-02-01;5,678;\n"
    // Semicolons imply the decimal comma.
    #expect(try load(text).amount == [1.234, 5.678])
    #expect(try load(text, options: LoadOptions(decimalMark: .point)).amount == [1234, 5678])
    let commas = text.replacingOccurrences(of: ";", with: "|")
    let e = try #require(error(commas))
    #expect(e.description.contains("--decimal point or --decimal comma"))
    #expect(e.line == 2 && e.column == 5)
  }

  /// `3.311` is 3,311 in a whole-number export grouped by points and 3.311 in a
  /// three-decimal one: with no cell to say which, the column needs `--decimal`, in a
  /// comma-separated file read by the fast path as in a tab-separated one.
  @Test(arguments: [",", "\t"])
  func decimalPointBeforeThreeDigitsNeedsTheFlag(separator: String) throws {
    let text =
      [
        "invoice_id,customer_id,issue_date,due_date,amount,paid_date",
        "A1,C1,2013-01-02,2013-02-01,3.311,", "A2,C1,2013-01-02,2013-02-01,950,",
        "A3,C1,2013-01-03,2013-02-01,12.500,",
      ].joined(separator: "\n").replacingOccurrences(of: ",", with: separator) + "\n"
    let e = try #require(error(text))
    #expect(e.description.contains("--decimal point or --decimal comma"), "\(e)")
    #expect(e.line == 2 && e.column == 5)
    #expect(try load(text, options: LoadOptions(decimalMark: .comma)).amount == [3311, 950, 12500])
    #expect(try load(text, options: LoadOptions(decimalMark: .point)).amount == [3.311, 950, 12.5])
    // One amount with two decimals says the point is the decimal mark.
    let decided = text.replacingOccurrences(of: "950", with: "9.50")
    #expect(try load(decided).amount == [3.311, 9.5, 12.5])
  }

  /// An amount in another currency than its row's stops the run at that cell.
  ///
  /// One that agrees is read. Far down a file that looks plain at first, the message is the
  /// export reader's, not the fast path's "not a number".
  @Test func anAmountInAnotherCurrencyThanItsRowIsAnError() throws {
    let rows = (1...3000).map { "A\($0),C1,2013-01-02,2013-02-01,12.50,,USD" }
    func text(_ last: String) -> String {
      (["invoice_id,customer_id,issue_date,due_date,amount,paid_date,currency"] + rows
        + ["Z1,C1,2013-01-02,2013-02-01,\(last),,USD"]).joined(separator: "\n") + "\n"
    }
    let e = try #require(error(text("\"EUR 3,311.25\"")))
    #expect(e.line == 3002 && e.column == 5, "\(e)")
    #expect(e.description.contains("is in EUR, but the currency column says USD"), "\(e)")
    #expect(try load(text("\"USD 3,311.25\"")).amount.last == 3311.25)
  }

  /// Whole amounts sorted from small to large, a thousands point first past the part of the
  /// file looked at for its dialect: the same question as when it comes first, not 1.234.
  @Test func aGroupedAmountPastTheFirstLookIsAskedAbout() throws {
    let rows = (1...3000).map { "A\($0),C1,2013-01-02,2013-02-01,\(100 + $0 % 800)," }
    let header = "invoice_id,customer_id,issue_date,due_date,amount,paid_date"
    let last = "Z1,C1,2013-01-02,2013-02-01,1.234,"
    let late = try #require(error(([header] + rows + [last]).joined(separator: "\n") + "\n"))
    let early = try #require(error(([header, last] + rows).joined(separator: "\n") + "\n"))
    #expect(late.line == 3002 && late.column == 5, "\(late)")
    #expect(late.message == early.message)
    #expect(try load(([header] + rows).joined(separator: "\n") + "\n").amount.last == 700)
  }

  /// A whole-number export is read by the fast path to its end, points in other columns
  /// (`Inc.`) and all: only a point in an amount past the first look could be a thousands
  /// point (the general reader is 30-40 times slower over a million invoices).
  @Test func aWholeNumberFileStaysOnTheFastPath() throws {
    let rows = (1...3000).map { "A\($0),C1.\($0 % 7),2013-01-02,2013-02-01,\(100 + $0 % 800)," }
    let header = "invoice_id,customer_id,issue_date,due_date,amount,paid_date"
    let history = try load(([header] + rows).joined(separator: "\n") + "\n")
    #expect(history.amount.count == 3000 && history.amount.last == 700)
    #expect(history.report.dialect == nil, "\(String(describing: history.report.dialect))")
  }

  /// Whole amounts first and a decimal amount past the first look: read as the decimal it is.
  @Test func aDecimalAmountPastWholeOnesIsRead() throws {
    let rows = (1...3000).map { "A\($0),C1,2013-01-02,2013-02-01,\(100 + $0 % 800)," }
    let header = "invoice_id,customer_id,issue_date,due_date,amount,paid_date"
    let last = "Z1,C1,2013-01-02,2013-02-01,12.50,"
    let history = try load(([header] + rows + [last]).joined(separator: "\n") + "\n")
    #expect(history.amount.count == 3001 && history.amount.last == 12.5)
    #expect(history.amount[2999] == 700)
  }

  /// A symbol that the row's currency writes too agrees with its currency column.
  ///
  /// `$` is the Canadian and Australian dollar's symbol too (`kr` the Norwegian and Danish
  /// krone's, `¥` the yuan's): a row whose currency column says CAD has its amount in CAD. It
  /// was refused as an amount in USD; a code that says otherwise still is.
  @Test func aSymbolSharedByTheRowsCurrencyAgreesWithIt() throws {
    let header = "invoice_id,customer_id,issue_date,due_date,amount,paid_date,currency\n"
    let h = try load(
      header + "A1,C1,2013-01-02,2013-02-01,\"$1,234.50\",,CAD\n"
        + "A2,C1,2013-01-02,2013-02-01,(kr 99.00),,NOK\nA3,C1,2013-01-02,2013-02-01,¥500,,CNY\n")
    #expect(h.amount == [1234.5, -99, 500])
    #expect(h.currency?.levels == ["CAD", "NOK", "CNY"])
    for cell in ["\"US$1,234.50\"", "\"USD 1,234.50\"", "€5.00"] {
      let e = try #require(error(header + "A1,C1,2013-01-02,2013-02-01,\(cell),,CAD\n"))
      #expect(e.description.contains("but the currency column says CAD"), "\(e)")
    }
  }

  /// A row whose invoice id is a totals word is a totals row even with a date; in a
  /// customers file a customer named `Total Foods` stays a customer.
  @Test func totalsRowsByTheirId() throws {
    let text =
      "invoice_id;customer_id;issue_date;due_date;amount;paid_date\n"
      + "A1;C1;2013-01-02;2013-02-01;10,00;\nSubtotal;C1;2013-01-31;2013-02-01;10,00;\n"
      + "A2;C2;2013-01-03;2013-02-01;5,00;\n"
    let h = try load(text)
    #expect(h.invoiceIDs == ["A1", "A2"])
    #expect(h.report.dialect?.excluded("totals") == [3])
    let customers = "customer_id;credit_limit\nTotal Foods;1.000,00\nC2;500,00\nTotal;1.500,00\n"
    let c = try CustomerLoader.parse(bytes: csvBytes(customers), fileName: "c.csv")
    #expect(c.customerIDs == ["Total Foods", "C2"])
    #expect(c.report.dialect?.excluded("totals") == [4])
  }

  @Test func mixedDecimalMarksAreAnError() throws {
    let text =
      "invoice_id;customer_id;issue_date;due_date;amount;paid_date\n"
      + "A1;C1;2013-01-02;2013-02-01;1.234,50;\nA2;C1;2013-01-02;2013-02-01;5,678.00;\n"
    let e = try #require(error(text))
    #expect(e.description.contains("expected one decimal mark per column"))
  }

  @Test func everyMissingColumnInOneMessage() throws {
    let e = try #require(
      error("Beleg;Kundenname;Belegdatum;Betrag;Ausgleich\n1;K;02.01.2013;1,00;\n"))
    #expect(e.kind == .header)
    #expect(e.description.contains("missing required columns 'invoice_id' (did you mean 'Beleg'?)"))
    #expect(e.description.contains("'customer_id' (did you mean 'Kundenname'?)"))
    #expect(e.description.contains("'paid_date' (did you mean 'Ausgleich'?)"))
    #expect(e.description.contains("'due_date' (or 'terms_days')"))
    #expect(!e.description.contains("'amount'"))
  }

  /// A Xero export's header is longer than a message: the `--map` to give comes before it,
  /// and was cut off the end.
  @Test func aLongHeaderKeepsTheFlagToGive() throws {
    let xero =
      "*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,"
      + "POCity,PORegion,POPostalCode,POCountry,*InvoiceNumber,Reference,*InvoiceDate,*DueDate,"
      + "Total,TaxTotal,InvoiceAmountPaid,InvoiceAmountDue,InvoiceAmountCredited,Currency,Type,"
      + "Sent,Status"
    let row = "Acme,,,,,,,,,,INV-1,,2024-01-02,2024-02-01,100,0,0,100,0,USD,Sales invoice,Sent,"
    let e = try #require(error(xero + "\n" + row + "AUTHORISED\n"))
    let message = e.description
    #expect(message.contains("missing required column 'paid_date'"))
    #expect(message.contains("; use --map paid_date=YourColumn (accepted names"), "\(message)")
    #expect(message.contains("the header has: *ContactName, EmailAddress,"), "\(message)")
  }

  /// A header in another language, none of whose names are known: the missing columns alone
  /// would fill the message and cut off the `--map` to give after them, so it comes first;
  /// and an amount (`Montant`) is no suggestion for an id.
  @Test func aForeignHeaderKeepsTheFlagToGive() throws {
    let e = try #require(
      error(
        "Numer faktury;Kontrahent;Data wystawienia;Termin płatności;Kwota;Data zapłaty\n"
          + "F-1;Kowalski SA;05.01.2024;04.02.2024;1 234,56;01.02.2024\n"))
    let message = e.description
    #expect(
      message.hasPrefix(
        "export.csv:1: missing required columns (use --map canonical=YourColumn for each): "
          + "'invoice_id'"), "\(message)")
    #expect(message.contains("'customer_id'"), "\(message)")
    #expect(!message.contains("Kwota'?"), "\(message)")
  }

  /// Exports in French, Spanish, Portuguese, Italian and Dutch are read as exported, accents
  /// and all; they stopped with `--map` for every column.
  @Test(arguments: [
    (
      "Numéro de facture;Client;Date de facture;Date d'échéance;Montant;Date de paiement;Solde;"
        + "Devise",
      "F-1;Dupont SA;15/01/2024;14/02/2024;1 234,56;20/02/2024;0,00;EUR"
    ),
    (
      "Número de factura;Código cliente;Fecha de factura;Fecha de vencimiento;Importe;"
        + "Fecha de pago;Importe pendiente;Moneda",
      "F-1;C-7;15/01/2024;14/02/2024;1.234,56;20/02/2024;0,00;EUR"
    ),
    (
      "Número da fatura;Cliente;Data de emissão;Data de vencimento;Valor;Data de pagamento;"
        + "Valor em aberto;Moeda",
      "F-1;C-7;15/01/2024;14/02/2024;1.234,56;20/02/2024;0,00;EUR"
    ),
    (
      "Numero fattura;Codice cliente;Data fattura;Data scadenza;Importo;Data incasso;"
        + "Importo residuo;Valuta",
      "F-1;C-7;15/01/2024;14/02/2024;1.234,56;20/02/2024;0,00;EUR"
    ),
    (
      "Factuurnummer;Klantnummer;Factuurdatum;Vervaldatum;Bedrag;Betaaldatum;Openstaand;Valuta",
      "F-1;C-7;15-01-2024;14-02-2024;1.234,56;20-02-2024;0,00;EUR"
    ),
  ])
  func europeanHeaders(header: String, row: String) throws {
    let h = try load(header + "\n" + row + "\n")
    #expect(
      Set(h.report.columnMapping.keys).isSuperset(of: [
        "invoice_id", "customer_id", "issue_date", "due_date", "amount", "paid_date",
        "open_amount", "currency",
      ]), "\(h.report.columnMapping)")
    #expect(h.amount == [1234.56])
    #expect(h.issueDate.map(\.description) == ["2024-01-15"])
    #expect(h.dueDate.map(\.description) == ["2024-02-14"])
    #expect(h.paidDate[0]?.description == "2024-02-20")
    #expect(h.currency?.levels == ["EUR"])
  }

  /// A row with a field too many in a semicolon or tab file names that separator as the
  /// likely cause, not a comma.
  @Test(arguments: [(";", "';'"), ("\t", "tab")])
  func aRaggedRowNamesTheFilesSeparator(separator: String, name: String) throws {
    let text = [
      "invoice_id,customer_id,issue_date,due_date,amount,paid_date",
      "A1,C1,02.01.2013,01.02.2013,\"1,50\",", "A2,Müller, Nord,02.01.2013,01.02.2013,2,",
    ].map { $0.replacingOccurrences(of: ",", with: separator) }
    let e = try #require(error(text.joined(separator: "\n") + "\n"))
    #expect(
      e.description
        == "export.csv:3: row has 7 fields; expected 6 as in the header (an unquoted \(name) "
        + "inside a value?)")
  }

  /// A count of days (`Past Due`, `Days Past Due`) is no payment date; and a file with open
  /// balances but no payment dates is named for what it likely is, an ageing report.
  @Test func anAgeingReportIsNamed() throws {
    let header = "Num,Name,Date,Due Date,Amount,Past Due"
    let row = "1001,Beta,2025-12-15,2026-01-14,100,-14"
    let days = try #require(error(header + "\n" + row + "\n")).description
    #expect(days.contains("missing required column 'paid_date';"), "\(days)")
    let ageing = try #require(
      error(header + ",Open Balance\n" + row + ",100\n")
    ).description
    #expect(
      ageing.contains(
        "'paid_date' ('Open Balance' but no payment dates: export every invoice with the day "
          + "it was paid (an ageing report has none))"), "\(ageing)")
  }

  /// A missing payment date is never suggested an amount column (`InvoiceAmountPaid`,
  /// `Paid Amt`), however many letters they share; a date-like name goes first, and a
  /// missing amount is not suggested a date.
  @Test func suggestionsKeepToTheColumnsKind() throws {
    let header = "InvoiceNumber,ContactName,InvoiceDate,DueDate,Total,InvoiceAmountPaid"
    let row = "INV-1,Acme,2024-01-02,2024-02-01,100,100"
    let amounts = try #require(error(header + "\n" + row + "\n")).description
    #expect(amounts.contains("missing required column 'paid_date';"), "\(amounts)")
    let dated = try #require(
      error(header + ",Paid Amt,Payment Dt\n" + row + ",100,2024-01-20\n")
    ).description
    #expect(dated.contains("'paid_date' (did you mean 'Payment Dt'?)"), "\(dated)")
    let noAmount = try #require(
      error(
        "invoice_id,customer_id,issue_date,due_date,paid_date,Amount Date,Amt\n"
          + "A1,C1,2013-01-02,2013-02-01,,2013-01-02,5\n")
    ).description
    #expect(noAmount.contains("'amount' (did you mean 'Amt'?)"), "\(noAmount)")
  }

  /// A column that shares few letters with the missing one is no suggestion.
  @Test func aFarNameIsNotSuggested() throws {
    let e = try #require(
      error(
        "invoice_id,customer_id,issue_date,due_date,amount,Status\nA1,C1,2013-01-02,2013-02-01,1,Paid\n"
      ))
    #expect(e.description.contains("missing required column 'paid_date';"), "\(e)")
  }

  @Test func openAmountIsNeverTheInvoiceAmount() throws {
    let e = try #require(
      error(
        "Invoice Number,Customer,Invoice Date,Due Date,Paid Date,Amount Due\nA,C,1/2/2013,2/1/2013,,5\n"
      ))
    #expect(e.description.contains("'Amount Due' is the open amount still owed"))
    #expect(e.description.contains("--map amount=Amount Due"))
    let h = try load(
      "Invoice Number,Customer,Invoice Date,Due Date,Paid Date,Amount Due,Original Amount\n"
        + "A,C,2013-01-02,2013-02-01,,5,12\n")
    #expect(h.amount == [12])
    #expect(h.report.columnMapping["open_amount"] == "Amount Due")
    #expect(h.openAmount == [5])
  }

  @Test func openAmountIsBetweenZeroAndTheAmount() throws {
    let header =
      "Invoice Number,Customer,Invoice Date,Due Date,Paid Date,Amount Due,Original Amount\n"
    let h = try load(
      header + "A,C,2013-01-02,2013-02-01,,5,12\nB,C,2013-01-02,2013-02-01,,,12\n"
        + "D,C,2013-01-02,2013-02-01,,-3,-8\n")
    #expect(h.openAmount?[0] == 5)
    #expect(h.openAmount?[1].isNaN == true)
    #expect(h.openAmount?[2] == -3)
    let above = try #require(error(header + "A,C,2013-01-02,2013-02-01,,12.5,12\n"))
    #expect(above.description.contains(":2:6 (open_amount): "), "\(above)")
    #expect(above.description.contains("between 0 and the invoice amount 12"), "\(above)")
    let negative = try #require(error(header + "A,C,2013-01-02,2013-02-01,,-1,12\n"))
    #expect(negative.description.contains(":2:6 (open_amount): "), "\(negative)")
    let credit = try #require(error(header + "A,C,2013-01-02,2013-02-01,,2,-8\n"))
    #expect(credit.description.contains("between the credit note's amount -8 and 0"), "\(credit)")
  }

  @Test func oracleAndExcelDates() throws {
    let h = try load(
      "TRX_NUMBER|CUSTOMER_NUMBER|TRX_DATE|DUE_DATE|AMOUNT_DUE_ORIGINAL|ACTUAL_DATE_CLOSED\n"
        + "1|C|05-JAN-13|41309|10|20130120\n")
    #expect(h.issueDate == [try #require(Day(iso: "2013-01-05"))])
    #expect(h.dueDate == [try #require(Day(iso: "2013-02-04"))])
    #expect(h.paidDate == [Day(iso: "2013-01-20")])
    #expect(h.report.dialect?.rewrittenDates["issue_date"] == ["DD-MON-YY": 1])
  }

  /// The exchange rates of a rates file holding `text`.
  func rates(_ text: String) throws -> ExchangeRates {
    let folder = NSTemporaryDirectory() + "creditrisk-fx-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/rates.csv"
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    return try ExchangeRates.load(path: path)
  }

  /// The exchange rates of a rates file of `bytes`.
  func rates(bytes: [UInt8]) throws -> ExchangeRates {
    let folder = NSTemporaryDirectory() + "creditrisk-fx-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/rates.csv"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return try ExchangeRates.load(path: path)
  }

  /// Rates saved by Excel elsewhere read as the same rates.
  ///
  /// A German computer's (semicolons, decimal commas, `D.M.YYYY`, Windows-1252) and `Unicode
  /// Text` (tab-separated UTF-16). They were refused: the header was one column, or the
  /// encoding not UTF-8, with `--encoding` named, which does not apply to a rates file.
  @Test func ratesAsExcelSavesThemElsewhere() throws {
    func schedules(_ r: ExchangeRates) -> [String: [String]] {
      r.rates.mapValues { $0.map { "\($0.day.map { "\($0)" } ?? "-") \($0.rate)" } }
    }
    let expected = try rates("currency,rate,date,note\nUSD,0.92,2024-01-01,\nEUR,1,2024-01-01,\n")
    let german =
      "currency;rate;date;note\r\nUSD;0,92;01.01.2024;Kurs für Jänner\r\nEUR;1;01.01.2024;\r\n"
    let fromGerman = try rates(bytes: Array(german.unicodeScalars.map { UInt8($0.value) }))
    #expect(schedules(fromGerman) == schedules(expected))
    #expect(fromGerman.reportingCurrency == "EUR")
    let unicodeText =
      "currency\trate\tdate\tnote\r\nUSD\t0,92\t2024-01-01\t\r\nEUR\t1\t2024-01-01\t\r\n"
    let utf16: [UInt8] =
      [0xFF, 0xFE] + unicodeText.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    #expect(schedules(try rates(bytes: utf16)) == schedules(expected))
    // One separator and three digits in every rate: a decimal, or grouping.
    let undecided = try #require(throws: DataError.self) {
      try rates(bytes: Array("currency\trate\nUSD\t1.085\nEUR\t1\n".utf8))
    }
    #expect(
      undecided.description.hasSuffix(
        "rates.csv:2:2 (rate): '1.085' reads as a whole number or as a decimal: every number in "
          + "this column has one separator followed by three digits; expected the decimals "
          + "written out (1.000,00) or no separator (1000)"), "\(undecided)")
  }

  @Test func severalCurrenciesNeedRates() throws {
    let text =
      "invoice_id,customer_id,issue_date,due_date,amount,paid_date,currency\n"
      + "A1,C1,2013-01-02,2013-02-01,10,,EUR\nA2,C1,2013-03-02,2013-04-01,10,,USD\n"
      + "A3,C1,2013-03-02,2013-04-01,10,,\n"
    let e = try #require(throws: DataError.self) { try load(text).inOneCurrency(rates: nil) }
    #expect(e.kind == .currency)
    #expect(e.description.contains("2 currencies (EUR 1, USD 1 invoices)"))
    #expect(e.description.contains("--fx"))
    let dated = try rates("currency,rate,date\nEUR,1.5,2013-01-01\nEUR,2,2013-03-01\nUSD,1,\n")
    let h = try load(text).inOneCurrency(rates: dated)
    #expect(h.amount == [15, 10, 10])
    #expect(h.currency?.levels == ["USD"])
    let usd = try rates("currency,rate\nUSD,1\n")
    let missing = try #require(throws: DataError.self) {
      try load(text).inOneCurrency(rates: usd)
    }
    #expect(missing.description.contains("'EUR' has no rate"))
  }

  /// A customers file's limit in another currency (a `currency` column, a symbol in the
  /// cell, or the column's name) is converted at the rate on the as-of date, and is an error
  /// without a rate: it was taken as a limit in the history's currency.
  @Test func customersLimitsInAnotherCurrency() throws {
    let text =
      "customer_id,credit_limit,currency\nC1,1000,eur\nC2,500,USD\nC3,200,\nC4,,GBP\n"
    var c = try CustomerLoader.parse(bytes: csvBytes(text), fileName: "c.csv")
    #expect(c.creditLimitCurrency == ["EUR", "USD", "", "GBP"])
    let dated = try rates(
      "currency,rate,date\nEUR,1.5,2013-01-01\nEUR,2,2013-03-01\nUSD,1,\nGBP,3,\n")
    try c.convertLimits(to: "USD", rates: dated, on: Day(iso: "2013-02-15")!)
    #expect(c.creditLimit[0..<3] == [1500, 500, 200])
    #expect(c.creditLimit[3].isNaN)
    var symbol = try CustomerLoader.parse(
      bytes: csvBytes("customer_id,credit_limit\nC1,\"€1,000.00\"\nC2,300\n"), fileName: "s.csv")
    let e = try #require(throws: DataError.self) {
      try symbol.convertLimits(to: "USD", rates: nil, on: Day(iso: "2013-02-15")!)
    }
    #expect(e.description.contains("s.csv:2:2 (credit_limit): 'EUR' is the currency"))
    try symbol.convertLimits(to: "EUR", rates: nil, on: Day(iso: "2013-02-15")!)
    #expect(symbol.creditLimit == [1000, 300])
    var named = try CustomerLoader.parse(
      bytes: csvBytes("customer_id,Credit Limit (EUR)\nC1,1000\n"), fileName: "n.csv")
    try named.convertLimits(to: "USD", rates: dated, on: Day(iso: "2013-03-01")!)
    #expect(named.creditLimit == [2000])
    try named.convertLimits(to: "USD", rates: dated, on: Day(iso: "2013-03-01")!)
    #expect(named.creditLimit == [2000])
    named = try CustomerLoader.parse(
      bytes: csvBytes("customer_id,Credit Limit (EUR)\nC1,1000\n"), fileName: "n.csv")
    let usd = try rates("currency,rate\nUSD,1\n")
    let missing = try #require(throws: DataError.self) {
      try named.convertLimits(to: "USD", rates: usd, on: Day(iso: "2013-03-01")!)
    }
    #expect(missing.description.contains("rates.csv to convert it to USD"))
  }

  /// In place, limits and open amounts are converted too (empty ones stay empty), and a
  /// currency without a rate is reported at its first row with the history left as it was.
  @Test func convertingInPlace() throws {
    let text =
      "invoice_id,customer_id,issue_date,due_date,amount,paid_date,currency,credit_limit,"
      + "open_amount\nA1,C1,2013-01-02,2013-02-01,10,,EUR,100,4\n"
      + "A2,C1,2013-03-02,2013-04-01,10,,GBP,,\nA3,C1,2013-03-02,2013-04-01,8,,EUR,50,8\n"
      + "A4,C1,2013-03-02,2013-04-01,10,,GBP,,\n"
    let eur =
      "currency,rate,date,reporting_currency\nEUR,1.5,2013-01-01,USD\nEUR,2,2013-03-01,USD\n"
    var h = try load(text)
    let missing = try #require(throws: DataError.self) {
      try h.convertToOneCurrency(rates: try rates(eur))
    }
    #expect(missing.description.hasPrefix("export.csv:3 (currency): "))
    #expect(missing.description.contains("'GBP' has no rate"))
    #expect(h.amount == [10, 10, 8, 10])
    #expect(h.currency?.levels == ["EUR", "GBP"])
    try h.convertToOneCurrency(rates: try rates(eur + "GBP,3,,USD\n"))
    #expect(h.amount == [15, 30, 16, 30])
    #expect(h.creditLimit?.map { $0.isNaN ? -1 : $0 } == [150, -1, 100, -1])
    #expect(h.openAmount?.map { $0.isNaN ? -1 : $0 } == [6, -1, 16, -1])
    #expect(h.currency?.levels == ["USD"])
    #expect(h.currency?.codes == [0, 0, 0, 0])
  }

  /// Given the day the balance is drawn up, an invoice open on it takes that day's rate (a
  /// receivable at the closing rate), one paid by then or issued after it its issue date's;
  /// the limits carried in the history are that day's figures.
  @Test func openInvoicesTakeTheClosingRate() throws {
    let text =
      "invoice_id,customer_id,issue_date,due_date,amount,paid_date,currency,credit_limit\n"
      + "A1,C1,2013-01-02,2013-02-01,10,2013-02-10,EUR,100\n"
      + "A2,C1,2013-01-05,2013-02-04,10,,EUR,100\n"
      + "A3,C1,2013-01-06,2013-02-05,10,2013-04-01,EUR,100\n"
      + "A4,C1,2013-04-02,2013-05-01,10,,EUR,100\n"
      + "A5,C1,2013-01-07,2013-02-06,10,2013-03-15,EUR,100\n"
    let dated = try rates(
      "currency,rate,date,reporting_currency\nEUR,1.5,2013-01-01,USD\nEUR,2,2013-03-01,USD\n"
        + "EUR,2.5,2013-04-01,USD\n")
    let closing = try load(text).inOneCurrency(rates: dated, openAt: Day(iso: "2013-03-15"))
    #expect(closing.amount == [15, 20, 20, 25, 15])
    #expect(closing.creditLimit == [200, 200, 200, 200, 200])
    #expect(
      closing.report.conversion?.hasSuffix("those open on 2013-03-15 at that day's rates") == true)
    let issued = try load(text).inOneCurrency(rates: dated)
    #expect(issued.amount == [15, 15, 15, 25, 15])
    #expect(issued.creditLimit == [150, 150, 150, 250, 150])
    #expect(issued.report.conversion?.contains("those open") == false)
  }

  /// Day and month with hyphens (Dutch and Indian exports write `31-01-2013`, some US ones
  /// `01-31-2013`) were not dates at all; each column's order is found as for slash dates.
  @Test func hyphenatedDayMonthDates() throws {
    let header = "invoice_id,customer_id,issue_date,due_date,amount,paid_date\n"
    let dayFirst = try load(
      header + "A1,C1,05-01-2013,04-02-2013,10,20-01-2013\nA2,C1,31-01-2013,02-03-2013,10,\n")
    #expect(dayFirst.issueDate.map(\.description) == ["2013-01-05", "2013-01-31"])
    #expect(dayFirst.dueDate.map(\.description) == ["2013-02-04", "2013-03-02"])
    #expect(dayFirst.paidDate[0]?.description == "2013-01-20")
    let monthFirst = try load(
      header + "A1,C1,01-05-2013,02-04-2013,10,01-20-2013\nA2,C1,01-31-2013,03-02-13,10,\n")
    #expect(monthFirst.issueDate.map(\.description) == ["2013-01-05", "2013-01-31"])
    #expect(monthFirst.dueDate.map(\.description) == ["2013-02-04", "2013-03-02"])
  }

  /// Excel's accounting format writes a zero balance as `$ -` (a dash alone in its comma
  /// style): read as 0, where it stopped the load as "not a number".
  @Test func aDashAloneIsAZeroBalance() throws {
    let h = try load(
      "invoice_id,customer_id,issue_date,due_date,amount,paid_date,open_amount\n"
        + "A1,C1,2025-01-05,2025-02-04,\"$ 1,000.00\",2025-01-20,$ -\n"
        + "A2,C1,2025-01-31,2025-03-02,$ 500.00,,$ 500.00\nA3,C2,2025-02-01,2025-03-02,200,,-\n")
    #expect(h.amount == [1000, 500, 200])
    #expect(h.openAmount == [0, 500, 0])
  }

  /// An amount in the company's currency beside the documents' currency (SAP's `Amount in
  /// local currency` with `Document currency`) takes the currency column of its own kind, or
  /// none, with a warning: converting local amounts at the documents' rates was silently wrong.
  @Test func theAmountsCurrencyIsOfItsOwnKind() throws {
    let rows = "100,A1,2025-01-05,2025-02-04,1000.00,,EUR,USD\n"
    let header = "Customer,Document Number,Document Date,Net due date,"
    let alone = try load(
      header + "Amount in local currency,Clearing date,Document currency,Other\n" + rows)
    #expect(alone.currency == nil)
    #expect(alone.report.columnMapping["currency"] == nil)
    #expect(
      alone.report.conversionWarnings == [
        "'Document currency' is not the currency of 'Amount in local currency', so it is not "
          + "used: the amounts are taken to be in one currency (--map currency=COLUMN names the "
          + "amounts' currency)"
      ])
    let paired = try load(
      header + "Amount in local currency,Clearing date,Document currency,Local Currency\n" + rows)
    #expect(paired.report.columnMapping["currency"] == "Local Currency")
    #expect(paired.currency?.levels == ["USD"])
    #expect(paired.report.conversionWarnings.isEmpty)
    let document = try load(
      header + "Amount in doc. curr.,Clearing date,Document currency,Local Currency\n" + rows)
    #expect(document.report.columnMapping["currency"] == "Document currency")
    #expect(document.currency?.levels == ["EUR"])
    var options = LoadOptions()
    options.columnMap = ["currency": "Document currency"]
    let given = try load(
      header + "Amount in local currency,Clearing date,Document currency,Other\n" + rows,
      options: options)
    #expect(given.currency?.levels == ["EUR"])
    #expect(given.report.conversionWarnings.isEmpty)
  }

  /// Invoice exports of FreshBooks, Zoho Books and Sage Intacct are read as exported: their
  /// customer (`Client Name`, `Customer Name`), issue date (`Date Issued`) and open amount
  /// (`Total due`) columns were not recognised.
  @Test(arguments: [
    (
      "Client Name,Invoice #,Date Issued,Invoice Status,Date Paid,Total,Paid,Outstanding,Due Date",
      "Beta,1,2025-12-15,paid,2026-01-10,1200.00,1200.00,0.00,2026-01-14",
      ["customer_id": "Client Name", "issue_date": "Date Issued", "open_amount": "Outstanding"]
    ),
    (
      "Invoice Date,Invoice Number,Invoice Status,Customer Name,Due Date,Total,Balance,"
        + "Last Payment Date",
      "2025-12-15,INV-1,Paid,Beta,2026-01-14,1200.00,0.00,2026-01-10",
      ["customer_id": "Customer Name", "issue_date": "Invoice Date", "open_amount": "Balance"]
    ),
    (
      "Customer ID,Invoice No.,Date,Due date,Total,Total due,Date fully paid",
      "C-1,1001,12/15/2025,01/14/2026,1200.00,0.00,01/10/2026",
      ["customer_id": "Customer ID", "issue_date": "Date", "open_amount": "Total due"]
    ),
  ])
  func accountingInvoiceLists(header: String, row: String, expected: [String: String]) throws {
    let h = try load(header + "\n" + row + "\n")
    for (canonical, column) in expected {
      #expect(h.report.columnMapping[canonical] == column, "\(canonical) in \(header)")
    }
    #expect(h.amount == [1200])
    #expect(h.paidDate[0]?.description == "2026-01-10")
  }

  @Test func plainFilesStillTakeTheFastPath() throws {
    let h = try load(
      "invoice_id,customer_id,issue_date,due_date,amount,paid_date\nA,C,2013-01-02,2013-02-01,10.5,\n"
    )
    #expect(h.report.dialect == nil)
    #expect(h.amount == [10.5])
  }

  @Test func forcedEncodingAndDelimiter() throws {
    var bytes = Array("invoice_id|customer_id|issue_date|due_date|amount|paid_date\nA|K".utf8)
    bytes += [0xFC] + Array("|2013-01-02|2013-02-01|1|\n".utf8)
    let h = try load(bytes, options: LoadOptions(encoding: .windows1252, delimiter: "|"))
    #expect(h.customerIDs == ["Kü"])
  }

  /// A currency given two rates for one date (or two undated ones) is refused, naming both
  /// lines: before, one of them was used and the other dropped without a word.
  @Test func aSecondRateForTheSameDateIsRefused() throws {
    let undated = try #require(throws: DataError.self) {
      try rates("currency,rate\nUSD,1\nEUR,1.1\neur,1.2\n")
    }
    #expect(
      undated.description.hasSuffix(
        "/rates.csv:4:1 (currency): 'eur' has a second rate for every date (line 3 gives "
          + "one); expected one rate per currency and date"), "\(undated)")
    let dated = try #require(throws: DataError.self) {
      try rates("currency,rate,date\nEUR,1.1,2013-01-01\nEUR,1.2,2013-02-01\nEUR,1.3,2013-01-01\n")
    }
    #expect(
      dated.description.contains(
        "rates.csv:4:1 (currency): 'EUR' has a second rate for 2013-01-01 (line 2"))
    // A dated and an undated rate of one currency are two rates, as before.
    #expect(
      try rates("currency,rate,date\nEUR,1.1,\nEUR,1.2,2013-02-01\n").rates["EUR"]?.count == 2)
  }
}
