import Foundation
import TestSupport
import Testing

/// What a history or customers file says that does not fit the rest: an invoice settled
/// without a date, customers-file rows for no customer of the history, a lone far-off date,
/// an as-of date before the first invoice; and an earlier run's optional output in the output
/// folder.
@Suite("Inputs that do not fit together, told and handled")
struct InputMismatchTests {
  let scratch: ScratchFolder
  init() throws { scratch = try ScratchFolder("mismatch") }

  /// valid-small.csv's lines, with `edit` applied to each data row's fields (by header name).
  private func history(
    _ name: String, extraColumn: String? = nil,
    _ edit: (inout [String: String]) -> Void = { _ in }
  ) throws -> String {
    let text = try String(contentsOfFile: CLI.badFixtures + "/valid-small.csv", encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let columns = header + (extraColumn.map { [$0] } ?? [])
    var out = [columns.joined(separator: ",")]
    for line in lines.dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      var row = Dictionary(uniqueKeysWithValues: zip(header, fields))
      edit(&row)
      out.append(columns.map { row[$0] ?? "" }.joined(separator: ","))
    }
    return try scratch.file(name, out.joined(separator: "\n") + "\n")
  }

  @Test func anInvoiceOwingNothingIsNeitherScoredNorChased() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    // INV00000110 is open and past due at the file's latest date (2025-12-29).
    let path = try history("settled.csv", extraColumn: "open_amount") { row in
      if row["invoice_id"] == "INV00000110" { row["open_amount"] = "0" }
    }
    let out = scratch.path + "/out"
    let run = try CLI.run(["score", "--history", path, "--model", model, "--out", out])
    try #require(run.status == 0, "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "settled.csv: 1 invoice has no payment date and an open amount of 0 (line 111)"),
      "\(run.stderr)")
    for file in ["invoices.csv", "worklist.csv"] {
      let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
      #expect(!text.contains("INV00000110"), "\(file)")
    }
  }

  @Test func customersFileRowsForNoCustomerAreCountedAndNamed() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let customers = try scratch.file(
      "customers.csv", "customer_id,credit_limit\nC000004,9000\nc000007,7000\nZZZ999,5000\n")
    let run = try CLI.run([
      "score", "--history", "valid-small.csv", "--customers", customers, "--model", model,
      "--out", scratch.path + "/out",
    ])
    try #require(run.status == 0, "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "customers.csv: 2 of 3 rows name customers not in the history (ids match "
          + "exactly, letter case included), left unused: c000007 (line 3; the history has "
          + "C000007), ZZZ999 (line 4)"), "\(run.stderr)")
  }

  /// Ids that a spreadsheet or a typist changed: within the history, two that differ only in
  /// letter case are said; a customers-file id that lost its leading zeros names the
  /// history's.
  @Test func idsThatDifferOnlyInCaseOrZerosAreSaid() throws {
    let path = try history("twins.csv") { row in
      if row["invoice_id"] == "INV00000003" { row["customer_id"] = "c000007" }
    }
    let customers = try scratch.file("customers.csv", "customer_id,credit_limit\n00007,5000\n")
    let zeros = try scratch.file(
      "zeros.csv",
      "invoice_id,customer_id,issue_date,due_date,amount,paid_date\n"
        + "I1,7,2025-01-01,2025-01-31,100,\nI2,8,2025-01-02,2025-02-01,200,\n")
    let twins = try CLI.run(["inspect", "--history", path])
    #expect(twins.status == 0, "\(twins.stderr)")
    #expect(
      twins.stderr.contains(
        "twins.csv: customer ids that differ only in letter case are kept as different "
          + "customers: C000007 and c000007; correct"), "\(twins.stderr)")
    let zero = try CLI.run(["inspect", "--history", zeros, "--customers", customers])
    #expect(zero.stderr.contains("00007 (line 2; the history has 7)"), "\(zero.stderr)")
  }

  @Test func aLoneFarOffDateStopsTheRunInsteadOfBecomingTheAsOfDate() throws {
    let path = try history("typo.csv") { row in
      if row["invoice_id"] == "INV00000002" { row["paid_date"] = "2052-03-13" }
    }
    let model = scratch.path + "/model.json"
    let run = try CLI.run(["train", "--history", path, "--model", model])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(
        "typo.csv:3 (paid_date): '2052-03-13' is 9,571 days after every other date in the file "
          + "(the next latest is 2025-12-29)"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: model))
    // With the as-of date given, the date is only a payment after it.
    let given = try CLI.run([
      "train", "--history", path, "--model", model, "--as-of", "2025-12-29",
    ])
    #expect(given.status == 0, "\(given.stderr)")
  }

  /// `--map` names the history's columns and `--customers-map` the customers file's: each
  /// applies to its own file, and a customers column left unread is said.
  @Test func eachFileTakesItsOwnColumnMap() throws {
    let path = try history("total.csv")
    let renamed = try String(contentsOfFile: path, encoding: .utf8)
      .replacingOccurrences(of: ",amount,", with: ",Total,")
    let total = try scratch.file("total.csv", renamed)
    let customers = try scratch.file(
      "customers.csv", "customer_id,Max exposure\nC000004,9000\nC000007,7000\n")
    let model = scratch.path + "/model.json"
    let unmapped = try CLI.run([
      "train", "--history", total, "--map", "amount=Total", "--customers", customers, "--model",
      model,
    ])
    #expect(unmapped.status == 0, "\(unmapped.stderr)")
    #expect(
      unmapped.stderr.contains(
        "warning: \(customers): no credit_limit column found (columns not used: Max exposure)"),
      "\(unmapped.stderr)")
    let mapped = try CLI.run([
      "train", "--history", total, "--map", "amount=Total", "--customers", customers,
      "--customers-map", "credit_limit=Max exposure", "--model", model,
    ])
    #expect(mapped.status == 0, "\(mapped.stderr)")
    #expect(!mapped.stderr.contains("not used"), "\(mapped.stderr)")
  }

  /// A history without a column the model was trained with is scored as if every invoice
  /// were not disputed, on paper: said, since the PDs move with no other sign.
  @Test func aColumnTheModelUsesMissingIsSaid() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let text = try String(contentsOfFile: CLI.badFixtures + "/valid-small.csv", encoding: .utf8)
    let rows = text.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).enumerated()
        .filter { $0.offset != 7 && $0.offset != 8 }.map(\.element).joined(separator: ",")
    }
    #expect(
      rows[0] == "invoice_id,customer_id,issue_date,due_date,amount,paid_date,currency,"
        + "written_off,region,industry")
    let path = try scratch.file("no-flags.csv", rows.joined(separator: "\n") + "\n")
    let run = try CLI.run([
      "score", "--history", path, "--model", model, "--out", scratch.path + "/out",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    for column in ["disputed", "paperless"] {
      #expect(
        run.stderr.contains(
          "no-flags.csv has no \(column) column, which the model was "
            + "trained with"), "\(run.stderr)")
    }
    let full = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", model, "--out", scratch.path + "/full",
    ])
    #expect(!full.stderr.contains("column, which the model was trained with"), "\(full.stderr)")
  }

  /// A region the model never saw is named, with the open invoices and the customers it
  /// touches counted apart.
  @Test func aLevelTheModelNeverSawIsNamed() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let path = try history("atlantis.csv") { row in
      if row["invoice_id"] == "INV00000110" { row["region"] = "Atlantis" }
    }
    let run = try CLI.run([
      "score", "--history", path, "--model", model, "--out", scratch.path + "/out",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "warning: the model never saw the region or industry of 1 open invoices and "),
      "\(run.stderr)")
    #expect(
      run.stderr.contains("(region Atlantis): they are scored as the model's most common level"))
  }

  @Test func anAsOfDateBeforeTheFirstInvoiceStopsTheRun() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let out = scratch.path + "/early"
    let run = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", model, "--as-of", "2023-12-31",
      "--out", out,
    ])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(
        "--as-of 2023-12-31 is before the first invoice of valid-small.csv (issued 2024-01-27, "
          + "line 2): nothing was issued by then; expected a date from 2024-01-27 on"),
      "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func anEarlierRunsChangesFileDoesNotStayBesideANewRun() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let base = ["score", "--history", "valid-small.csv", "--model", model]
    let (first, out) = (scratch.path + "/first", scratch.path + "/out")
    try #require(try CLI.run(base + ["--as-of", "2025-06-30", "--out", first]).status == 0)
    let withChanges = try CLI.run(base + ["--out", out, "--previous", first])
    try #require(withChanges.status == 0, "\(withChanges.stderr)")
    #expect(FileManager.default.fileExists(atPath: out + "/changes.csv"))
    let again = try CLI.run(base + ["--as-of", "2025-12-20", "--out", out])
    try #require(again.status == 0, "\(again.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out + "/changes.csv"))
    #expect(again.stderr.contains("changes.csv, an earlier run's: this run does not write it"))
  }
}
