/// An open-addressing hash set of byte strings that numbers each distinct key in order of
/// first appearance.
///
/// Used to intern customer ids and category levels and to find duplicate invoice ids without
/// creating a `String` (and hashing it with SipHash) per row. Keys are copied into one arena;
/// the table keeps its load factor at most 1/2.
struct ByteInterner {
  private var arena: [UInt8] = []
  private var keyStart: [Int] = []
  private var keyLength: [Int32] = []
  private var keyHash: [UInt64] = []
  /// Slot -> key number + 1 (0 = empty).
  private var slots: [Int32]
  private var mask: Int

  /// Number of distinct keys.
  var count: Int { keyStart.count }

  init(expectedCount: Int = 16) {
    var size = 16
    while size < expectedCount * 2 { size <<= 1 }
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
    keyStart.reserveCapacity(expectedCount)
    keyLength.reserveCapacity(expectedCount)
    keyHash.reserveCapacity(expectedCount)
  }

  /// The number of `key`, inserting it if new.
  @inline(__always)
  mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
    let h = ByteInterner.hash(key)
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[slot]
      if s == 0 { break }
      let k = Int(s) - 1
      if keyHash[k] == h, equal(k, key) { return (k, false) }
      slot = (slot + 1) & mask
    }
    let k = keyStart.count
    keyStart.append(arena.count)
    keyLength.append(Int32(key.count))
    keyHash.append(h)
    arena.append(contentsOf: key)
    slots[slot] = Int32(k + 1)
    if keyStart.count * 2 > slots.count { grow() }
    return (k, true)
  }

  /// The key numbered `k`, as text.
  func string(_ k: Int) -> String {
    let s = keyStart[k]
    return String(decoding: arena[s..<s + Int(keyLength[k])], as: UTF8.self)
  }

  /// Every key in order of first appearance.
  var strings: [String] { (0..<count).map(string) }

  @inline(__always)
  private func equal(_ k: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    guard Int(keyLength[k]) == key.count else { return false }
    let s = keyStart[k]
    return arena.withUnsafeBufferPointer { a in
      guard let ap = a.baseAddress, let kp = key.baseAddress else { return key.isEmpty }
      return memcmpBytes(ap + s, kp, key.count)
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
    for k in 0..<keyStart.count {
      var slot = Int(truncatingIfNeeded: keyHash[k]) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(k + 1)
    }
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

@inline(__always)
private func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
  var i = 0
  while i < n {
    if a[i] != b[i] { return false }
    i += 1
  }
  return true
}
