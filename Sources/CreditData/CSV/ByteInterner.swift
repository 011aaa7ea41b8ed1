#if canImport(Glibc)
  import Glibc
#endif

/// An open-addressing hash set of byte strings that numbers each distinct key in order of
/// first appearance.
///
/// Used to intern customer ids and category levels and to find duplicate invoice ids without
/// creating a `String` (and hashing it with SipHash) per row. Keys are copied into one
/// compact arena; mostly-distinct keys such as invoice ids go through `DuplicateFinder`
/// instead. The load factor stays at most 3/4.
///
/// Each slot is two words: the high 24 bits of the key's hash, its length (capped at 255)
/// and its number + 1 (0 = empty slot), then the key's first 8 bytes; bytes 8..<16 are kept
/// per slot in a separate array. A key of at most 8 bytes (customer ids such as `C000021`)
/// is thus found with one memory access, one of at most 16 (category levels) without
/// reading the arena: with 20,000 customers the per-row lookup was three dependent cache
/// misses (slot, key offset, arena), about a tenth of a history load; it is one now.
struct ByteInterner {
  private var arena: [UInt8] = []
  /// Offset of each key in `arena`.
  private var keyOffset: [Int] = []
  private var keyLength: [Int32] = []
  /// Two words per slot: `meta(hash, length) | number + 1`, then the key's first 8 bytes.
  private var slots: [UInt64]
  /// Per slot, bytes 8..<16 of a key of 9 to 16 bytes (category levels such as
  /// `Manufacturing`), so that those too compare without reading the arena.
  private var wide: [UInt64]
  /// Slots - 1 (the slot count is a power of two).
  private var mask: Int
  /// What `warm` read (unused).
  private var warmed: UInt64 = 0

  /// Number of distinct keys.
  var count: Int { keyOffset.count }

  init(expectedCount: Int = 16) {
    var size = 16
    while size * 3 < expectedCount * 4 { size <<= 1 }
    slots = [UInt64](repeating: 0, count: 2 * size)
    wide = [UInt64](repeating: 0, count: size)
    mask = size - 1
    keyOffset.reserveCapacity(expectedCount)
    keyLength.reserveCapacity(expectedCount)
  }

