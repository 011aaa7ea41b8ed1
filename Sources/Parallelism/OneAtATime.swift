import Synchronization

/// A stretch of work that one thread at a time runs, the others waiting at its start.
///
/// For tasks run side by side (`Parallel.sideBySide`) whose stretches each need large
/// transient arrays, e.g. the training fits' in-sample metrics (a sort of every row's score):
/// run through one `OneAtATime`, those arrays never exist for two tasks at once, so the
/// process's peak memory is one stretch's instead of their sum, while the tasks' other work
/// still runs side by side. The results do not depend on which task goes first.
package final class OneAtATime: Sendable {
  private let mutex = Mutex(())

  package init() {}

  /// Runs `body` once no other thread is running a body of this instance.
  package func run<R>(_ body: () throws -> R) rethrows -> R {
    try mutex.withLock { _ in try body() }
  }
}
