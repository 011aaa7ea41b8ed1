import Foundation
import TestSupport
import Testing

/// The IBM sample re-exported as ERPs and accounting systems write it
/// (`scripts/make-erp-fixtures.py`, `Tests/Fixtures/erp/`): each shape trains as exported,
/// or stops with one line naming the flag that fixes it and trains with that flag; shapes
/// carrying the whole history give the model of the original CSV.
@Suite("ERP exports")
struct ERPExportTests {
  static let folder = fixturesDirectory() + "/erp"

  /// The coefficients of every model in a model file, by model.
  static func coefficients(_ path: String) throws -> [String: [Double]] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var out: [String: [Double]] = [:]
    for (key, value) in json {
      if let model = value as? [String: Any], let c = model["coefficients"] as? [Double] {
        out[key] = c
      }
    }
    try #require(out.count >= 3, "\(path) has \(out.count) models with coefficients")
    return out
  }

  /// Trains on `history` (in the fixture folder) with `flags`; the model's coefficients.
  static func train(_ history: String, _ flags: [String] = []) throws -> [String: [Double]] {
    let out = try CLI.temporaryDirectory("erp")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let run = try CLI.run(
      ["train", "--history", history, "--model", out + "/model.json"] + flags, in: folder)
    try #require(run.status == 0 && !run.signaled, "train on \(history) failed: \(run.stderr)")
    return try coefficients(out + "/model.json")
  }

  /// The model trained on the original IBM CSV.
  static let reference: [String: [Double]]? = try? train(
    repositoryRoot() + "/datasets/ibm-accounts-receivable.csv")

  @Test(arguments: [
    ("sap-fbl5n-de.csv", [String]()), ("sap-fbl5n-en.csv", []), ("netsuite.csv", []),
    ("quickbooks.csv", []), ("excel-utf8-bom.csv", []), ("oracle-ar.csv", []),
    ("tab-separated.txt", []), ("iso-timestamps.csv", []),
    ("multi-currency.csv", ["--fx", "fx-rates.csv"]), ("dynamics-365.csv", []),
    ("excel-hyphen-dates.csv", []), ("ibm.xlsx", []),
    ("ibm.xlsx", ["--sheet", "Invoices"]),
  ])
  func shapeGivesTheModelOfTheOriginal(file: String, flags: [String]) throws {
    let expected = try #require(Self.reference, "training on the original CSV failed")
    let got = try Self.train(file, flags)
    for (model, coefficients) in expected {
      let values = try #require(got[model])
      #expect(values.count == coefficients.count, "\(file) \(model)")
      for (a, b) in zip(values, coefficients) {
        #expect(abs(a - b) <= 1e-9 * max(abs(b), 1e-12), "\(file) \(model): \(a) vs \(b)")
      }
    }
  }

  @Test(arguments: [
    ("multi-currency.csv", "--fx rates.csv"),
    ("amount-due-only.csv", "--map amount=Amount Due"),
  ])
  func shapeStopsNamingTheFlag(file: String, flag: String) throws {
    let out = try CLI.temporaryDirectory("erp")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let run = try CLI.run(
      ["train", "--history", file, "--model", out + "/model.json"], in: Self.folder)
    #expect(run.status == 1 && !run.signaled)
    let errors = run.stderrLines.filter { $0.hasPrefix("Error: ") }
    #expect(errors.count == 1)
    #expect(errors.first?.contains(flag) == true, "\(run.stderr)")
    #expect(CLI.files(in: out).isEmpty)
  }

  @Test func decimalFlagDecidesThreeDigitGroups() throws {
    let dir = try CLI.temporaryDirectory("erp")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var text = "Belegnummer|Kunde|Belegdatum|Nettofälligkeit|Betrag|Ausgleichsdatum\n"
    for k in 0..<30 {
      text +=
        "\(1000 + k)|K\(k % 4)|0\(k % 9 + 1).01.2013|0\(k % 9 + 1).02.2013|1.\(100 + k)|"
        + "1\(k % 9).02.2013\n"
    }
    try text.write(toFile: dir + "/h.csv", atomically: false, encoding: .utf8)
    // `1.100` is 1,100 grouped by a point as much as 1.1: without the flag the run stops.
    let run = try CLI.run(["inspect", "--history", "h.csv"], in: dir)
    #expect(run.status == 1)
    #expect(run.stderr.contains("expected --decimal point or --decimal comma"), "\(run.stderr)")
    let comma = try CLI.run(["inspect", "--history", "h.csv", "--decimal", "comma"], in: dir)
    #expect(comma.stdout.contains("amount: decimal comma"), "\(comma.stdout)")
    let point = try CLI.run(["inspect", "--history", "h.csv", "--decimal", "point"], in: dir)
    #expect(point.status == 0, "\(point.stderr)")
  }

  @Test func unknownSheetListsTheSheets() throws {
    let out = try CLI.temporaryDirectory("erp")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let run = try CLI.run(
      ["inspect", "--history", "ibm.xlsx", "--sheet", "Summary"], in: Self.folder)
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(
        "'Summary' is not a sheet of the workbook (--sheet); expected one of Invoices"),
      "\(run.stderr)")
  }

  /// A Business Central customer ledger's payments are not credit notes: left out, counted
  /// on standard error and listed by inspect.
  @Test func ledgerPaymentsAreCountedNotRead() throws {
    let scratch = try ScratchFolder("erp-ledger")
    let path = try scratch.file(
      "ledger.csv",
      """
      Posting Date,Document Type,Document No.,Customer No.,Due Date,Original Amount,Closed at Date
      2024-01-02,Invoice,103001,10000,2024-02-01,1000.00,2024-01-25
      2024-01-25,Payment,2591,10000,2024-01-25,-1000.00,2024-01-25
      2024-01-05,Invoice,103002,20000,2024-02-04,500.00,

      """)
    let run = try CLI.run(["inspect", "--history", path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "excluded 1 payment/refund rows by their document type, not invoices (line 3); "
          + "inspect lists them"), "\(run.stderr)")
    #expect(run.stdout.contains("invoices        2"), "\(run.stdout)")
    #expect(
      run.stdout.contains("payment/refund rows (document type) excluded: 1 (line 3)"),
      "\(run.stdout)")
  }
}
