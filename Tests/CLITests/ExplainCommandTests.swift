import Foundation
import TestSupport
import Testing

@Suite("creditrisk explain")
struct ExplainCommandTests {
  private func explain(_ extra: [String]) throws -> CLI.Run {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    return try CLI.run(["explain", "--history", "valid-small.csv", "--model", model] + extra)
  }

  @Test func customerInPlainWords() throws {
    let run = try explain(["--customer", "C000002"])
    try #require(run.status == 0, "explain failed: \(run.stderr)")
    for phrase in [
      "Customer C000002, as of", "points double the odds", "a customer at the average",
      "History: ", "Credit limit: current", "Open invoices and next actions:",
      " of earlier invoices late (blended)",
      "  (blended: as the model reads the customer's record, with the portfolio's weighing as 5 "
        + "more invoices; its own record is under History.)",
    ] {
      #expect(run.stdout.contains(phrase), "missing '\(phrase)' in \(run.stdout)")
    }
  }

  @Test func openInvoiceInPlainWords() throws {
    let run = try explain(["--invoice", "INV00000120"])
    try #require(run.status == 0, "explain failed: \(run.stderr)")
    #expect(run.stdout.contains("Invoice INV00000120 of customer C000002"))
    #expect(run.stdout.contains("Expected payment date"))
    #expect(run.stdout.contains("Next action: "))
  }

  @Test func unknownIdIsOneLineWithASuggestion() throws {
    let run = try explain(["--customer", "C00002"])
    #expect(run.status == 1)
    #expect(
      run.stderrLines.last == "Error: no customer 'C00002' in the history (did you mean 'C000002'?)"
    )
    let paid = try explain(["--invoice", "INV00000001"])
    #expect(paid.status == 1)
    #expect(paid.stderrLines.last?.contains("invoice 'INV00000001' is not open: paid on") == true)
  }

  /// An id that starts with '-' is the option's value, not another option: it was refused as
  /// a missing value for '--customer', whatever the history holds.
  @Test func anIdStartingWithADashIsTakenAsTheId() throws {
    let customer = try explain(["--customer", "-C000002"])
    #expect(customer.status == 1)
    #expect(
      customer.stderrLines.last
        == "Error: no customer '-C000002' in the history (did you mean 'C000002'?)",
      "\(customer.stderr)")
    let invoice = try explain(["--invoice", "-INV00000120"])
    #expect(invoice.status == 1)
    #expect(
      invoice.stderrLines.last
        == "Error: no invoice '-INV00000120' in the history (did you mean 'INV00000120'?)",
      "\(invoice.stderr)")
  }

  /// An invoice that is not open for a reason other than a payment says that reason: written
  /// off and never paid, or settled on a date the export does not give.
  @Test(arguments: [
    ("written_off", "true", "written off and never paid"),
    ("open_amount", "0", "settled on a date the export does not give (its open amount is 0)"),
  ])
  func aClosedInvoiceSaysWhyItIsNotOpen(column: String, value: String, why: String) throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let scratch = try ScratchFolder("explain-closed")
    let text = try String(contentsOfFile: CLI.badFixtures + "/valid-small.csv", encoding: .utf8)
    var lines = text.split(separator: "\n").map(String.init)
    var header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    if !header.contains(column) {
      header.append(column)
      lines = lines.map { $0 + "," }
      lines[0] = header.joined(separator: ",")
    }
    let c = try #require(header.firstIndex(of: column))
    // INV00000110 is open and past due at the file's latest date.
    let k = try #require(lines.firstIndex { $0.hasPrefix("INV00000110,") })
    var fields = lines[k].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    fields[c] = value
    lines[k] = fields.joined(separator: ",")
    let history = try scratch.file("history.csv", lines.joined(separator: "\n") + "\n")
    let run = try CLI.run([
      "explain", "--history", history, "--model", model, "--invoice", "INV00000110",
    ])
    #expect(run.status == 1)
    #expect(
      run.stderrLines.last == "Error: invoice 'INV00000110' is not open: \(why)", "\(run.stderr)")
  }
  /// The score's balance terms count an unpaid written-off invoice as open (the features
  /// cannot date a write-off); the build-up says how much of each is written off, so that it
  /// agrees with the balance below it.
  @Test func balanceTermsSayWhatIsWrittenOff() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let scratch = try ScratchFolder("explain-written-off")
    let text = try String(contentsOfFile: CLI.badFixtures + "/valid-small.csv", encoding: .utf8)
    // INV00000110 (C000004, 2,627.68, unpaid) written off.
    let history = try scratch.file(
      "history.csv",
      text.replacingOccurrences(
        of: "INV00000110,C000004,2025-11-14,2025-12-14,2627.68,,USD,false,true,false,",
        with: "INV00000110,C000004,2025-11-14,2025-12-14,2627.68,,USD,false,true,true,"))
    let run = try CLI.run([
      "explain", "--history", history, "--model", model, "--customer", "C000004",
    ])
    try #require(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("(2,628 written off included)"), "\(run.stdout)")
    let plain = try explain(["--customer", "C000004"])
    #expect(!plain.stdout.contains("written off included"), "\(plain.stdout)")
  }

  /// An open credit note is in its customer's balance but neither scored nor chased: the
  /// explanation lists it beside the open invoices, so that they and it add up to the balance
  /// it states.
  @Test func openCreditNoteIsListedWithTheBalance() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let scratch = try ScratchFolder("explain-credit-note")
    let text = try String(contentsOfFile: CLI.badFixtures + "/valid-small.csv", encoding: .utf8)
    let history = try scratch.file(
      "history.csv",
      text + "CN-1,C000004,2025-11-20,2025-12-20,-300.00,,USD,false,true,false,APAC,"
        + "Manufacturing\n")
    let run = try CLI.run([
      "explain", "--history", history, "--model", model, "--customer", "C000004",
    ])
    try #require(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout.contains(
        "\nOpen credit notes (in the balance, not chased): CN-1 -300 due 2025-12-20.\n"),
      "\(run.stdout)")
    let plain = try explain(["--customer", "C000004"])
    #expect(!plain.stdout.contains("credit note"), "\(plain.stdout)")
  }
}
