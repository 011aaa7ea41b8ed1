#if canImport(Glibc)
  import Glibc
#endif

/// Publishes several files into one folder as a unit: a reader of the folder finds either
/// the previous complete set or the new complete set, never some of each, even when the run
/// is killed at any point or another run writes to the same folder at the same time.
///
/// ```
/// out/            the folder named by --out
/// out.tmp-PID/    the new folder, built beside it: the new files, written and flushed,
///                 and hard links to every other file already in out/ (kept as they are)
/// ```
///
/// `out.tmp-PID` then takes the place of `out` in one step (`renameat2` with
/// `RENAME_EXCHANGE`, which swaps the two names atomically), and the previous folder, now
/// at `out.tmp-PID`, is removed. Where the file system cannot swap two names, `out` is
/// first renamed to `out.old-PID` and the new folder to `out`: a run killed between those
/// two renames leaves `out` missing and the previous set at `out.old-PID`, which the next
/// run puts back before anything else.
///
/// All of this happens under an exclusive lock on the folder that holds `out`
/// (`OutputLock`); under it, leftovers of killed runs are cleaned and reported
/// (`Leftovers`). Files in `out` that are not part of the set are carried over unchanged;
/// a subfolder, device, FIFO or socket in `out` is refused (it could not be carried over
/// in the same step), as are `out` being the current folder, one that contains it, or `/`.
/// A symbolic link named by `out` is followed, never replaced.
public enum OutputSet {
  /// Writes `files` (names without slashes) into folder `path` as one set.
  ///
  /// On any failure (a full disk, a folder that cannot be written) nothing under `path` is
  /// created or changed and nothing is left beside it.
  /// - Returns: warnings about leftovers of interrupted runs that were cleaned or restored.
  /// - Throws: `OutputError` naming `path` and the cause.
  @discardableResult
  public static func publish(
    _ files: [(name: String, bytes: [UInt8])], to path: String, superseding: [String] = []
  ) throws -> [String] {
    try publish(names: files.map(\.name), to: path, superseding: superseding) { files[$0].bytes }
  }

  /// Writes the files named `names` into folder `path` as one set, as `publish(_:to:)` does,
  /// each file's bytes made by `make(k)` (for `names[k]`) while the others are written: the
  /// files made first are flushed while the last are still being made.
  ///
  /// When `make` throws, nothing under `path` is created or changed and the error is rethrown
  /// (the first file's in order).
  ///
  /// `superseding`: files of the same command's set that this run does not write (an
  /// optional output not asked for this time): an earlier run's are not carried over, so the
  /// folder never holds one run's files beside another's.
  /// - Returns: warnings about leftovers of interrupted runs that were cleaned or restored,
  ///   and about superseded files removed.
  /// - Throws: what `make` threw, or `OutputError` naming `path` and the cause.
  @discardableResult
  public static func publish(
    names: [String], to path: String, superseding: [String] = [],
    making make: @Sendable (Int) throws -> [UInt8]
  ) throws -> [String] {
    let target = try OutputTarget.folder(path)
    let lock = try OutputLock(folder: target.parent, display: path)
    let staged = try StagedSet(
      names: names, target: target, superseding: superseding, making: make)
    try staged.swapIn()
    _ = consume lock
    return staged.notes
  }

  /// Builds the new folder of `files` beside `path` (`path.tmp-PID`, as `publish(_:to:)`
  /// does), without putting it in place: `StagedSet.publish()` does that,
  /// `StagedSet.discard()` removes it.
  ///
  /// A command that publishes several outputs stages this one before the others are
  /// replaced: a folder that cannot be created or written fails first. The lock is released
  /// once the folder is built and taken again by `publish()`; files already in `path` are
  /// carried over as they are now.
  /// - Throws: `OutputError` naming `path` and the cause; nothing is left beside `path`.
  public static func stage(_ files: [(name: String, bytes: [UInt8])], to path: String)
    throws -> StagedSet
  {
    let target = try OutputTarget.folder(path)
    let lock = try OutputLock(folder: target.parent, display: path)
    let staged = try StagedSet(names: files.map(\.name), target: target, superseding: []) {
      files[$0].bytes
    }
    _ = consume lock
    return staged
  }

