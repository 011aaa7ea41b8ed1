extension RandomAccessCollection {
  /// The first index whose element satisfies `belongs`, or `endIndex`; by bisection.
  ///
  /// `belongs` must be false and then true along the collection (e.g. `{ $0 > t }` on
  /// ascending values: the first value after `t`). On a slice the index is the base's.
  /// - Complexity: O(log n).
  func partitioningIndex(where belongs: (Element) -> Bool) -> Index {
    var lo = startIndex
    var count = self.count
    while count > 0 {
      let half = count / 2
      let mid = index(lo, offsetBy: half)
      if belongs(self[mid]) {
        count = half
      } else {
        lo = index(after: mid)
        count -= half + 1
      }
    }
    return lo
  }
}
