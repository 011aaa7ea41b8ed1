import CreditData
import Foundation
import TestSupport
import Testing

/// The promises and disputes loaders: the bundled sample's files, header aliases, date
/// detection and one-line errors naming file, line and column.
@Suite struct CollectionsFileTests {
  /// A fresh folder for this test's files.
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "collections-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

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

  func day(_ iso: String) -> Day {
    guard let d = Day(iso: iso) else { fatalError("bad date literal \(iso)") }
    return d
  }
}
