import Parallelism

extension Parallel {
  /// How the loading passes cut their work: `0..<count` into at most 4 equal ranges of at
  /// least 64 Ki items (rows, bytes), whose results come back in range order, so results do
  /// not depend on the machine.
  static func loadingRanges(_ count: Int) -> [Range<Int>] {
    chunks(count, minimumChunk: 1 << 16, maximumChunks: 4)
  }
}
