#if canImport(Glibc)
  import Glibc
#endif

/// An exclusive lock on a folder while outputs are published in it, so that two runs
/// writing to the same place take turns instead of interleaving their renames.
///
/// The lock is `flock` on the folder itself (no lock file is left behind). It is released
/// when the process ends, however it ends, so a killed run never blocks a later one.
struct OutputLock: ~Copyable {
  private let fd: Int32

  /// How long a run waits for another one to finish publishing in the same folder.
  ///
  /// Publishing takes well under a second for the bundled sample and a few seconds for a
  /// million invoices; `CREDITRISK_LOCK_WAIT` (seconds) overrides it.
  static var waitSeconds: Double {
    getenv("CREDITRISK_LOCK_WAIT").flatMap { Double(String(cString: $0)) } ?? 60
  }

  /// Takes the lock on `folder`, waiting up to `waitSeconds`.
  /// - Throws: `OutputError` naming `display` when the folder cannot be opened or another
  ///   run holds the lock for longer than the wait.
  init(folder: String, display: String) throws {
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else {
      throw OutputError(
        path: display, reason: "cannot open folder \(folder): \(FileSystem.errnoText())")
    }
    let wait = OutputLock.waitSeconds
    var waited = 0.0
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let failure = errno
      guard failure == EWOULDBLOCK || failure == EINTR else {
        close(fd)
        throw OutputError(
          path: display, reason: "cannot lock \(folder): \(String(cString: strerror(failure)))")
      }
      guard waited < wait else {
        close(fd)
        throw OutputError(
          path: display,
          reason:
            "another creditrisk run is still writing there (waited \(Int(wait)) s); try again when it has finished"
        )
      }
      usleep(20_000)
      waited += 0.02
    }
    self.fd = fd
  }

  deinit { close(fd) }
}

/// A test hook: `CREDITRISK_KILL_AT_STEP=k` makes the process kill itself with SIGKILL (or
/// the signal numbered `CREDITRISK_KILL_SIGNAL`) when it reaches the k-th step of publishing
/// outputs (1-based, counted over the whole run).
///
/// The fault tests use it to stop a run between every two steps (each file written, flushed,
/// linked, each rename) and check what a reader finds afterwards. Unset, it costs one
/// environment lookup per run.
enum PublishStep {
  private static let killAt: Int? = getenv("CREDITRISK_KILL_AT_STEP").flatMap {
    Int(String(cString: $0))
  }
  private static let signal: Int32 =
    getenv("CREDITRISK_KILL_SIGNAL").flatMap { Int32(String(cString: $0)) } ?? SIGKILL
  nonisolated(unsafe) private static var reached = 0

  /// `CREDITRISK_NO_RENAME_EXCHANGE` set: the folder swap takes its fallback (two renames),
  /// as on a file system that cannot exchange two names.
  static let exchangeDisabled = getenv("CREDITRISK_NO_RENAME_EXCHANGE") != nil

  /// Marks that one more step is done.
  static func done() {
    guard let killAt else { return }
    reached += 1
    guard reached == killAt else { return }
    kill(getpid(), signal)
    // A signal that is caught ends the run from another thread (`Interruption`), while this
    // one would go on publishing: it waits here, as a run interrupted at this step would get
    // no further (inside the removal's lock it goes on after 2 s, when the removal takes it).
    if signal != SIGKILL { sleep(2) }
  }
}
