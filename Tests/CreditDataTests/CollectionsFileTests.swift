import CreditData
import Foundation
import TestSupport
import Testing

/// The loaders of the event files (promises, disputes, discounts, accepted plans): the bundled sample's files, header aliases, date
/// detection and one-line errors naming file, line and column.
@Suite struct CollectionsFileTests {
  /// A fresh folder for this test's files (removed when the test's suite instance goes).
  let scratch: ScratchFolder
  var folder: URL { URL(fileURLWithPath: scratch.path) }

  init() throws { scratch = try ScratchFolder("collections") }

  /// Writes `text` to the file `name` in the folder and returns its path.
  func file(_ name: String, _ text: String) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// The message of the error `body` throws, with the folder left out of file names.
  func failure(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch {
      return "\(error)".replacingOccurrences(of: folder.path + "/", with: "")
    }
  }

  @Test func bundledSampleLoads() throws {
    let promises = try PromiseTable.load(path: datasetsDirectory() + "/promises.csv")
    #expect(promises.count == 758)
    #expect(promises.customerIDs[0] == "C000142")
    #expect(promises.invoiceIDs[0] == "INV00000006")
    #expect(promises.amount[0] == 3418.72)
    #expect(promises.promisedDate[0] == Day(iso: "2024-03-06"))
    #expect(promises.madeOn[0] == Day(iso: "2024-02-15"))
    #expect(promises.sourceLines[0] == 2)
    let disputes = try DisputeTable.load(path: datasetsDirectory() + "/disputes.csv")
    #expect(disputes.count == 790)
    #expect(disputes.invoiceIDs[0] == "INV00000015")
    #expect(disputes.opened[0] == Day(iso: "2024-01-15"))
    #expect(disputes.resolved[0] == Day(iso: "2024-01-24"))
    #expect(disputes.reason[0] == "quantity")
    #expect(disputes.resolved.filter { $0 == nil }.count == 28)
  }

  @Test func aliasesSlashDatesAndOptionalColumns() throws {
    let path = try file(
      "ptp.csv",
      "Customer,Invoice Number,Promised Amount,PTP Date,Notes\r\n"
        + "C1,INV-1,1000.50,13/02/2024,call\r\nC2,,250,1/3/2024,\r\n")
    let p = try PromiseTable.load(path: path)
    #expect(p.invoiceIDs == ["INV-1", ""])
    #expect(p.promisedDate == [day("2024-02-13"), day("2024-03-01")])
    #expect(p.madeOn == [nil, nil])
    #expect(p.report.ignoredColumns == ["Notes"])
    #expect(p.report.dateFormats["promised_date"] == .dayMonthYear)
  }

