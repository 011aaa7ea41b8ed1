import TestSupport
import Testing

// `@testable` for the internal radix sort behind the concordance index and the AUC.
@testable import CreditModels

@Suite("Radix sort")
struct SortKeysTests {
  /// How the keys of a random case are drawn.
  enum KeyKind: CaseIterable {
    /// Continuous doubles of either sign, `-0.0` and `0.0` among them.
    case continuous
    /// Whole days: the low halves are constant.
    case days
    /// Few high halves and random low halves: long unordered runs of equal high halves.
    case longRuns
    /// Runs of a few dozen keys around the insertion-sort threshold.
    case mediumRuns
    /// Few distinct keys: many equal keys that must keep their order.
    case fewValues
    /// Few high and few low halves: unordered runs full of equal keys.
    case runsWithTies
  }

  static func keys(_ kind: KeyKind, _ n: Int, _ rng: inout SeededGenerator) -> [UInt64] {
    (0..<n).map { _ -> UInt64 in
      switch kind {
      case .continuous:
        let u = Int.random(in: 0..<50, using: &rng)
        let x = u == 0 ? 0.0 : u == 1 ? -0.0 : Double.random(in: -1e3..<1e3, using: &rng)
        return SortKeys.ordered(x)
      case .days: return SortKeys.ordered(Double(Int.random(in: 0..<730, using: &rng)))
      case .longRuns: return UInt64.random(in: 0..<3, using: &rng) << 32 | UInt64(rng.next() >> 32)
      case .mediumRuns:
        return UInt64.random(in: 0..<UInt64(max(1, n / 60)), using: &rng) << 32
          | UInt64(rng.next() >> 40)
      case .fewValues: return UInt64.random(in: 0..<5, using: &rng) &* 0x9E37_79B9_7F4A_7C15
      case .runsWithTies:
        return UInt64.random(in: 0..<4, using: &rng) << 32 | UInt64.random(in: 0..<8, using: &rng)
      }
    }
  }

  /// The keys in order by `SortKeys.sort(_:carrying:)`, and the rows it carried.
  static func stablySorted(_ keys: [UInt64]) -> (keys: [UInt64], rows: [UInt32]) {
    var sorted = keys
    var rows = (0..<keys.count).map { UInt32($0) }
    SortKeys.sort(&sorted, carrying: &rows)
    return (sorted, rows)
  }

  @Test(
    "sorts like a stable comparison sort", arguments: KeyKind.allCases,
    [0, 1, 2, 63, 64, 65, 700, 5_000, 300_000])
  func matchesComparisonSort(kind: KeyKind, n: Int) {
    var rng = SeededGenerator(seed: UInt64(n) &+ 17)
    let keys = Self.keys(kind, n, &rng)
    let (sorted, rows) = Self.stablySorted(keys)
    let expected = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
    #expect(rows.map { Int($0) } == expected)
    #expect(sorted == expected.map { keys[$0] })
    #expect(SortKeys.stableOrder(keys) == expected)
    // Keys in a buffer of the caller's (copied back when the passes end in the scratch
    // keys, as when a digit every key shares is skipped): the same order.
    var buffered = keys
    var payloads = (0..<n).map { UInt32($0) }
    buffered.withUnsafeMutableBufferPointer { SortKeys.sort($0, carrying: &payloads) }
    #expect(payloads == rows)
    #expect(buffered == sorted)
  }

  @Test(
    "sorts equal keys together, in any order, like the stable sort",
    arguments: KeyKind.allCases, [0, 1, 2, 64, 65, 5_000, 70_000, 1_100_000])
  func groupsTies(kind: KeyKind, n: Int) {
    var rng = SeededGenerator(seed: UInt64(n) &+ 29)
    let keys = Self.keys(kind, n, &rng)
    let (expectedKeys, expectedRows) = Self.stablySorted(keys)
    var sorted = keys
    var rows = (0..<n).map { UInt32($0) }
    sorted.withUnsafeMutableBufferPointer { keys in
      rows.withUnsafeMutableBufferPointer { SortKeys.sortGroupingTies(keys, carrying: $0) }
    }
    #expect(sorted == expectedKeys)
    // Each row's key travelled with it; within a run of equal keys, the rows in row order are
    // those of the stable sort.
    #expect(rows.indices.allSatisfy { keys[Int(rows[$0])] == sorted[$0] })
    var start = 0
    while start < n {
      var end = start + 1
      while end < n, sorted[end] == sorted[start] { end += 1 }
      rows[start..<end].sort()
      start = end
    }
    #expect(rows == expectedRows)
  }

