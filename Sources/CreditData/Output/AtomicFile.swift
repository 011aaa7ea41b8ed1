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
    let temporary = target.parent + "/" + Leftovers.temporaryName(target.name)
    try FileBatch.write([(temporary, bytes)], display: path)
    // Keep the permissions of the file being replaced.
    var st = stat()
    if stat(target.path, &st) == 0 { chmod(temporary, st.st_mode & 0o7777) }
    guard rename(temporary, target.path) == 0 else {
      let reason = FileSystem.errnoText()
      unlink(temporary)
      throw OutputError(path: path, reason: reason)
    }
    PublishStep.done()
    FileSystem.syncFolder(target.parent)
    _ = consume lock
    return notes
  }

  /// Writes UTF-8 text atomically.
  @discardableResult
  public static func write(_ text: String, to path: String) throws -> [String] {
    try write(Array(text.utf8), to: path)
  }
}