  /// The entries of the existing folder that are kept: every one but the set's own files
  /// and leftovers of their earlier writes.
  fileprivate static func carriedEntries(
    of target: OutputTarget, replacing names: [String], notes: inout [String]
  ) throws -> [String] {
    guard let entries = FileSystem.entries(target.path) else {
      throw OutputError(
        path: target.display, reason: "cannot read the folder: \(FileSystem.errnoText())")
    }
    let own = Set(names)
    var carried: [String] = []
    for entry in entries {
      // A file of the set is replaced; a folder or a device by its name is refused below,
      // as any other: replacing it would remove what it holds.
      if own.contains(entry), FileSystem.kind(target.path + "/" + entry) == .regular {
        continue
      }
      if let pid = names.lazy.compactMap({ Leftovers.owner(of: entry, for: $0, suffix: ".tmp-") })
        .first,
        !FileSystem.processIsAlive(pid)
      {
        notes.append("removed \(target.path)/\(entry), left by an interrupted run")
        continue
      }
      switch FileSystem.kind(target.path + "/" + entry) {
      case .regular, .symbolicLink: if !own.contains(entry) { carried.append(entry) }
      case .missing: continue
      case .directory:
        throw OutputError(
          path: target.display,
          reason:
            "holds the folder '\(entry)', which is not a creditrisk output; the outputs replace the folder as a whole, so write them to a folder of their own"
        )
      case .special(let what):
        throw OutputError(
          path: target.display,
          reason:
            "holds '\(entry)', \(what), which is not a creditrisk output; write to a folder of its own"
        )
      }
    }
    return carried
  }

  /// Creates `staging` with the new files (made, written and flushed) and links to the carried
  /// entries of `target`, and flushes the folder itself.
  fileprivate static func build(
    _ staging: String, names: [String], making make: @Sendable (Int) throws -> [UInt8],
    carrying carried: [String], from target: OutputTarget, display: String
  ) throws {
    var mode: mode_t = 0o777
    var st = stat()
    if stat(target.path, &st) == 0 { mode = st.st_mode & 0o7777 }
    let failure = Interruption.locked { () -> String? in
      guard mkdir(staging, 0o700) == 0 else { return FileSystem.errnoText() }
      Interruption.record(staging)
      return nil
    }
    if let failure {
      throw OutputError(path: display, reason: "cannot create \(staging): \(failure)")
    }
    PublishStep.done()
    try FileBatch.write(paths: names.map { staging + "/" + $0 }, display: display, making: make)
    for entry in carried {
      try Interruption.locked {
        try carry(target.path + "/" + entry, to: staging + "/" + entry, display: display)
      }
      PublishStep.done()
    }
    // The folder's own permissions: those of the folder it replaces, or the umask's default.
    if FileSystem.kind(target.path) == .missing {
      let mask = umask(0)
      umask(mask)
      mode = 0o777 & ~mask
    }
    chmod(staging, mode)
    FileSystem.syncFolder(staging)
    PublishStep.done()
  }

