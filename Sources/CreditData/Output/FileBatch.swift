import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Per-file results written by concurrent writes and flushes, one slot each.
private struct SendableSlots<T>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<T>
  init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}

/// New files written and flushed together; on any failure none of them is left.
enum FileBatch {
  /// Creates each file (it must not exist), writes it and flushes it to disk.
  ///
  /// The files are created in turn, then written and flushed on both cores, each flushed as
  /// soon as it is written (a flush waits on the disk, not the CPU): the copies into the page
  /// cache run side by side and the first flushes overlap the last writes, instead of every
  /// file written in turn and only then the flushes. A full disk or a write error part-way
  /// removes every file of the batch; the error names the first file in order that could not
  /// be written, else the first that could not be flushed.
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
    }
    let written = UnsafeMutableBufferPointer<String?>.allocate(capacity: fds.count)
    written.initialize(repeating: nil)
    let flushed = UnsafeMutableBufferPointer<Int32>.allocate(capacity: fds.count)
    flushed.initialize(repeating: 0)
    defer {
      written.deinitialize()
      written.deallocate()
      flushed.deallocate()
    }
    let (writes, flushes) = (SendableSlots(written), SendableSlots(flushed))
    let descriptors = fds
    DispatchQueue.concurrentPerform(iterations: files.count) { k in
      if let failure = FileSystem.writeAll(descriptors[k], files[k].bytes) {
        writes.buffer[k] = failure
      } else {
        flushes.buffer[k] = fsync(descriptors[k]) == 0 ? 0 : errno
      }
    }
    for k in files.indices {
      if let failure = written[k] { throw fail(files[k].path, failure) }
      PublishStep.done()
    }
    for (k, file) in files.enumerated() where flushed[k] != 0 {
      throw fail(file.path, String(cString: strerror(flushed[k])))
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
