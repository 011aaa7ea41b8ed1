import CreditData
import TestSupport
import Testing

@Suite struct OptionalDaysTests {
  let a = Day(rawValue: 19_000)
  let b = Day(rawValue: -25_567)

  @Test func readsAndWritesAsDaysSomeMissing() {
    var days: OptionalDays = [a, nil, b]
    #expect(Array(days) == [a, nil, b])
    #expect(days.storage == [a, OptionalDays.missing, b])
    days[0] = nil
    days[1] = a
    days.append(nil)
    #expect(Array(days) == [nil, a, b, nil])
    #expect(OptionalDays(repeating: nil, count: 2) == [nil, nil])
    #expect(OptionalDays(repeating: b, count: 2).storage == [b, b])
  }

  @Test func missingIsNoDayAFileOrOptionCanGive() {
    #expect(OptionalDays.missing < Day.earliest)
    #expect(!Day.supportedRange.contains(OptionalDays.missing))
  }

  /// An open invoice's empty payment date loads as nil, a paid one as its day, in every layout
  /// (ISO read while scanning, slash dates converted after the pass).
  @Test(arguments: ["2024-02-14", "2/14/2024"])
  func historyPaymentDates(paid: String) throws {
    let text = """
      invoice_id,customer_id,issue_date,due_date,amount,paid_date
      1,C,2024-01-01,2024-01-31,10.00,\(paid)
      2,C,2024-01-02,2024-02-01,20.00,
      3,C,2024-01-03,2024-02-02,30.00,\(paid)
      """
    let h = try HistoryLoader.parse(bytes: csvBytes(text), fileName: "history.csv")
    let day = Day(year: 2024, month: 2, day: 14)
    #expect(Array(h.paidDate) == [day, nil, day])
  }
}
