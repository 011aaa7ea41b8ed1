import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// The package's one concurrency helper: deterministic data-parallel work over a range.
///
/// The range is cut into a number of chunks that depends only on its length (never on the
/// number of cores), each chunk is worked on its own, and the per-chunk results come back in
/// chunk order. Summing them in that order gives bit-identical results on any machine and
/// any scheduling, which keeps model files and scores byte-reproducible.
///
/// Every helper here runs its pieces through `perform(_:_:)` (one `concurrentPerform`), except
/// `sideBySide`, which gives each of a few long tasks a thread of its own.
package enum Parallel {
  /// Smallest chunk worth a thread hop (about 0.1-1 ms of work for typical per-row costs).
  package static let minimumChunk = 16_384
  /// Most chunks a range is cut into.
  package static let maximumChunks = 8

  /// The chunk boundaries for `count` items: `k = min(maximumChunks, count / minimumChunk)`
  /// (at least 1) equal ranges that tile `0..<count`.
  package static func chunks(
    _ count: Int, minimumChunk: Int = minimumChunk, maximumChunks: Int = maximumChunks
  ) -> [Range<Int>] {
    let k = max(1, min(maximumChunks, count / max(1, minimumChunk)))
    return (0..<k).map { c in (count * c / k)..<(count * (c + 1) / k) }
  }

  /// Calls `body(0)`, ..., `body(count - 1)` concurrently and returns the results in order.
  package static func perform<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    if count == 1 { return [body(0)] }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      guard let base = buffer.baseAddress else { return }
      withoutActuallyEscaping(body) { body in
        let box = Slots(base: base, body: body)
        DispatchQueue.concurrentPerform(iterations: count) { k in
          (box.base + k).initialize(to: box.body(k))
        }
      }
      initialized = count
    }
  }

  /// Runs `body` on each chunk of `0..<count`, concurrently, and returns the results in order.
  /// - Parameter minimumChunk: the fewest items worth a chunk; lower it when each item is costly.
  package static func map<T>(
    _ count: Int, minimumChunk: Int = minimumChunk, _ body: (Range<Int>) -> T
  ) -> [T] {
    let parts = chunks(count, minimumChunk: minimumChunk)
    return perform(parts.count) { body(parts[$0]) }
  }

  /// `[element(0), element(1), ..., element(count - 1)]`, filled by chunks on all cores.
  ///
  /// For per-row arrays of a million rows (gathers through a permutation, per-row outcomes)
  /// where each element is cheap and the array's first touch is most of the cost. Inlinable;
  /// as a `package` member it is not specialised for other modules' `T` (see
  /// `ChunkedGrouping.grouping`).
  @inlinable package static func array<T>(
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

  /// Three arrays of `count` elements made in one pass on all cores, `element(i)` giving the
  /// i-th of each: for columns computed together from what is read once.
  @inlinable package static func arrays<A, B, C>(
    _ count: Int, _ element: (Int) -> (A, B, C)
  ) -> ([A], [B], [C]) {
    var second: [B] = []
    var third: [C] = []
    let first = [A](unsafeUninitializedCapacity: count) { firstBuffer, firstCount in
      second = [B](unsafeUninitializedCapacity: count) { secondBuffer, secondCount in
        third = [C](unsafeUninitializedCapacity: count) { thirdBuffer, thirdCount in
          let (a, b, c) = (
            SendablePointer(firstBuffer.start), SendablePointer(secondBuffer.start),
            SendablePointer(thirdBuffer.start)
          )
          forEachChunk(count) { chunk in
            for i in chunk {
              let (x, y, z) = element(i)
              (a.pointer + i).initialize(to: x)
              (b.pointer + i).initialize(to: y)
              (c.pointer + i).initialize(to: z)
            }
          }
          thirdCount = count
        }
        secondCount = count
      }
      firstCount = count
    }
    return (first, second, third)
  }

  /// `array(count, element)` with element k at `positions[k]` (nil: at k), `positions` a
  /// permutation of `0..<count`: for values read in one order (a history's columns front to
  /// back) and wanted in another, written where each goes instead of read at random.
  @inlinable package static func array<T>(
    _ count: Int, placedAt positions: [Int]?, _ element: (Int) -> T
  ) -> [T] {
    guard let positions else { return array(count, element) }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      let base = SendablePointer(buffer.start)
      forEachChunk(count) { chunk in
        for k in chunk { (base.pointer + positions[k]).initialize(to: element(k)) }
      }
      initialized = count
    }
  }

  /// An array of `count` elements built concurrently in pieces: `fill(k, slice)` must
  /// initialize every element of `slice`, which is `ranges[k]` of the array (the ranges must
  /// tile `0..<count`).
  ///
  /// Returns the array and each piece's result.
  package static func array<T, R>(
    count: Int, ranges: [Range<Int>], _ fill: (Int, UnsafeMutableBufferPointer<T>) -> R
  ) -> ([T], [R]) {
    var results: [R] = []
    let array = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      results = perform(ranges.count) { k in
        fill(k, UnsafeMutableBufferPointer(rebasing: buffer[ranges[k]]))
      }
      initialized = count
    }
    return (array, results)
  }

  /// Runs every task on a thread of its own, all at once, and returns when all are done.
  ///
  /// For a few long, independent tasks that each have serial stretches (the training fits
  /// and their in-sample metrics). `concurrentPerform` runs at most one task per core, so a
  /// third task waits for a whole fit to end; here every task starts at once and, while one
  /// is in a serial stretch, the others keep the cores busy. Results do not depend on the
  /// scheduling (each task's own arithmetic is fixed).
  package static func sideBySide(_ tasks: [@Sendable () -> Void]) {
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

  /// Runs a few tasks side by side (`sideBySide(_:)`) and returns what each returned or
  /// threw, in order.
  ///
  /// The closures are written `{ @Sendable in ... }`: a closure passed for a parameter pack is
  /// not inferred as `@Sendable` from the parameter's type.
  package static func sideBySide<each R: Sendable>(
    _ task: repeat @escaping @Sendable () throws -> each R
  ) -> (repeat Result<each R, any Error>) {
    let boxes = (repeat ResultBox<each R>())
    var jobs: [@Sendable () -> Void] = []
    for (box, work) in repeat (each boxes, each task) {
      jobs.append { box.result = Result(catching: work) }
    }
    sideBySide(jobs)
    return (repeat (each boxes).get())
  }

  /// Runs `body` on each chunk of `0..<count` concurrently, for side effects on disjoint slices.
  @usableFromInline
  package static func forEachChunk(
    _ count: Int, minimumChunk: Int = minimumChunk, _ body: (Range<Int>) -> Void
  ) {
    _ = map(count, minimumChunk: minimumChunk, body)
  }
}

/// Carries the result slots and the work into `concurrentPerform`; piece `k` writes only
/// slot `k`, and the buffer outlives the call.
private struct Slots<T>: @unchecked Sendable {
  let base: UnsafeMutablePointer<T>
  let body: (Int) -> T
}

/// Where a task of the result-returning `Parallel.sideBySide` leaves its result: written once
/// by the task, read after its thread has been joined.
private final class ResultBox<T>: @unchecked Sendable {
  var result: Result<T, any Error>?

  func get() -> Result<T, any Error> {
    guard let result else { preconditionFailure("a side-by-side task did not run") }
    return result
  }
}

/// A task handed to a thread of `Parallel.sideBySide`.
private final class TaskBox: Sendable {
  let task: @Sendable () -> Void
  init(_ task: @escaping @Sendable () -> Void) { self.task = task }
}
