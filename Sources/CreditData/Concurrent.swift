#if canImport(Parallelism)
  import Parallelism

  /// Work started on another thread (`Parallelism.Background`).
  typealias Background = Parallelism.Background
#endif

/// The loading passes' use of the package's concurrency helper (`Parallel`): a file is cut
/// into at most 4 pieces of at least 64 Ki items (rows, bytes), and every result comes back
/// in piece order, so results do not depend on the machine.
enum Concurrent {
  /// Calls `body(0)`, ..., `body(count - 1)` concurrently and returns the results in order.
  static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] { Parallel.perform(count, body) }

  /// `0..<count` cut into at most `maximum` equal ranges of at least `minimum` elements.
  static func ranges(_ count: Int, minimum: Int = 1 << 16, maximum: Int = 4) -> [Range<Int>] {
    Parallel.chunks(count, minimumChunk: minimum, maximumChunks: maximum)
  }

  /// An array built concurrently in pieces (`Parallel.array(count:ranges:_:)`).
  static func array<T, R>(
    count: Int, ranges: [Range<Int>], _ fill: (Int, UnsafeMutableBufferPointer<T>) -> R
  ) -> ([T], [R]) {
    Parallel.array(count: count, ranges: ranges, fill)
  }
}