  /// Puts a file of the previous folder into the new one: a hard link (no copy, same
  /// file), or, where the file system has no hard links, a copy; a symbolic link is made
  /// again with the same text.
  private static func carry(_ source: String, to destination: String, display: String) throws {
    if FileSystem.kind(source) == .symbolicLink {
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink(source, &buffer, buffer.count - 1)
      guard n >= 0,
        symlink(
          String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self), destination)
          == 0
      else {
        throw OutputError(path: display, reason: "cannot keep \(source): \(FileSystem.errnoText())")
      }
      return
    }
    if link(source, destination) == 0 { return }
    guard let bytes = try? FileBatch.read(source) else {
      throw OutputError(path: display, reason: "cannot keep \(source): \(FileSystem.errnoText())")
    }
    try FileBatch.write([(destination, bytes)], display: display)
  }

  /// Makes `staging` the folder at `target`, then removes the previous one.
  fileprivate static func swapIn(
    _ staging: String, over target: OutputTarget, exists: Bool, display: String
  ) throws {
    if !exists {
      let failure = Interruption.locked { () -> String? in
        guard rename(staging, target.path) == 0 else { return FileSystem.errnoText() }
        Interruption.forget(staging)
        return nil
      }
      if let failure {
        throw OutputError(path: display, reason: "cannot rename \(staging): \(failure)")
      }
      PublishStep.done()
      FileSystem.syncFolder(target.parent)
      return
    }
    if Interruption.locked({ exchange(staging, target.path) }) {
      PublishStep.done()
      FileSystem.syncFolder(target.parent)
      // `staging` now names the previous folder (still recorded: removed if interrupted).
      FileSystem.removeTree(staging)
      Interruption.forget(staging)
      PublishStep.done()
      return
    }
    let parked = target.parent + "/" + Leftovers.parkedName(target.name)
    // Both renames under the lock: an interrupted run never leaves `out` missing.
    try Interruption.locked {
      guard rename(target.path, parked) == 0 else {
        throw OutputError(
          path: display, reason: "cannot rename the folder: \(FileSystem.errnoText())")
      }
      PublishStep.done()
      guard rename(staging, target.path) == 0 else {
        let reason = FileSystem.errnoText()
        rename(parked, target.path)
        throw OutputError(path: display, reason: "cannot rename \(staging): \(reason)")
      }
      Interruption.forget(staging)
      Interruption.record(parked)
    }
    PublishStep.done()
    FileSystem.syncFolder(target.parent)
    FileSystem.removeTree(parked)
    Interruption.forget(parked)
    PublishStep.done()
  }

  /// Swaps the names `a` and `b` atomically; false where the file system or kernel cannot.
  private static func exchange(_ a: String, _ b: String) -> Bool {
    guard let renameat2 = renameat2, !PublishStep.exchangeDisabled else { return false }
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, 1 << 1) == 0  // RENAME_EXCHANGE
  }

  private typealias RenameAt2 =
    @convention(c) (
      Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
    ) -> Int32

  /// glibc's `renameat2` (2.28 and later), looked up at run time: the Glibc module does not
  /// declare it.
  private static let renameat2: RenameAt2? = dlsym(nil, "renameat2").map {
    unsafeBitCast($0, to: RenameAt2.self)
  }
}

/// A set of files built in a folder beside its destination, not yet in place
/// (`OutputSet.stage(_:to:)`).
public struct StagedSet: Sendable {
  let target: OutputTarget
  /// `NAME.tmp-PID` beside the destination.
  let staging: String
  /// Warnings about leftovers of interrupted runs cleaned when the set was staged, and about
  /// superseded files left out.
  let notes: [String]

  /// Cleans the leftovers of `target` and builds the new folder beside it.
  ///
  /// The new folder holds the files `names` made by `make` and the entries of the existing
  /// folder kept. The caller holds the lock of `target`'s folder. On failure nothing is left
  /// beside `target`.
  init(
    names: [String], target: OutputTarget, superseding: [String],
    making make: @Sendable (Int) throws -> [UInt8]
  ) throws {
    self.target = target
    var notes = Leftovers.clean(target.name, in: target.parent)
    let exists = FileSystem.kind(target.path) == .directory
    var carried =
      exists
      ? try OutputSet.carriedEntries(of: target, replacing: names, notes: &notes) : []
    let dropped = Set(superseding).subtracting(names)
    for name in carried where dropped.contains(name) {
      notes.append("removed \(target.path)/\(name), an earlier run's: this run does not write it")
    }
    carried.removeAll { dropped.contains($0) }
    staging = target.parent + "/" + Leftovers.temporaryName(target.name)
    do {
      try OutputSet.build(
        staging, names: names, making: make, carrying: carried, from: target,
        display: target.display)
    } catch {
      FileSystem.removeTree(staging)
      Interruption.forget(staging)
      throw error
    }
    self.notes = notes
  }

  /// Puts the new folder in place of the destination under the lock of its folder, and
  /// removes the previous one.
  /// - Returns: warnings about leftovers cleaned when the set was staged.
  /// - Throws: `OutputError` naming the destination; the new folder is then removed and the
  ///   destination left as it was.
  @discardableResult
  public func publish() throws -> [String] {
    do {
      let lock = try OutputLock(folder: target.parent, display: target.display)
      try swapIn()
      _ = consume lock
    } catch {
      discard()
      throw error
    }
    return notes
  }

  /// Removes the new folder; the destination stays as it was.
  public func discard() {
    FileSystem.removeTree(staging)
    Interruption.forget(staging)
  }

  /// Makes the new folder the destination (the caller holds the lock of its folder).
  func swapIn() throws {
    do {
      try OutputSet.swapIn(
        staging, over: target, exists: FileSystem.kind(target.path) == .directory,
        display: target.display)
    } catch {
      discard()
      throw error
    }
  }
}
