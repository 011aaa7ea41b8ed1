import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Per-file flush results written by concurrent flushes, one slot each.
private struct SendableFailures: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Int32>
  init(_ buffer: UnsafeMutableBufferPointer<Int32>) { self.buffer = buffer }
}

/// New files written and flushed together; on any failure none of them is left.
enum FileBatch {
  /// Creates each file (it must not exist), writes it and flushes it to disk.
  ///
  /// The files are flushed together (a flush waits on the disk, not the CPU), so the wait is
  /// about one flush rather than one per file. A full disk or a write error part-way removes
  /// every file of the batch.
  /// - Throws: `OutputError` naming `display` and the file that failed.
  static func write(_ files: [(path: String, bytes: [UInt8])], display: String) throws {
    var fds: [Int32] = []
    // One file: the cause alone; several: the file's name and the cause.
    func fail(_ path: String, _ reason: String) -> OutputError {
      for fd in fds { close(fd) }
      for file in files { unlink(file.path) }
      let name = FileSystem.split(path).name
      return OutputError(path: display, reason: files.count == 1 ? reason : "\(name): \(reason)")
    }
    for file in files {
      let fd = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
      guard fd >= 0 else { throw fail(file.path, FileSystem.errnoText()) }
      fds.append(fd)
      if let failure = FileSystem.writeAll(fd, file.bytes) {
        throw fail(file.path, failure)
      }
      PublishStep.done()
    }
    let failures = UnsafeMutableBufferPointer<Int32>.allocate(capacity: fds.count)
    defer { failures.deallocate() }
    let flushed = SendableFailures(failures)
    // A queue of its own: its blocked work items do not hold the shared pool's threads.
    let queue = DispatchQueue(label: "creditrisk.flush", attributes: .concurrent)
    let group = DispatchGroup()
    for (k, fd) in fds.enumerated() {
      queue.async(group: group) { flushed.buffer[k] = fsync(fd) == 0 ? 0 : errno }
    }
    group.wait()
    for (k, file) in files.enumerated() where failures[k] != 0 {
      throw fail(file.path, String(cString: strerror(failures[k])))
    }
    for (k, file) in files.enumerated() where close(fds[k]) != 0 {
      fds.removeFirst(k + 1)
      throw fail(file.path, FileSystem.errnoText())
    }
    PublishStep.done()
  }

  /// The whole content of the regular file at `path`.
  static func read(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw OutputError(path: path, reason: FileSystem.errnoText()) }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0, errno == EINTR { continue }
      guard n >= 0 else { throw OutputError(path: path, reason: FileSystem.errnoText()) }
      if n == 0 { return bytes }
      bytes += chunk[..<n]
    }
  }
}