  @Test func errorsNameFileLineAndColumn() throws {
    let bad = try file(
      "promises.csv",
      "customer_id,invoice_id,amount,promised_date,made_on\nC1,I1,12.5,2024-02-01,2024-01-20\n"
        + "C1,I2,abc,2024-02-01,2024-01-20\n")
    #expect(
      failure { _ = try PromiseTable.load(path: bad) }
        == "promises.csv:3:3 (amount): 'abc' is not a number; expected a decimal such as 1234.56")
    let early = try file(
      "promises.csv",
      "customer_id,invoice_id,amount,promised_date,made_on\nC1,I1,12.5,2024-01-01,2024-01-20\n")
    #expect(
      failure { _ = try PromiseTable.load(path: early) }.hasPrefix(
        "promises.csv:2:4 (promised_date): '2024-01-01' is before the day the promise was made"))
    let missing = try file("promises.csv", "customer_id,amount\nC1,5\n")
    #expect(
      failure { _ = try PromiseTable.load(path: missing) }.contains("promised_date"))
    let resolvedEarly = try file(
      "disputes.csv", "invoice,opened_on,resolved_on,cause\nI1,2024-03-05,2024-03-01,price\n")
    #expect(
      failure { _ = try DisputeTable.load(path: resolvedEarly) }.hasPrefix(
        "disputes.csv:2:3 (resolved): '2024-03-01' is before the dispute was opened"))
    let noDate = try file("disputes.csv", "invoice_id,opened\nI1,\n")
    #expect(
      failure { _ = try DisputeTable.load(path: noDate) }
        == "disputes.csv:2:2 (opened): empty; expected a date")
    let ragged = try file("disputes.csv", "invoice_id,opened\nI1,2024-01-01,extra\n")
    #expect(failure { _ = try DisputeTable.load(path: ragged) }.hasPrefix("disputes.csv:2"))
  }

  /// Promises and disputes saved by Excel elsewhere read as their comma-separated copies do.
  ///
  /// A German computer's (semicolons, decimal commas, `D.M.YYYY`, Windows-1252) and `Unicode
  /// Text` (tab-separated UTF-16); errors name the file's own lines. They were refused: the
  /// header was one column, or the encoding not UTF-8, with `--encoding` named, which does not
  /// apply to these files.
  @Test func promisesAndDisputesAsExcelSavesThemElsewhere() throws {
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
      let url = folder.appendingPathComponent(name)
      try Data(bytes).write(to: url)
      return url.path
    }
    let german =
      "Customer;invoice_id;Promised Amount;PTP Date;made_on\r\n"
      + "Müller GmbH;R-1;1.234,50;15.02.2024;20.01.2024\r\nSociété Générale;;250;01.03.2024;\r\n"
    let windows1252 = Array(german.unicodeScalars.map { UInt8($0.value) })
    let p = try PromiseTable.load(path: try write("zusagen.csv", windows1252))
    #expect(p.customerIDs == ["Müller GmbH", "Société Générale"])
    #expect(p.invoiceIDs == ["R-1", ""])
    #expect(p.amount == [1234.5, 250])
    #expect(p.promisedDate == [day("2024-02-15"), day("2024-03-01")])
    #expect(p.madeOn == [day("2024-01-20"), nil])
    #expect(p.sourceLines == [2, 3])
    let text = "invoice_id\topened\tresolved\treason\r\nI1\t02.01.2024\t\tPreis zu hoch\r\n"
    let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let d = try DisputeTable.load(path: try write("disputes.txt", utf16))
    #expect(d.invoiceIDs == ["I1"])
    #expect(d.opened == [day("2024-01-02")])
    #expect(d.reason == ["Preis zu hoch"])
    let bad = german.replacingOccurrences(of: "01.03.2024", with: "31.02.2024")
    #expect(
      failure {
        _ = try PromiseTable.load(
          path: try write("zusagen.csv", Array(bad.unicodeScalars.map { UInt8($0.value) })))
      }.hasPrefix("zusagen.csv:3:4 (promised_date): '31.02.2024' "))
  }

  @Test func discountsAndAcceptedPlansLoad() throws {
    let offers = try file(
      "discounts.csv",
      "customer_id,invoice_id,discount_percent,discount_days,taken\n"
        + "C1,I1,2,10,yes\nC1,I2,2,10,\nC2,I3,2,10,0\n")
    let d = try DiscountTable.load(path: offers)
    #expect(d.invoiceIDs == ["I1", "I2", "I3"])
    #expect(d.taken == [true, nil, false])
    #expect(d.sourceLines == [2, 3, 4])
    #expect(d.report.dateFormats.isEmpty)
    let maybe = try file("discounts.csv", "invoice_id,taken\nI1,1\nI2,maybe\n")
    #expect(
      failure { _ = try DiscountTable.load(path: maybe) }.hasPrefix(
        "discounts.csv:3:2 (taken): 'maybe' is not a yes/no value"))
    let plans = try file(
      "payment_plans.csv",
      "customer_id,instalment,due_date,amount,instalments\n\n"
        + "C1,1,02/15/2024,100.5,2\nC1,2,03/15/2024,100.5,2\n")
    let a = try AcceptedPlanTable.load(path: plans)
    #expect(a.customerIDs == ["C1", "C1"])
    #expect(a.dueDate == [day("2024-02-15"), day("2024-03-15")])
    #expect(a.amount == [100.5, 100.5])
    #expect(a.sourceLines == [3, 4])
    #expect(a.report.dateFormats["due_date"] == .monthDayYear)
    #expect(a.report.ignoredColumns.isEmpty)
    let negative = try file("payment_plans.csv", "customer_id,due_date,amount\nC1,2024-02-15,-4\n")
    #expect(
      failure { _ = try AcceptedPlanTable.load(path: negative) }
        == "payment_plans.csv:2:3 (amount): '-4' is not positive; expected an amount above 0")
    let noCustomer = try file("payment_plans.csv", "customer_id,due_date,amount\n,2024-02-15,4\n")
    #expect(
      failure { _ = try AcceptedPlanTable.load(path: noCustomer) }
        == "payment_plans.csv:2:1 (customer_id): empty; expected a customer id")
  }

  func day(_ iso: String) -> Day {
    guard let d = Day(iso: iso) else { fatalError("bad date literal \(iso)") }
    return d
  }
}
