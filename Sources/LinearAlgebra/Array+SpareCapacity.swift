#if canImport(Glibc)
  import Glibc
#endif

/// Gives the pages of `values`' storage that lie wholly past its last element back to the
/// system.
///
/// An array never shrinks its allocation; its unused capacity is then no longer resident.
/// The array is unchanged, and the pages read as zeros if it grows into them.
package func releaseSpareCapacity(_ values: inout [Double]) {
  let (count, capacity) = (values.count, values.capacity)
  values.withUnsafeMutableBufferPointer { xs in
    guard let base = xs.baseAddress else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = (Int(bitPattern: base + count) + page - 1) / page * page
    let end = Int(bitPattern: base + capacity) / page * page
    guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(address, end - start, MADV_DONTNEED)
  }
}
