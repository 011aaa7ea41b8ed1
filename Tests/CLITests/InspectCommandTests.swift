import Foundation
import TestSupport
import Testing

/// What `inspect` says of a history, against counts made by hand.
@Suite struct InspectCommandTests {
  let scratch: ScratchFolder
  init() throws { scratch = try ScratchFolder("inspect") }

  /// Open credit notes are counted apart from the open invoices that score scores.
  ///
  /// Of the five rows without a payment date, two are credit notes (one of 0.00): inspect said
  /// 'open at as-of 5' where score writes three invoices and counts two open credit notes.
  @Test func openCreditNotesAreCountedApartFromTheOpenInvoices() throws {
    let history = try scratch.file(
      "history.csv",
      """
      invoice_id,customer_id,issue_date,due_date,amount,paid_date
      I1,C1,2025-01-02,2025-02-01,100.00,2025-01-20
      I2,C1,2025-01-05,2025-02-04,200.00,
      I3,C2,2025-01-06,2025-02-05,300.00,
      I4,C2,2025-01-07,2025-02-06,400.00,
      R1,C1,2025-01-08,2025-02-07,-50.00,2025-01-21
      R2,C2,2025-01-09,2025-02-08,-60.00,
      Z1,C2,2025-01-10,2025-02-09,0.00,

      """)
    let run = try CLI.run(["inspect", "--history", history])
    try #require(run.status == 0, "\(run.stderr)")
    let line = run.stdout.split(separator: "\n").first { $0.hasPrefix("open at as-of") }
    #expect(
      line
        == "open at as-of   3 invoices and 2 credit notes (in balances and ageing, not scored)")
  }

  /// A history without open credit notes keeps the line as it was: the count alone.
  @Test func withoutOpenCreditNotesTheLineIsTheCount() throws {
    let history = try scratch.file(
      "history.csv",
      """
      invoice_id,customer_id,issue_date,due_date,amount,paid_date
      I1,C1,2025-01-02,2025-02-01,100.00,2025-01-20
      I2,C1,2025-01-05,2025-02-04,200.00,
      R1,C1,2025-01-08,2025-02-07,-50.00,2025-01-21

      """)
    let run = try CLI.run(["inspect", "--history", history])
    try #require(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.split(separator: "\n").contains("open at as-of   1"))
  }
}
