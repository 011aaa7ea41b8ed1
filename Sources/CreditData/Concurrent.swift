import Dispatch

/// Runs independent pieces of work on all cores.
///
/// Callers cut the work into pieces by its size, never by the number of cores, and every
/// helper returns its results in piece order, so results do not depend on the machine.
enum Concurrent {
  /// Calls `body(0)`, ..., `body(count - 1)` concurrently and returns the results in order.
  static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
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

  /// Runs `a` and `b` concurrently and returns both results.
  static func both<A, B>(_ a: () -> A, _ b: () -> B) -> (A, B) {
    let results = map(2) { k -> Either<A, B> in k == 0 ? .first(a()) : .second(b()) }
    guard case .first(let x) = results[0], case .second(let y) = results[1] else {
      preconditionFailure("results out of order")
    }
    return (x, y)
  }

  private enum Either<A, B> {
    case first(A)
    case second(B)
  }

  /// `0..<count` cut into at most `maximum` equal ranges of at least `minimum` elements.
  static func ranges(_ count: Int, minimum: Int = 1 << 16, maximum: Int = 4) -> [Range<Int>] {
    let k = max(1, min(maximum, count / max(minimum, 1)))
    return (0..<k).map { c in (count * c / k)..<(count * (c + 1) / k) }
  }

  /// An array of `count` elements built concurrently in pieces: `fill(k, slice)` must initialize
  /// every element of `slice`, which is `ranges[k]` of the array (the ranges must tile
  /// `0..<count`).
  ///
  /// Returns the array and each piece's result.
  static func array<T, R>(
    count: Int, ranges: [Range<Int>], _ fill: (Int, UnsafeMutableBufferPointer<T>) -> R
  ) -> ([T], [R]) {
    var results: [R] = []
    let array = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      results = map(ranges.count) { k in
        fill(k, UnsafeMutableBufferPointer(rebasing: buffer[ranges[k]]))
      }
      initialized = count
    }
    return (array, results)
  }
}

/// Work started on another thread; `value` waits for its result.
///
/// Whatever the work reads must outlive the wait for `value`.
final class Background<T>: @unchecked Sendable {
  private let done = DispatchGroup()
  /// Written once by the work, read after `done` says it finished.
  private var result: T?

  /// Starts `work` on a thread of the global queue.
  init(_ work: @escaping @Sendable () -> T) {
    done.enter()
    DispatchQueue.global().async {
      self.result = work()
      self.done.leave()
    }
  }

  /// The result, once the work has finished.
  var value: T {
    done.wait()
    guard let result else { preconditionFailure("background work left no result") }
    return result
  }
}

/// Carries the result slots and the work into `concurrentPerform`; piece `k` writes only
/// slot `k`, and the buffer outlives the call.
private struct Slots<T>: @unchecked Sendable {
  let base: UnsafeMutablePointer<T>
  let body: (Int) -> T
}
