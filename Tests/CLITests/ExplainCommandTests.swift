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
}
