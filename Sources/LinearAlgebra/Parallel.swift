import Dispatch

/// Deterministic data-parallel reduction over a range of observations.
///
/// The range is cut into a number of chunks that depends only on its length (never on the
/// number of cores), each chunk is reduced on its own, and the per-chunk results come back in
/// chunk order. Summing them in that order gives bit-identical results on any machine and
/// any scheduling, which keeps model files and scores byte-reproducible.
public enum Parallel {
  /// Smallest chunk worth a thread hop (about 0.1-1 ms of work for typical per-row costs).
  public static let minimumChunk = 16_384
  /// Most chunks a range is cut into.
  public static let maximumChunks = 8

  /// The chunk boundaries for `count` items.
  public static func chunks(_ count: Int, minimumChunk: Int = minimumChunk) -> [Range<Int>] {
    let k = max(1, min(maximumChunks, count / max(1, minimumChunk)))
    return (0..<k).map { c in (count * c / k)..<(count * (c + 1) / k) }
  }

  /// Runs `body` on each chunk of `0..<count`, concurrently, and returns the results in order.
  /// - Parameter minimumChunk: the fewest items worth a chunk; lower it when each item is costly.
  public static func map<T>(
    _ count: Int, minimumChunk: Int = minimumChunk, _ body: (Range<Int>) -> T
  ) -> [T] {
    let parts = chunks(count, minimumChunk: minimumChunk)
    if parts.count == 1 { return [body(parts[0])] }
    return [T](unsafeUninitializedCapacity: parts.count) { buffer, initialized in
      let base = buffer.start
      withoutActuallyEscaping(body) { body in
        let box = UnsafeSendable(base: base, body: body, parts: parts)
        DispatchQueue.concurrentPerform(iterations: parts.count) { c in
          (box.base + c).initialize(to: box.body(box.parts[c]))
        }
      }
      initialized = parts.count
    }
  }

  /// `[element(0), element(1), ..., element(count - 1)]`, filled by chunks on all cores.
  ///
  /// For per-row arrays of a million rows (gathers through a permutation, per-row outcomes)
  /// where each element is cheap and the array's first touch is most of the cost.
  public static func array<T>(
    _ count: Int, minimumChunk: Int = minimumChunk, _ element: (Int) -> T
  ) -> [T] {
    [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      let base = SendablePointer(buffer.start)
      forEachChunk(count, minimumChunk: minimumChunk) { chunk in
        for i in chunk { (base.pointer + i).initialize(to: element(i)) }
      }
      initialized = count
    }
  }

  /// Runs `body` on each chunk of `0..<count` concurrently, for side effects on disjoint slices.
  public static func forEachChunk(
    _ count: Int, minimumChunk: Int = minimumChunk, _ body: (Range<Int>) -> Void
  ) {
    _ = map(count, minimumChunk: minimumChunk, body)
  }
}

/// Carries non-Sendable captures into `concurrentPerform`; every chunk writes a distinct slot.
private struct UnsafeSendable<T>: @unchecked Sendable {
  let base: UnsafeMutablePointer<T>
  let body: (Range<Int>) -> T
  let parts: [Range<Int>]
}
