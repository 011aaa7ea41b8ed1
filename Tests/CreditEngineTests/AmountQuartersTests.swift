import Testing

@testable import CreditEngine

/// The amount quarters of the backtest's date errors: R's type-1 quartiles, bounds in the
/// quarter below, labels as money.
@Suite struct AmountQuartersTests {
  /// 1...8 (shuffled): quartiles at ranks ⌈8j/4⌉ = 2, 4, 6, so two amounts a quarter.
  @Test func eightAmountsSplitTwoAQuarter() {
    let q = AmountQuarters([7, 2, 5, 1, 8, 3, 6, 4])
    #expect(q.bounds == [2, 4, 6])
    #expect((1...8).map { q.quarter(of: Double($0)) } == [0, 0, 1, 1, 2, 2, 3, 3])
    #expect(q.labels == ["up to 2.00", "2.00-4.00", "4.00-6.00", "over 6.00"])
    let groups = q.groups(Array(1...8), amount: Double.init)
    #expect(groups.map(\.rows) == [[1, 2], [3, 4], [5, 6], [7, 8]])
  }

  /// Tied quartiles: 5, 5, 5, 5, 9 has all three at 5 (ranks 2, 3, 4), so the 5s are the
  /// first quarter, the 9 the last, and the middle two are empty; nothing is counted twice.
  @Test func tiedBoundsLeaveQuartersEmpty() {
    let q = AmountQuarters([5, 9, 5, 5, 5])
    #expect(q.bounds == [5, 5, 5])
    let groups = q.groups([5.0, 9, 5, 5, 5], amount: { $0 })
    #expect(groups.map(\.rows.count) == [4, 0, 0, 1])
    #expect(groups.map(\.label) == ["up to 5.00", "5.00-5.00", "5.00-5.00", "over 5.00"])
  }

  @Test func largeBoundsAreGroupedWholeUnits() {
    let q = AmountQuarters([150, 1_250.4, 20_000, 9_999.6])
    #expect(q.labels == ["up to 150", "150-1,250", "1,250-10,000", "over 10,000"])
  }

  @Test func noAmountsNoQuarters() {
    let q = AmountQuarters([])
    #expect(q.bounds.isEmpty && q.labels.isEmpty)
    #expect(q.groups([Double](), amount: { $0 }).isEmpty)
  }
}
