import CMalloc

/// Large arrays on mappings of their own, so that freeing one gives its memory back at once.
///
/// glibc maps an allocation on its own only above a threshold, which it raises (up to 32 MiB)
/// whenever such a mapping is freed; an allocation below it comes from the heap, which keeps a
/// freed block's pages resident until something else takes them. Training makes and frees
/// arrays of a value or a few per invoice, and at a million invoices they fall under the
/// raised threshold: the feature sweep's queries grouped by customer (32 MB) stayed resident
/// after the sweep, and the process's peak with them. A fixed threshold (which also turns the
/// raising off) keeps such arrays on their own mappings, while the arrays of a value a row
/// (7.6 MiB at a million rows), which the fits make and free on every iteration, still come
/// from the heap and reuse its pages: at a million invoices, 6 alternating runs each, peak RSS
/// median 373 MiB with glibc's default, 320 with 16 MiB, 301 with 4 MiB; wall median 1.145,
/// 1.13 and 1.185 s (4 MiB maps and faults in the per-iteration arrays again each time). At
/// 8 MiB the arrays of a byte a row at 10M rows (9.5 MiB: the sample's outcomes, categories
/// and recent rows' flags) are mapped too, which 16 MiB left on the heap: training's 10M peak
/// 1,058-1,064 -> 1,039-1,040 MiB, 1M wall unchanged.
enum LargeAllocations {
  /// Allocations from this size on are mapped on their own.
  static let threshold: Int32 = 8 << 20

  /// Fixes glibc's threshold for allocations mapped on their own (`mallopt`).
  static func mapSeparately() {
    _ = mallopt(M_MMAP_THRESHOLD, threshold)
  }

  /// Gives the pages of the heap's freed blocks back (`malloc_trim`): blocks below the
  /// threshold that were freed while blocks after them live stay resident until something
  /// else takes them, which the arrays above the threshold never do.
  static func giveBackFreedPages() {
    _ = malloc_trim(0)
  }
}
