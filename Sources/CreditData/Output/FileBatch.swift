import Parallelism

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
  /// - Throws: `OutputError` naming `display` and the file that failed.
  static func write(_ files: [(path: String, bytes: [UInt8])], display: String) throws {
    try write(paths: files.map(\.path), display: display) { files[$0].bytes }
  }

  /// Creates each file (it must not exist), makes its bytes (`make(k)` for `paths[k]`),
  /// writes them and flushes the file to disk.
  ///
  /// The files are created in turn, then each is made, written and flushed on a thread of its
  /// own (a flush waits on the disk, not the CPU): the files still being made use the cores
  /// while the first ones are flushed, and the flushes all wait at once, so the file system
  /// commits them together. A failure to make a file, a full disk or a write error part-way
  /// removes every file of the batch; the error is the first file's in order that could not
  /// be made (as `make` threw it), else written, else flushed.
  /// - Throws: what `make` threw, or `OutputError` naming `display` and the file that failed.
  static func write(
    paths: [String], display: String, making make: @Sendable (Int) throws -> [UInt8]
  ) throws {
    var fds: [Int32] = []
    func removeAll() {
      for fd in fds { close(fd) }
      for path in paths { unlink(path) }
    }
    // One file: the cause alone; several: the file's name and the cause.
    func fail(_ path: String, _ reason: String) -> OutputError {
      removeAll()
      let name = FileSystem.split(path).name
      return OutputError(path: display, reason: paths.count == 1 ? reason : "\(name): \(reason)")
    }
    // Created under the lock of an interrupted run's removal: never after it.
    try Interruption.locked {
      for path in paths {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw fail(path, FileSystem.errnoText()) }
        fds.append(fd)
      }
    }
    let made = UnsafeMutableBufferPointer<(any Error)?>.allocate(capacity: fds.count)
    made.initialize(repeating: nil)
    let written = UnsafeMutableBufferPointer<String?>.allocate(capacity: fds.count)
    written.initialize(repeating: nil)
    let flushed = UnsafeMutableBufferPointer<Int32>.allocate(capacity: fds.count)
    flushed.initialize(repeating: 0)
    defer {
      made.deinitialize()
      made.deallocate()
      written.deinitialize()
      written.deallocate()
      flushed.deallocate()
    }
    let (makes, writes, flushes) = (
      SendableSlots(made), SendableSlots(written), SendableSlots(flushed)
    )
    let descriptors = fds
    withoutActuallyEscaping(make) { make in
      let work = paths.indices.map { k in
        { @Sendable in
          let bytes: [UInt8]
          do {
            bytes = try make(k)
          } catch {
            makes.buffer[k] = error
            return
          }
          if let failure = FileSystem.writeAll(descriptors[k], bytes) {
            writes.buffer[k] = failure
          } else {
            flushes.buffer[k] = fsync(descriptors[k]) == 0 ? 0 : errno
          }
        }
      }
      if work.count == 1 { work[0]() } else { Parallel.sideBySide(work) }
    }
    if let error = made.lazy.compactMap({ $0 }).first {
      removeAll()
      throw error
    }
    for k in paths.indices {
      if let failure = written[k] { throw fail(paths[k], failure) }
      PublishStep.done()
    }
    for (k, path) in paths.enumerated() where flushed[k] != 0 {
      throw fail(path, String(cString: strerror(flushed[k])))
    }
    for (k, path) in paths.enumerated() where close(fds[k]) != 0 {
      fds.removeFirst(k + 1)
      throw fail(path, FileSystem.errnoText())
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
