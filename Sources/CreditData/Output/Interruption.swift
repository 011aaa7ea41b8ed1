#if canImport(Glibc)
  import Glibc
#endif

/// Removes the temporary files and folders of outputs being written when the run is
/// interrupted (Ctrl-C, `kill`), so that it leaves nothing beside them.
///
/// While it exists, each temporary output (`NAME.tmp-PID`, a file or a folder being built)
/// and each previous set being removed after a folder swap is recorded here. On SIGINT,
/// SIGTERM or SIGHUP, the signal handler only writes the signal's number to a pipe; a thread
/// of its own reads it, removes the recorded paths and lets the signal take its default
/// course (the process ends as killed by it). Creating a recorded path, renaming it into
/// place and forgetting it happen under the same lock, which the removal takes and keeps:
/// it finds each output either still temporary or already in place, and nothing is
/// created or renamed after it. A signal ignored when the run started (`nohup`, a
/// background job) stays ignored. SIGKILL cannot be caught: what it leaves is cleaned by
/// the next run (`Leftovers`).
public enum Interruption {
  nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
    let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    var attributes = pthread_mutexattr_t()
    pthread_mutexattr_init(&attributes)
    // Recursive: a recorded step may write a file (a carried copy) that takes it again.
    pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_RECURSIVE))
    pthread_mutex_init(lock, &attributes)
    return lock
  }()
  nonisolated(unsafe) private static var paths: [String] = []
  nonisolated(unsafe) private static var pipeEnds: (read: Int32, write: Int32) = (-1, -1)

  /// Installs the handlers of SIGINT, SIGTERM and SIGHUP and starts the thread that removes
  /// the recorded paths when one arrives; call once, before any output is written.
  public static func removeOutputsInProgressOnSignals() {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { return }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    pipeEnds = (ends[0], ends[1])
    _ = lock
    var thread = pthread_t()
    guard pthread_create(&thread, nil, { _ in Interruption.waitForSignal() }, nil) == 0 else {
      return
    }
    pthread_detach(thread)
    for signal in [SIGINT, SIGTERM, SIGHUP] {
      var previous = sigaction()
      sigaction(signal, nil, &previous)
      // SIG_IGN is the handler 1.
      let handler = previous.__sigaction_handler.sa_handler.map { unsafeBitCast($0, to: Int.self) }
      if handler == 1 { continue }
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { signal in
        var byte = UInt8(truncatingIfNeeded: signal)
        _ = write(Interruption.pipeEnds.write, &byte, 1)
      }
      sigemptyset(&action.sa_mask)
      action.sa_flags = SA_RESTART
      sigaction(signal, &action, nil)
    }
  }

  /// Runs `body` under the lock the removal takes: a step that creates, renames or removes
  /// a recorded path.
  static func locked<T>(_ body: () throws -> T) rethrows -> T {
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    return try body()
  }

  /// Records `path` as an output in progress, to remove if the run is interrupted.
  static func record(_ path: String) { locked { paths.append(path) } }

  /// Forgets `path`: it was put in place or removed.
  static func forget(_ path: String) {
    locked {
      if let k = paths.lastIndex(of: path) { paths.remove(at: k) }
    }
  }

  /// The removal thread: waits for a signal's number, removes the recorded paths under the
  /// lock (kept until the end) and ends the process by the signal.
  private static func waitForSignal() -> UnsafeMutableRawPointer? {
    // Taken here even when the threads that started the run block the signals (a parent's
    // mask is inherited): the handler then runs on this thread.
    var handled = sigset_t()
    sigemptyset(&handled)
    for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&handled, signal) }
    pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    var byte: UInt8 = 0
    while read(pipeEnds.read, &byte, 1) != 1 {
      guard errno == EINTR else { return nil }
    }
    pthread_mutex_lock(lock)
    for path in paths.reversed() { FileSystem.removeTree(path) }
    let number = Int32(byte)
    var byDefault = sigaction()
    sigemptyset(&byDefault.sa_mask)
    sigaction(number, &byDefault, nil)
    kill(getpid(), number)
    // Not reached for the three signals handled; in case it is, end as a shell would show it.
    _exit(128 + number)
  }
}
