#if canImport(Glibc)
  import Glibc
#endif

/// A failure to write an output file.
public struct OutputError: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var reason: String
  public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes whole files so that readers never see a partial one.
public enum AtomicFile {
  /// Writes `bytes` to a temporary file beside `path`, flushes it, then renames it over `path`.
  ///
  /// On any failure the temporary file is removed and `path` is left as it was.
  public static func write(_ bytes: [UInt8], to path: String) throws {
    try writeTemporary(bytes, for: path)
    if rename(temporaryPath(path), path) != 0 {
      let reason = errnoText()
      unlink(temporaryPath(path))
      throw OutputError(path: path, reason: reason)
    }
  }

  /// The temporary name `path` is written under before it is renamed.
  static func temporaryPath(_ path: String) -> String { path + ".tmp-\(getpid())" }

  /// Writes and flushes `bytes` to the temporary file of `path`; removes it on failure.
  static func writeTemporary(_ bytes: [UInt8], for path: String) throws {
    let temp = temporaryPath(path)
    let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw OutputError(path: path, reason: errnoText()) }
    var offset = 0
    let failure: String? = bytes.withUnsafeBytes { raw -> String? in
      guard let base = raw.baseAddress else { return fsync(fd) == 0 ? nil : errnoText() }
      while offset < raw.count {
        let n = Glibc.write(fd, base + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return errnoText()
        }
        offset += n
      }
      return fsync(fd) == 0 ? nil : errnoText()
    }
    if close(fd) != 0, failure == nil {
      unlink(temp)
      throw OutputError(path: path, reason: errnoText())
    }
    if let failure {
      unlink(temp)
      throw OutputError(path: path, reason: failure)
    }
  }

  /// Writes several files so that, on failure, none of them is created or changed.
  ///
  /// Every file is first written and flushed to its temporary name; only when all of them
  /// are on disk are they renamed into place. A full disk or a write error part-way leaves
  /// no new file and no temporary file behind (a failing rename, which needs no space, is
  /// the only way to publish some files and not others).
  public static func write(all files: [(path: String, bytes: [UInt8])]) throws {
    var written: [String] = []
    do {
      for file in files {
        try writeTemporary(file.bytes, for: file.path)
        written.append(file.path)
      }
    } catch {
      for path in written { unlink(temporaryPath(path)) }
      throw error
    }
    for (k, path) in written.enumerated() where rename(temporaryPath(path), path) != 0 {
      let reason = errnoText()
      for later in written[k...] { unlink(temporaryPath(later)) }
      throw OutputError(path: path, reason: reason)
    }
  }

  /// Writes UTF-8 text atomically.
  public static func write(_ text: String, to path: String) throws {
    try write(Array(text.utf8), to: path)
  }

  private static func errnoText() -> String { String(cString: strerror(errno)) }
}
