import Dispatch

/// Work started on another thread; `value` waits for its result.
///
/// Whatever the work reads must outlive the wait for `value`.
package final class Background<T>: @unchecked Sendable {
  private let done = DispatchGroup()
  /// Written once by the work, read after `done` says it finished.
  private var result: T?

  /// Starts `work` on a thread of the global queue.
  package init(_ work: @escaping @Sendable () -> T) {
    done.enter()
    DispatchQueue.global().async {
      self.result = work()
      self.done.leave()
    }
  }

  /// The result, once the work has finished.
  package var value: T {
    done.wait()
    guard let result else { preconditionFailure("background work left no result") }
    return result
  }
}
