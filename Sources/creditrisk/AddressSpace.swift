import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// A clear error, instead of a hang, under an address-space limit (`ulimit -v`) too small
/// for OpenBLAS.
///
/// OpenBLAS gives each thread that calls it a work buffer of 128 MiB (`BUFFER_SIZE`), mapped
/// on that thread's first call; when the mapping fails it retries for ever (observed: the
/// fitting threads spin in `blas_memory_alloc` → `mmap`, and the program never ends). The
/// model fits call BLAS from every core and the main thread, so before a command that fits
/// or scores, the limit must leave room for those buffers beside what the process already
/// maps; otherwise the command stops at once and says what limit it needs. Under such a
/// limit even the worker OpenBLAS starts when it is loaded can be stuck retrying, so its
/// shutdown (`BLAS.useSingleThreadedKernels`) is skipped and the process ends with `_exit`,
/// which does not wait for it.
enum AddressSpace {
  /// OpenBLAS's per-thread work buffer.
  static let blasBuffer = 128 << 20
  /// Room for the inputs and results of a small run beside the buffers.
  static let headroom = 128 << 20

  /// Why the BLAS buffers do not fit under the address-space limit, or nil when they do
  /// (or there is no limit, or the BLAS is not OpenBLAS).
  static func shortage() -> CommandError? {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0,
      limit.rlim_cur != rlim_t.max, BLAS.backend != "reference BLAS"
    else { return nil }
    let threads = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) + 1
    let needed = mapped() + threads * blasBuffer + headroom
    guard Int(clamping: limit.rlim_cur) < needed else { return nil }
    let mib = { (bytes: Int) in (bytes + (1 << 20) - 1) >> 20 }
    return CommandError(
      "the address-space limit (ulimit -v) of \(Int(clamping: limit.rlim_cur) >> 20) MiB is too "
        + "small: the model fits need \(threads) BLAS work buffers of 128 MiB beside the "
        + "\(mib(mapped())) MiB already mapped; allow at least \(mib(needed)) MiB "
        + "(ulimit -v \(needed >> 10))")
  }

  /// Bytes of address space the process maps now (`/proc/self/statm`, first field).
  static func mapped() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 128)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return 0 }
    let text = String(
      decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard let first = text.split(separator: " ").first, let pages = Int(first) else { return 0 }
    return pages * sysconf(Int32(_SC_PAGESIZE))
  }
}
