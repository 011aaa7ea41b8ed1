import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

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
  /// where each element is cheap and the array's first touch is most of the cost. Inlinable,
  /// so that callers in other modules get it specialised for their `T` and `element`.
  @inlinable public static func array<T>(
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

  /// Runs every task on a thread of its own, all at once, and returns when all are done.
  ///
  /// For a few long, independent tasks that each have serial stretches (the training fits
  /// and their in-sample metrics). `concurrentPerform` runs at most one task per core, so a
  /// third task waits for a whole fit to end; here every task starts at once and, while one
  /// is in a serial stretch, the others keep the cores busy. Results do not depend on the
  /// scheduling (each task's own arithmetic is fixed).
  public static func sideBySide(_ tasks: [@Sendable () -> Void]) {
    // Plain threads: a task on a dispatch queue of its own would run its `concurrentPerform`
    // chunks one after another (the queue is serial), measured at 2.2 s instead of 1.3 s for
    // training at a million invoices.
    var threads: [pthread_t] = []
    for task in tasks {
      let box = Unmanaged.passRetained(TaskBox(task)).toOpaque()
      var thread = pthread_t()
      let status = pthread_create(
        &thread, nil,
        { raw in
          guard let raw else { return nil }
          Unmanaged<TaskBox>.fromOpaque(raw).takeRetainedValue().task()
          return nil
        }, box)
      if status == 0 {
        threads.append(thread)
      } else {
        // No thread to be had: run the task here.
        Unmanaged<TaskBox>.fromOpaque(box).takeRetainedValue().task()
      }
    }
    for thread in threads { pthread_join(thread, nil) }
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

/// A task handed to a thread of `Parallel.sideBySide`.
private final class TaskBox: Sendable {
  let task: @Sendable () -> Void
  init(_ task: @escaping @Sendable () -> Void) { self.task = task }
}