  @Test(
    "packs a payload into each key, equal keys together, as the stable sort groups them",
    arguments: KeyKind.allCases, [0, 1, 2, 65, 5_000, 70_000, 1_100_000])
  func packsPayloads(kind: KeyKind, n: Int) {
    var rng = SeededGenerator(seed: UInt64(n) &+ 41)
    let keys = Self.keys(kind, n, &rng)
    let (expectedKeys, expectedRows) = Self.stablySorted(keys)
    for bits in [1, 2, 11, 16] {
      let payloads = (0..<n).map { UInt64(($0 &* 2_654_435_761) >> 7) & ((1 << bits) - 1) }
      // Each run of equal keys of the stable sort, as the sorted payloads of its rows.
      var expected: [[UInt32]] = []
      var start = 0
      while start < n {
        var end = start + 1
        while end < n, expectedKeys[end] == expectedKeys[start] { end += 1 }
        expected.append(expectedRows[start..<end].map { UInt32(payloads[Int($0)]) }.sorted())
        start = end
      }
      var sorted = keys
      var calls = [Int](repeating: 0, count: n)
      var groups: [[UInt32]] = []
      sorted.withUnsafeMutableBufferPointer { buffer in
        let packed = SortKeys.sortPackingPayloads(buffer, payloadBits: bits) { i in
          calls[i] += 1
          return payloads[i]
        }
        packed.forEachGroup { group in groups.append(group.map(packed.payload).sorted()) }
      }
      #expect(groups == expected, "\(bits) bits")
      #expect(calls.allSatisfy { $0 == 1 })
    }
  }

  @Test(
    "sorts the buckets in runs of about equal numbers of keys to the same keys",
    arguments: [5_000, 70_000, 300_000])
  func sortsBucketsInRuns(n: Int) {
    var rng = SeededGenerator(seed: UInt64(n) &+ 7)
    let keys = Self.keys(.continuous, n, &rng)
    let payloads = (0..<n).map { UInt64($0 % 3) }
    func packed(parts: Int) -> (keys: [UInt64], runs: [Range<Int>], buckets: Int) {
      var sorted = keys
      let (runs, buckets) = sorted.withUnsafeMutableBufferPointer { buffer in
        let packed = SortKeys.sortPackingPayloads(buffer, payloadBits: 2, parts: parts) {
          payloads[$0]
        }
        return (packed.parts, packed.bucketEnds.count)
      }
      return (sorted, runs, buckets)
    }
    let one = packed(parts: 1)
    #expect(one.runs == [0..<one.buckets])
    for parts in [2, 3, 4] {
      let cut = packed(parts: parts)
      #expect(cut.keys == one.keys, "\(parts) runs")
      // At most `parts` runs that tile the buckets in order.
      #expect(cut.runs.count <= parts && cut.runs.count > 1)
      #expect(cut.runs.first?.lowerBound == 0 && cut.runs.last?.upperBound == cut.buckets)
      #expect(zip(cut.runs, cut.runs.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    }
    #expect(SortKeys.bucketRuns([3, 3, 10, 10], parts: 2) == [0..<3, 3..<4])
    #expect(SortKeys.bucketRuns([10], parts: 2) == [0..<1])
    #expect(SortKeys.bucketRuns([0, 0, 4, 8], parts: 2) == [0..<3, 3..<4])
  }

  @Test func denseRanksOfWholeAndContinuousValues() {
    let whole: [Double] = [5, -0.0, 3, 0, 5, 1e6, -2]
    #expect(SortKeys.denseRanks(whole).ranks == [3, 1, 2, 1, 3, 4, 0])
    #expect(SortKeys.denseRanks(whole).count == 5)
    let days: [Double] = [730, 0, 365, 0, 1]
    #expect(SortKeys.denseRanks(days).ranks == [3, 0, 2, 0, 1])
    let continuous = [0.5, -1.25, 0.5, 3, -0.0, 0]
    #expect(SortKeys.denseRanks(continuous).ranks == [2, 0, 2, 3, 1, 1])
    #expect(SortKeys.denseRanks([1e300, -1e300, 1e300, 0x1p62]).ranks == [2, 0, 2, 1])
    #expect(SortKeys.denseRanks([.infinity, 1, -.infinity, 1]).ranks == [2, 1, 0, 1])
    #expect(SortKeys.denseRanks([]).count == 0)
  }
}
