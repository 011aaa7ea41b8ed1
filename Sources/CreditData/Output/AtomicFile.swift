#if canImport(Glibc)
  import Glibc
#endif

/// A failure to write an output file.
public struct OutputError: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var reason: String
  public var description: String { "cannot write \(path): \(reason)" }

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
}

/// Writes whole files so that readers never see a partial one.
public enum AtomicFile {
  /// Writes `bytes` to a temporary file beside `path`, flushes it, then renames it over
  /// `path`.
  ///
  /// A symbolic link at `path` is followed (the file it points to is replaced, the link
  /// stays); a folder, device, FIFO or socket at `path` is refused, never replaced. The
  /// write holds the lock of the folder (`OutputLock`), and leftovers of interrupted
  /// writes to the same file are removed first. On any failure the temporary file is
  /// removed and `path` is left as it was.
  /// - Returns: warnings about leftovers of interrupted runs that were removed.
  /// - Throws: `OutputError` naming `path` and the cause.
  @discardableResult
  public static func write(_ bytes: [UInt8], to path: String) throws -> [String] {
    let target = try OutputTarget.file(path)
    let lock = try OutputLock(folder: target.parent, display: path)
    let notes = Leftovers.clean(target.name, in: target.parent)
    let staged = try StagedFile(bytes, target: target)
    try staged.moveIntoPlace()
    _ = consume lock
    return notes
  }

  /// Writes `bytes` to a temporary file beside `path` and flushes it, without putting it in
  /// place: `StagedFile.publish()` does that, `StagedFile.discard()` removes it.
  ///
  /// A command that publishes several outputs stages this one first: a path that cannot be
  /// written (a missing folder, a folder in the file's place, a full disk) fails before any
  /// other output is replaced. The checks, the lock and the cleaning of leftovers are those
  /// of `write(_:to:)`; the lock is released once the file is written and taken again by
  /// `publish()`.
  /// - Throws: `OutputError` naming `path` and the cause; nothing is left beside `path`.
  public static func stage(_ bytes: [UInt8], to path: String) throws -> StagedFile {
    let target = try OutputTarget.file(path)
    let lock = try OutputLock(folder: target.parent, display: path)
    let notes = Leftovers.clean(target.name, in: target.parent)
    var staged = try StagedFile(bytes, target: target)
    staged.notes = notes
    _ = consume lock
    return staged
  }

  /// Checks, without writing anything, that an output file can be put at `path`: its folder
  /// exists and nothing of another kind (a folder, a FIFO) is in its place.
  ///
  /// A command checks its output files with this before its work, so a path that cannot be
  /// written fails at once, not after minutes of training or scoring.
  /// - Throws: the `OutputError` that `write(_:to:)` would throw for the place.
  public static func checkPlace(_ path: String) throws {
    _ = try OutputTarget.file(path)
  }

  /// Writes UTF-8 text atomically.
  @discardableResult
  public static func write(_ text: String, to path: String) throws -> [String] {
    try write(Array(text.utf8), to: path)
  }
}

/// A file written and flushed beside its destination, not yet in place
/// (`AtomicFile.stage(_:to:)`).
public struct StagedFile: Sendable {
  let target: OutputTarget
  /// `NAME.tmp-PID` beside the destination.
  let temporary: String
  /// Warnings about leftovers of interrupted runs removed when the file was staged.
  var notes: [String] = []

  /// Writes `bytes` to the temporary name of `target` (whose folder's lock the caller holds)
  /// and flushes it.
  init(_ bytes: [UInt8], target: OutputTarget) throws {
    self.target = target
    temporary = target.parent + "/" + Leftovers.temporaryName(target.name)
    Interruption.record(temporary)
    do {
      try FileBatch.write([(temporary, bytes)], display: target.display)
    } catch {
      Interruption.forget(temporary)
      throw error
    }
  }

  /// Renames the file into place under the folder's lock, keeping the permissions of the
  /// file it replaces.
  /// - Returns: warnings about leftovers of interrupted runs removed when it was staged.
  /// - Throws: `OutputError` naming the destination; the temporary file is then removed and
  ///   the destination left as it was.
  @discardableResult
  public func publish() throws -> [String] {
    let lock: OutputLock
    do {
      lock = try OutputLock(folder: target.parent, display: target.display)
    } catch {
      discard()
      throw error
    }
    try moveIntoPlace()
    _ = consume lock
    return notes
  }

  /// Removes the temporary file; the destination stays as it was.
  public func discard() {
    unlink(temporary)
    Interruption.forget(temporary)
  }

  /// Renames the temporary file over the destination (the caller holds the folder's lock).
  func moveIntoPlace() throws {
    // Keep the permissions of the file being replaced.
    var st = stat()
    if stat(target.path, &st) == 0 { chmod(temporary, st.st_mode & 0o7777) }
    let failure = Interruption.locked { () -> String? in
      guard rename(temporary, target.path) == 0 else { return FileSystem.errnoText() }
      Interruption.forget(temporary)
      return nil
    }
    if let failure {
      discard()
      throw OutputError(path: target.display, reason: failure)
    }
    PublishStep.done()
    FileSystem.syncFolder(target.parent)
  }
}
