import Testing

@testable import CreditEngine

@Suite("Customer tallies")
struct CustomerTallyTests {
  // Several parallel chunks (100 000 items), some items in no group: every group holds its
  // items in input order, as a serial pass would put them.
  @Test func groupingKeepsInputOrderWithinGroups() {
    let count = 100_000
    func group(_ i: Int) -> Int? { i % 5 == 0 ? nil : (i * 7919) % 13 }
    let (start, items) = ChunkedGrouping.grouping(count, groups: 13, group: group)
    #expect(start.count == 14)
    for g in 0..<13 {
      let expected = (0..<count).filter { group($0) == g }
      #expect(Array(items[start[g]..<start[g + 1]]) == expected, "group \(g)")
    }
    #expect(items.count == (0..<count).filter { group($0) != nil }.count)
  }

  @Test func typicalInvoiceIsTheMedianAmountAndTheMostFrequentTerms() {
    var odd = [3.0, 1, 2]
    var even = [4.0, 1, 3, 2]
    var none: [Double] = []
    #expect(CustomerTally.median(sorting: &odd) == 2)
    #expect(CustomerTally.median(sorting: &even) == 2.5)
    #expect(CustomerTally.median(sorting: &none) == nil)
    // 30 and 60 are equally frequent: the smaller wins.
    var terms = [60, 30, 45, 60, 30]
    var noTerms: [Int] = []
    #expect(CustomerTally.mode(sorting: &terms) == 30)
    #expect(CustomerTally.mode(sorting: &noTerms) == nil)
  }
}
