#if canImport(Glibc)
  import Glibc
#endif

extension InputFile {
  /// Gives back the memory that holds `bytes` of a file `withContents` mapped, once they have
  /// been read.
  ///
  /// The whole pages inside `bytes` leave the process (the system keeps them in its file cache
  /// while it has room); read again, they come back from the file with the same bytes. A
  /// reader that goes through a large file once thus keeps only the stretch it is reading
  /// instead of the whole file. Bytes that are not in such a mapping (a pipe's or a small
  /// file's bytes read into memory, any other memory) are left as they are.
  public static func release(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    let start = UInt(bitPattern: base)
    let end = start + UInt(bytes.count)
    let first = (start + pageSize - 1) & ~(pageSize - 1)
    let last = end & ~(pageSize - 1)
    guard first < last, MappingGuard.covers(start, end) else { return }
    _ = madvise(
      UnsafeMutableRawPointer(bitPattern: first), Int(last - first), Int32(MADV_DONTNEED))
  }

  private static let pageSize = UInt(sysconf(Int32(_SC_PAGESIZE)))

  /// Releases (`release(_:)`) a mapped file's bytes behind a reader that moves forward
  /// through them, a stretch of `stride` bytes at a time.
  struct ReleaseBehind {
    /// The stretch given back at once: large enough that the calls cost nothing next to
    /// reading it, small enough that it is a small part of a large file.
    static let stride = 16 << 20

    let base: UnsafePointer<UInt8>
    /// Offset up to which the bytes were given back.
    private(set) var released: Int

    /// A reader starting at offset `start` of the bytes at `base`.
    init(_ base: UnsafePointer<UInt8>, from start: Int) {
      self.base = base
      self.released = start
    }

    /// The reader has read everything before offset `position`.
    @inline(__always) mutating func passed(_ position: Int) {
      if position - released >= ReleaseBehind.stride { release(upTo: position) }
    }

    /// Gives back everything before offset `position`.
    mutating func release(upTo position: Int) {
      guard position > released else { return }
      InputFile.release(UnsafeRawBufferPointer(start: base + released, count: position - released))
      released = position
    }
  }
}
