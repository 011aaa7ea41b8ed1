import CreditData
import CreditEngine
import Testing

/// The customers file's regions that the history's own region column contradicts, which
/// `score` names in a warning (the history's column is the one used).
@Suite("Region and industry conflicts between the customers file and the history")
struct AttributeConflictTests {
  static let history = """
    invoice_id,customer_id,issue_date,due_date,amount,paid_date,region
    I1,C1,2025-01-01,2025-01-31,100,2025-01-20,EMEA
    I2,C1,2025-02-01,2025-03-03,100,,NA
    I3,C2,2025-01-05,2025-02-04,100,,APAC
    I4,C2,2025-01-06,2025-02-05,100,,NA
    I5,C3,2025-01-07,2025-02-06,100,,EMEA
    I6,C4,2025-01-08,2025-02-07,100,,NA

    """

  /// C1 has NA among its invoices' regions (no conflict), C2 has neither of its two
  /// regions (named with the one the history shows first: NA, before APAC), C3's file
  /// value is empty, C4's differs, and
  /// C9 has no invoices: two conflicts, in the file's order.
  @Test func customersWhoseRegionNoInvoiceHasAreNamedInFileOrder() throws {
    let invoices = try HistoryLoader.parse(bytes: Array(Self.history.utf8), fileName: "h.csv")
    let customers = try CustomerLoader.parse(
      bytes: Array("customer_id,region\nC4,LATAM\nC9,EMEA\nC1,NA\nC3,\nC2,EMEA\n".utf8),
      fileName: "c.csv")
    let conflicts = customers.attributeConflicts(with: invoices, industry: false)
    #expect(conflicts.map(\.customerID) == ["C4", "C2"])
    #expect(conflicts.map(\.line) == [2, 6])
    #expect(conflicts.map(\.file) == ["LATAM", "EMEA"])
    #expect(conflicts.map(\.history) == ["NA", "NA"])
    // No industry column on either side: nothing to compare.
    #expect(customers.attributeConflicts(with: invoices, industry: true).isEmpty)
  }
}
