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
  /// On any failure the temporary file is removed and `path` is left as it was.
  public static func write(_ bytes: [UInt8], to path: String) throws {
    let temp = path + ".tmp-\(getpid())"
    let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw OutputError(path: path, reason: errnoText()) }
    var offset = 0
    let failure: String? = bytes.withUnsafeBytes { raw -> String? in
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
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
    if rename(temp, path) != 0 {
      let reason = errnoText()
      unlink(temp)
      throw OutputError(path: path, reason: reason)
    }
  }

  /// Writes UTF-8 text atomically.
  public static func write(_ text: String, to path: String) throws {
    try write(Array(text.utf8), to: path)
  }

  private static func errnoText() -> String { String(cString: strerror(errno)) }
}
