#if canImport(Glibc)
  import Glibc
#endif

/// The whole content of an input, from a regular file, a pipe or standard input (`-`).
///
/// - Regular files of 64 KiB or more are mapped (see `CSVReader.withMappedFile`); a file
///   cut short while it is read then reads as zeros instead of faulting (`MappingGuard`),
///   and a file whose size or modification time changed during the read is an error,
///   "file changed while reading", instead of whatever the half-read bytes said.
/// - Pipes and standard input are read to their end. A named pipe is opened without
///   waiting for a writer: with none, it reads as empty.
/// - Terminals, devices, sockets and directories are refused with a message, as is an
///   empty path.
public enum InputFile {
  /// The name messages use for standard input.
  public static let standardInputName = "stdin"

  /// The name to show for `path` in messages.
  public static func displayName(_ path: String) -> String {
    path == "-" ? standardInputName : path
  }

  /// Calls `body` with the whole content of the input at `path` (`-` for standard input).
  ///
  /// - Throws: `DataError` of kind `.io` when the input cannot be opened or read, is not a
  ///   file or pipe, or changed while it was read; else what `body` throws.
  public static func withContents<R>(
    path: String, mapped: Bool = true, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
  ) throws -> R {
    let name = displayName(path)
    guard !path.isEmpty else {
      throw DataError(
        .io, file: "''",
        message: "no file name given; expected the path of a file (or - for standard input)")
    }
    if path == "-" {
      if isatty(0) != 0 {
        throw DataError(
          .io, file: name,
          message: "is a terminal; expected a file piped or redirected into standard input")
      }
      return try stream(fd: 0, name: name).withUnsafeBufferPointer(body)
    }
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw ioError(name, "cannot open") }
    defer { close(fd) }
    var before = stat()
    guard fstat(fd, &before) == 0 else { throw ioError(name, "cannot read") }
    switch before.st_mode & S_IFMT {
    case S_IFREG:
      break
    case S_IFDIR:
      throw DataError(.io, file: name, message: "is a directory; expected a file")
    case S_IFIFO:
      // Blocking reads from here on: a writer's data is waited for, no writer is the end.
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
      return try stream(fd: fd, name: name).withUnsafeBufferPointer(body)
    default:
      throw DataError(
        .io, file: name, message: "is not a regular file or pipe; expected a file")
    }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    let size = Int(before.st_size)
    let result: Result<R, any Error>
    var faulted = false
    if mapped, size >= 1 << 16,
      let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED
    {
      let token = MappingGuard.register(map, size)
      result = Result {
        try body(UnsafeBufferPointer(start: map.assumingMemoryBound(to: UInt8.self), count: size))
      }
      faulted = MappingGuard.unregister(token)
      munmap(map, size)
    } else {
      let bytes = try readAll(fd: fd, size: size, name: name)
      result = Result { try bytes.withUnsafeBufferPointer(body) }
    }
    var after = stat()
    let changed =
      fstat(fd, &after) != 0 || after.st_size != before.st_size
      || after.st_mtim.tv_sec != before.st_mtim.tv_sec
      || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec
    if faulted || changed {
      throw DataError(
        .io, file: name,
        message: "file changed while reading; expected it to stay the same until read (run "
          + "again once it is written)")
    }
    return try result.get()
  }

  /// Reads a regular file of `size` bytes with `read(2)`.
  private static func readAll(fd: Int32, size: Int, name: String) throws -> [UInt8] {
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buf, count in
      var off = 0
      while off < size, let base = buf.baseAddress {
        let r = read(fd, base + off, size - off)
        if r < 0 {
          if errno == EINTR { continue }
          failure = errno
          break
        }
        if r == 0 { break }
        off += r
      }
      count = off
    }
    if failure != 0 { throw ioError(name, "cannot read", failure) }
    return bytes
  }

  /// Reads a pipe or standard input to its end.
  private static func stream(fd: Int32, name: String) throws -> [UInt8] {
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let r = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if r < 0 {
        if errno == EINTR { continue }
        if errno == EAGAIN {
          var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
          _ = poll(&p, 1, -1)
          continue
        }
        throw ioError(name, "cannot read")
      }
      if r == 0 { break }
      out.append(contentsOf: chunk[0..<r])
    }
    return out
  }

  private static func ioError(_ name: String, _ what: String, _ code: Int32 = errno) -> DataError {
    DataError(.io, file: name, message: "\(what): \(String(cString: strerror(code)))")
  }
}
