#if canImport(Glibc)
  import Glibc
#endif

/// Turns the fault of reading a mapped file that was cut short (SIGBUS) into a flag.
///
/// When a mapped file shrinks, reading a page past its new end raises SIGBUS, which would
/// kill the process. While a mapping is registered here, a handler replaces such a page
/// with a page of zeros, marks the mapping as faulted and lets the read go on; the reader
/// then reports "file changed while reading" (`InputFile`) instead of what the zeros said.
/// A SIGBUS at any other address gets the previous handling.
///
/// The handler only reads a fixed table of ranges and calls `mmap`, both safe in a signal
/// handler; registering takes a lock.
enum MappingGuard {
  /// Slots of `[start, end, faulted]`, `start == 0` when free.
  private static let slotCount = 8
  nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UInt> = {
    let p = UnsafeMutablePointer<UInt>.allocate(capacity: 3 * slotCount)
    p.initialize(repeating: 0, count: 3 * slotCount)
    return p
  }()
  nonisolated(unsafe) private static var lock = pthread_mutex_t()
  nonisolated(unsafe) private static var previous = sigaction()
  nonisolated(unsafe) private static var installed = false
  private static let pageSize = UInt(sysconf(Int32(_SC_PAGESIZE)))

  /// Watches `size` bytes mapped at `map`; returns the slot to pass to `unregister`, or -1
  /// when every slot is taken (the mapping is then read unguarded).
  static func register(_ map: UnsafeMutableRawPointer, _ size: Int) -> Int {
    pthread_mutex_lock(&lock)
    defer { pthread_mutex_unlock(&lock) }
    if !installed {
      var action = sigaction()
      action.__sigaction_handler.sa_sigaction = handler
      action.sa_flags = SA_SIGINFO | SA_NODEFER
      sigemptyset(&action.sa_mask)
      sigaction(SIGBUS, &action, &previous)
      installed = true
    }
    for k in 0..<slotCount where slots[3 * k] == 0 {
      slots[3 * k + 2] = 0
      slots[3 * k + 1] = UInt(bitPattern: map) + UInt(size)
      slots[3 * k] = UInt(bitPattern: map)
      return k
    }
    return -1
  }

  /// True when `start..<end` lies inside one registered mapping.
  static func covers(_ start: UInt, _ end: UInt) -> Bool {
    pthread_mutex_lock(&lock)
    defer { pthread_mutex_unlock(&lock) }
    for k in 0..<slotCount where slots[3 * k] != 0 {
      if start >= slots[3 * k], end <= slots[3 * k + 1] { return true }
    }
    return false
  }

  /// Stops watching the slot; true when a read in it faulted.
  static func unregister(_ k: Int) -> Bool {
    guard k >= 0 else { return false }
    pthread_mutex_lock(&lock)
    defer { pthread_mutex_unlock(&lock) }
    let faulted = slots[3 * k + 2] != 0
    slots[3 * k] = 0
    slots[3 * k + 1] = 0
    return faulted
  }

  private static let handler:
    @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void =
      { signal, info, context in
        let address = UInt(bitPattern: info?.pointee._sifields._sigfault.si_addr)
        for k in 0..<MappingGuard.slotCount {
          let start = MappingGuard.slots[3 * k]
          if start != 0, address >= start, address < MappingGuard.slots[3 * k + 1] {
            let page = address & ~(MappingGuard.pageSize - 1)
            let zeros = mmap(
              UnsafeMutableRawPointer(bitPattern: page), Int(MappingGuard.pageSize), PROT_READ,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
            if zeros != MAP_FAILED {
              MappingGuard.slots[3 * k + 2] = 1
              return
            }
          }
        }
        // Not ours: the previous handling, which for the default ends the process.
        sigaction(SIGBUS, &MappingGuard.previous, nil)
      }
}
