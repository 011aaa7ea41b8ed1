/// A fast 64-bit content hash (FNV-1a over 8-byte words, then a final avalanche), to tie a model
/// file to the exact bytes it was trained on.
///
/// Not cryptographic.
public enum ContentHash {
  /// The hash of `bytes` as 16 hex digits.
  public static func hex(_ bytes: [UInt8]) -> String {
    bytes.withUnsafeBytes { hex($0) }
  }

  /// The hash of the bytes in `raw` as 16 hex digits (the same as for an array of them).
  ///
  /// Each word's multiply waits for the one before, so this runs at about 2 bytes per cycle
  /// whatever the number of cores (about 20 ms for 100 MB): callers that also parse the
  /// bytes run it beside the parse (see `HistoryLoader.loadHashed`).
  public static func hex(_ raw: UnsafeRawBufferPointer) -> String {
    hex(raw, stretch: raw.count) { _ in }
  }

  /// The hash of the bytes in `raw`, as `hex(_:)`, calling `hashed` with the range of each
  /// `stretch` bytes once they are hashed (for a caller that gives them back as it goes).
  public static func hex(
    _ raw: UnsafeRawBufferPointer, stretch: Int, hashed: (Range<Int>) -> Void
  ) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    let prime: UInt64 = 0x0000_0100_0000_01b3
    let words = raw.count / 8
    let wordsPerStretch = max(1, stretch / 8)
    var first = 0
    while first < words {
      let end = min(words, first + wordsPerStretch)
      for w in first..<end {
        h = (h ^ raw.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self)) &* prime
      }
      hashed(first * 8..<end * 8)
      first = end
    }
    for b in raw[(words * 8)...] { h = (h ^ UInt64(b)) &* prime }
    h ^= UInt64(raw.count)
    h ^= h >> 33
    h &*= 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return String(zeroPadded: String(h, radix: 16), width: 16)
  }
}
