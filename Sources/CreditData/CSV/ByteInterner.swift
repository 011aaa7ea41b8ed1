/// An open-addressing hash set of byte strings that numbers each distinct key in order of
/// first appearance.
///
/// Used to intern customer ids and category levels and to find duplicate invoice ids without
/// creating a `String` (and hashing it with SipHash) per row. Keys are copied into one
/// compact arena, so comparisons stay in cache for the small sets of repeated keys this is
/// used for (customer ids, category levels); mostly-distinct keys such as invoice ids go
/// through `DuplicateFinder` instead. Each slot holds the key number and the high
/// 32 bits of its hash, so most mismatches are rejected without touching the key bytes.
/// The load factor stays at most 3/4.
struct ByteInterner {
  private var arena: [UInt8] = []
  /// Offset of each key in `arena`.
  private var keyOffset: [Int] = []
  private var keyLength: [Int32] = []
  /// High 32 bits: hash tag; low 32 bits: key number + 1 (0 = empty slot).
  private var slots: [UInt64]
  private var mask: Int

  /// Number of distinct keys.
  var count: Int { keyOffset.count }

  init(expectedCount: Int = 16) {
    var size = 16
    while size * 3 < expectedCount * 4 { size <<= 1 }
    slots = [UInt64](repeating: 0, count: size)
    mask = size - 1
    keyOffset.reserveCapacity(expectedCount)
    keyLength.reserveCapacity(expectedCount)
  }

  /// The number of `key`, inserting it if new.
  @inline(__always)
  mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
    let h = ByteInterner.hash(key)
    let tag = h & 0xFFFF_FFFF_0000_0000
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[slot]
      if s == 0 { break }
      if s & 0xFFFF_FFFF_0000_0000 == tag {
        let k = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
        if equal(k, key) { return (k, false) }
      }
      slot = (slot + 1) & mask
    }
    let k = keyOffset.count
    keyOffset.append(arena.count)
    arena.append(contentsOf: key)
    keyLength.append(Int32(key.count))
    slots[slot] = tag | UInt64(k + 1)
    if keyOffset.count * 4 > slots.count * 3 { grow() }
    return (k, true)
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

  @inline(__always)
  private func equal(_ k: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    guard Int(keyLength[k]) == key.count else { return false }
    return withKey(k) { stored in
      guard let a = stored.baseAddress, let b = key.baseAddress else { return true }
      var i = 0
      while i < key.count {
        if a[i] != b[i] { return false }
        i += 1
      }
      return true
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    var fresh = [UInt64](repeating: 0, count: size)
    let m = size - 1
    for k in 0..<keyOffset.count {
      let h = withKey(k) { ByteInterner.hash($0) }
      var slot = Int(truncatingIfNeeded: h) & m
      while fresh[slot] != 0 { slot = (slot + 1) & m }
      fresh[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(k + 1)
    }
    slots = fresh
    mask = m
  }

  /// A fast multiplicative hash over 8-byte words (keys are short ids; quality is ample).
  @inline(__always)
  static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    guard let p = key.baseAddress else { return 0x9E37_79B9_7F4A_7C15 }
    let raw = UnsafeRawPointer(p)
    let n = key.count
    var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(n)
    var i = 0
    while i + 8 <= n {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
      h ^= h >> 29
      i += 8
    }
    if i < n {
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while i < n {
        tail |= UInt64(p[i]) << shift
        shift += 8
        i += 1
      }
      h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
      h ^= h >> 29
    }
    h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
    return h ^ (h >> 32)
  }
}
