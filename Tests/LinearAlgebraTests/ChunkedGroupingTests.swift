import LinearAlgebra
import Testing

@Suite("Parallel counting sort")
struct ChunkedGroupingTests {
  // Several parallel chunks (100 000 items), some items in no group: every group holds its
  // items in input order, as a serial pass would put them.
  @Test func groupingKeepsInputOrderWithinGroups() {
    let count = 100_000
    func group(_ i: Int) -> Int? { i % 5 == 0 ? nil : (i * 7919) % 13 }
    let (start, items) = ChunkedGrouping.grouping(
      count, groups: 13, group: group, value: { $0 })
    #expect(start.count == 14)
    for g in 0..<13 {
      let expected = (0..<count).filter { group($0) == g }
      #expect(Array(items[start[g]..<start[g + 1]]) == expected, "group \(g)")
    }
    #expect(items.count == (0..<count).filter { group($0) != nil }.count)
  }

  // A short input is one chunk: the same grouping, input order kept.
  @Test func aShortInputIsGroupedInOrder() {
    let (start, values) = ChunkedGrouping.grouping(
      10, groups: 3, group: { $0 == 4 ? nil : $0 % 3 }, value: { $0 * 10 })
    #expect(start == [0, 4, 6, 9])
    #expect(values == [0, 30, 60, 90, 10, 70, 20, 50, 80])
  }
}
