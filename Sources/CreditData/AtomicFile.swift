import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Per-file flush results written by concurrent flushes, one slot each.
private struct SendableFailures: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Int32>
  init(_ buffer: UnsafeMutableBufferPointer<Int32>) { self.buffer = buffer }
}

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
    let fd = try openTemporary(bytes, for: path)
    try finish(fd, for: path, failure: fsync(fd) == 0 ? nil : errnoText())
  }

  /// Writes `bytes` to the temporary file of `path` and returns it open, not yet flushed;
  /// removes it on failure.
  private static func openTemporary(_ bytes: [UInt8], for path: String) throws -> Int32 {
    let fd = open(temporaryPath(path), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw OutputError(path: path, reason: errnoText()) }
    var offset = 0
    let failure: String? = bytes.withUnsafeBytes { raw -> String? in
      guard let base = raw.baseAddress else { return nil }
      while offset < raw.count {
        let n = Glibc.write(fd, base + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return errnoText()
        }
        offset += n
      }
      return nil
    }
    if failure != nil { try finish(fd, for: path, failure: failure) }
    return fd
  }

  /// Closes the temporary file of `path`; on `failure` (or a failing close) removes it and
  /// throws.
  private static func finish(_ fd: Int32, for path: String, failure: String?) throws {
    if close(fd) != 0, failure == nil {
      unlink(temporaryPath(path))
      throw OutputError(path: path, reason: errnoText())
    }
    if let failure {
      unlink(temporaryPath(path))
      throw OutputError(path: path, reason: failure)
    }
  }

  /// Writes several files so that, on failure, none of them is created or changed.
  ///
  /// Every file is first written and flushed to its temporary name; only when all of them
  /// are on disk are they renamed into place. A full disk or a write error part-way leaves
  /// no new file and no temporary file behind (a failing rename, which needs no space, is
  /// the only way to publish some files and not others).
  ///
  /// The files are flushed together (a flush waits on the disk, not the CPU), so the wait is
  /// about one flush rather than one per file.
  public static func write(all files: [(path: String, bytes: [UInt8])]) throws {
    var open: [(path: String, fd: Int32)] = []
    do {
      for file in files { open.append((file.path, try openTemporary(file.bytes, for: file.path))) }
    } catch {
      for file in open {
        close(file.fd)
        unlink(temporaryPath(file.path))
      }
      throw error
    }
    let failures = UnsafeMutableBufferPointer<Int32>.allocate(capacity: open.count)
    defer { failures.deallocate() }
    let fds = open.map(\.fd)
    let flushed = SendableFailures(failures)
    // A queue of its own: its blocked work items do not hold the shared pool's threads.
    let queue = DispatchQueue(label: "creditrisk.flush", attributes: .concurrent)
    let group = DispatchGroup()
    for (k, fd) in fds.enumerated() {
      queue.async(group: group) { flushed.buffer[k] = fsync(fd) == 0 ? 0 : errno }
    }
    group.wait()
    var written: [String] = []
    var firstError: (any Error)?
    for (k, file) in open.enumerated() {
      let failure = failures[k] == 0 ? nil : String(cString: strerror(failures[k]))
      do {
        try finish(file.fd, for: file.path, failure: failure)
        written.append(file.path)
      } catch {
        if firstError == nil { firstError = error }
      }
    }
    if let firstError {
      for path in written { unlink(temporaryPath(path)) }
      throw firstError
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