  /// The number of `key`, inserting it if new.
  @inline(__always)
  mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
    intern(key, readable: key.count)
  }

  /// The number of `key`, inserting it if new, where `readable >= key.count` bytes may be
  /// read from its start (the rest of the buffer it lies in).
  @inline(__always)
  mutating func intern(_ key: UnsafeBufferPointer<UInt8>, readable: Int) -> (
    index: Int, inserted: Bool
  ) {
    let (prefix, second, h) = ByteInterner.words(key, readable: readable)
    let meta = ByteInterner.meta(h, length: key.count)
    var slot = Int(truncatingIfNeeded: h) & mask
    let found: Int? = slots.withUnsafeBufferPointer { s in
      while true {
        let m = s[2 &* slot]
        if m == 0 { return nil }
        if m & ByteInterner.metaMask == meta, s[2 &* slot &+ 1] == prefix {
          let k = Int(truncatingIfNeeded: m & 0xFFFF_FFFF) &- 1
          if key.count <= 8 { return k }
          if key.count <= 16 {
            if wide.withUnsafeBufferPointer({ $0[slot] }) == second { return k }
          } else if equal(k, key) {
            return k
          }
        }
        slot = (slot &+ 1) & mask
      }
    }
    if let found { return (found, false) }
    let k = keyOffset.count
    keyOffset.append(arena.count)
    arena.append(contentsOf: key)
    keyLength.append(Int32(key.count))
    slots[2 * slot] = meta | UInt64(k + 1)
    slots[2 * slot + 1] = prefix
    wide[slot] = second
    if keyOffset.count * 4 > (mask + 1) * 3 { grow() }
    return (k, true)
  }

  /// Reads the slot where the probe for each of the `n` keys `key(j)` starts, all before any
  /// of them is interned.
  ///
  /// With 20,000 customers the table outgrows the core's cache while a file streams
  /// through it, and each intern waited for its slot from memory in turn (four fifths of
  /// the interning's time); these reads do not depend on one another, so they are under way
  /// together, and the interns that follow find their slots cached.
  @inline(__always)
  mutating func warm(_ n: Int, _ key: (Int) -> UnsafeBufferPointer<UInt8>) {
    withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { slot in
      for j in 0..<n { slot[j] = Int(truncatingIfNeeded: ByteInterner.hash(key(j))) & mask }
      // A loop of nothing but the reads, so that all of them fit in the processor's window.
      var seen: UInt64 = 0
      slots.withUnsafeBufferPointer { s in
        for j in 0..<n { seen |= s[2 &* slot[j]] }
      }
      // Kept, so that the reads are made.
      warmed = seen
    }
  }

  /// Interns every key of `other` in `other`'s numbering order and returns, for each of
  /// `other`'s key numbers, the number the key has here.
  ///
  /// Keys new to `self` are numbered in the order they had in `other`, so absorbing the
  /// interners of consecutive parts of a file, in file order, numbers every key by its first
  /// appearance in the whole file. A returned number `>= count` before the call marks a key
  /// that was new.
  mutating func absorb(_ other: ByteInterner) -> [Int32] {
    var codes: [Int32] = []
    codes.reserveCapacity(other.count)
    for k in 0..<other.count {
      let index = other.withKey(k) { intern($0).index }
      codes.append(Int32(truncatingIfNeeded: index))
    }
    return codes
  }

  /// The key numbered `k`, as text.
  func string(_ k: Int) -> String {
    withKey(k) { String(decoding: $0, as: UTF8.self) }
  }

  /// Every key in order of first appearance.
  var strings: [String] { (0..<count).map(string) }

  @inline(__always)
  private func withKey<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    let o = keyOffset[k]
    let n = Int(keyLength[k])
    return arena.withUnsafeBufferPointer { a in
      body(UnsafeBufferPointer(rebasing: a[o..<(o + n)]))
    }
  }

  /// True when key `k` is `key` (whose first 8 bytes are already known to match).
  private func equal(_ k: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    guard Int(keyLength[k]) == key.count else { return false }
    return withKey(k) { stored in
      guard let a = stored.baseAddress, let b = key.baseAddress else { return true }
      return memcmp(a + 8, b + 8, key.count - 8) == 0
    }
  }

  private mutating func grow() {
    let size = (mask + 1) * 2
    var fresh = [UInt64](repeating: 0, count: 2 * size)
    var freshWide = [UInt64](repeating: 0, count: size)
    let m = size - 1
    for k in 0..<keyOffset.count {
      let (h, prefix, second, n) = withKey(k) { key in
        let prefix = ByteInterner.prefix(key)
        return (
          ByteInterner.hash(key, prefix: prefix), prefix, ByteInterner.secondWord(key), key.count
        )
      }
      var slot = Int(truncatingIfNeeded: h) & m
      while fresh[2 * slot] != 0 { slot = (slot + 1) & m }
      fresh[2 * slot] = ByteInterner.meta(h, length: n) | UInt64(k + 1)
      fresh[2 * slot + 1] = prefix
      freshWide[slot] = second
    }
    slots = fresh
    wide = freshWide
    mask = m
  }

  // MARK: - Hashing

  /// The bits of a slot's first word that identify a key: hash tag and length.
  private static let metaMask: UInt64 = 0xFFFF_FFFF_0000_0000

  /// The high 24 bits of `h` and the length capped at 255, in the high half of a word.
  @inline(__always)
  private static func meta(_ h: UInt64, length n: Int) -> UInt64 {
    (h & 0xFFFF_FF00_0000_0000) | UInt64(min(n, 255)) << 32
  }

  /// Bytes 8..<16 of a key of 9 to 16 bytes as a little-endian word, zero-padded; 0 for
  /// other keys.
  @inline(__always)
  private static func secondWord(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    guard let p = key.baseAddress, key.count > 8, key.count <= 16 else { return 0 }
    return tail(p + 8, count: key.count - 8)
  }

  /// `prefix(key)`, `secondWord(key)` and `hash(key)`.
  ///
  /// For keys of up to 16 bytes with 16 bytes readable, without a branch on the length:
  /// two whole words are loaded and masked. Category levels vary in length from row to row;
  /// interning an industry column (6 to 13 bytes) of 500,000 rows took 27 ms on one core
  /// through the length-dependent loads of the general path, 25 ms this way.
  @inline(__always)
  private static func words(_ key: UnsafeBufferPointer<UInt8>, readable: Int) -> (
    prefix: UInt64, second: UInt64, hash: UInt64
  ) {
    let n = key.count
    guard let p = key.baseAddress, n <= 16, readable >= 16 else {
      let prefix = prefix(key)
      return (prefix, secondWord(key), hash(key, prefix: prefix))
    }
    let raw = UnsafeRawPointer(p)
    let w0 = raw.loadUnaligned(as: UInt64.self) & lowBytes(n)
    let w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) & lowBytes(n - 8)
    // The same value as `hash`: the words of the key, the last one zero-padded.
    var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(n)
    let h0 = mix(h, w0)
    h = n > 0 ? h0 : h
    let h1 = mix(h, w1)
    h = n > 8 ? h1 : h
    h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
    return (w0, n > 8 ? w1 : 0, h ^ (h >> 32))
  }

  /// A word with the low `k` bytes set (none for `k <= 0`, all for `k >= 8`).
  @inline(__always)
  private static func lowBytes(_ k: Int) -> UInt64 {
    (1 << UInt64(8 * max(k, 0))) &- 1
  }

  /// One step of `hash`.
  @inline(__always)
  private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
    let x = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
    return x ^ (x >> 29)
  }

  /// The first 8 bytes of `key` as a little-endian word, zero-padded when shorter.
  @inline(__always)
  static func prefix(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    guard let p = key.baseAddress else { return 0 }
    if key.count >= 8 { return UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }
    return tail(p, count: key.count)
  }

  /// The `n <= 8` bytes at `p` as a little-endian word: at most three loads instead of a
  /// loop over the bytes.
  @inline(__always)
  private static func tail(_ p: UnsafePointer<UInt8>, count n: Int) -> UInt64 {
    let raw = UnsafeRawPointer(p)
    if n == 8 { return raw.loadUnaligned(as: UInt64.self) }
    var w: UInt64 = 0
    var i = 0
    if n & 4 != 0 {
      w = UInt64(raw.loadUnaligned(as: UInt32.self))
      i = 4
    }
    if n & 2 != 0 {
      w |= UInt64(raw.loadUnaligned(fromByteOffset: i, as: UInt16.self)) << UInt64(i * 8)
      i += 2
    }
    if n & 1 != 0 { w |= UInt64(p[i]) << UInt64(i * 8) }
    return w
  }

  /// A fast multiplicative hash over 8-byte words (keys are short ids; quality is ample).
  @inline(__always)
  static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    hash(key, prefix: prefix(key))
  }

  /// `hash(key)` given `prefix(key)`, which for keys under 8 bytes is their only word.
  @inline(__always)
  private static func hash(_ key: UnsafeBufferPointer<UInt8>, prefix: UInt64) -> UInt64 {
    let n = key.count
    var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(n)
    if n < 8 {
      if n > 0 {
        h = (h ^ prefix) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
      }
    } else if let p = key.baseAddress {
      let raw = UnsafeRawPointer(p)
      var i = 0
      while i + 8 <= n {
        h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        i += 8
      }
      if i < n {
        h = (h ^ tail(p + i, count: n - i)) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
      }
    }
    h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
    return h ^ (h >> 32)
  }
}
