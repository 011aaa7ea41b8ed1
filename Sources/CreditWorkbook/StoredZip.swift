/// A ZIP archive of stored (uncompressed) entries, written by hand.
///
/// ZIPFoundation's writer would do, but it links zlib into every run of the program for its
/// deflate code, and that extra mapping breaks the runs under a tight `ulimit -v` (150 MiB).
/// A workbook of a few tables needs neither compression nor ZIP64: entries are stored with
/// their CRC-32, dated 1980-01-01 00:00 (the same inputs give the same bytes).
enum StoredZip {
  /// The size of the archive of entries whose paths and contents have these UTF-8 byte
  /// counts: each entry's local header (30 bytes and its path), its contents and its central
  /// record (46 bytes and its path), then the end record (22 bytes).
  static func size(of entries: [(path: Int, contents: Int)]) -> Int {
    entries.reduce(22) { $0 + 30 + 46 + 2 * $1.path + $1.contents }
  }

  /// The archive of `entries` (path, contents), in this order.
  /// - Precondition: every entry and the whole archive stay below 4 GiB.
  static func archive(_ entries: [(path: String, bytes: [UInt8])]) -> [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    for (path, bytes) in entries {
      precondition(bytes.count < Int(UInt32.max) && out.count < Int(UInt32.max), "too large")
      let name = Array(path.utf8)
      let crc = crc32(bytes)
      let offset = UInt32(out.count)
      // Local file header.
      append32(0x0403_4B50, to: &out)
      append16(20, to: &out)  // version needed: 2.0
      append16(0x0800, to: &out)  // flags: names in UTF-8
      append16(0, to: &out)  // stored
      append16(0, to: &out)  // time 00:00
      append16(0x21, to: &out)  // date 1980-01-01
      append32(crc, to: &out)
      append32(UInt32(bytes.count), to: &out)
      append32(UInt32(bytes.count), to: &out)
      append16(UInt16(name.count), to: &out)
      append16(0, to: &out)
      out += name
      out += bytes
      // Its central directory record.
      append32(0x0201_4B50, to: &central)
      append16(20, to: &central)  // made by: 2.0
      append16(20, to: &central)
      append16(0x0800, to: &central)
      append16(0, to: &central)
      append16(0, to: &central)
      append16(0x21, to: &central)
      append32(crc, to: &central)
      append32(UInt32(bytes.count), to: &central)
      append32(UInt32(bytes.count), to: &central)
      append16(UInt16(name.count), to: &central)
      append16(0, to: &central)  // extra
      append16(0, to: &central)  // comment
      append16(0, to: &central)  // disk
      append16(0, to: &central)  // internal attributes
      append32(0, to: &central)  // external attributes
      append32(offset, to: &central)
      central += name
    }
    let start = UInt32(out.count)
    out += central
    // End of central directory.
    append32(0x0605_4B50, to: &out)
    append16(0, to: &out)
    append16(0, to: &out)
    append16(UInt16(entries.count), to: &out)
    append16(UInt16(entries.count), to: &out)
    append32(UInt32(central.count), to: &out)
    append32(start, to: &out)
    append16(0, to: &out)
    return out
  }

  static func append16(_ v: UInt16, to out: inout [UInt8]) {
    out.append(UInt8(v & 0xFF))
    out.append(UInt8(v >> 8))
  }

  static func append32(_ v: UInt32, to out: inout [UInt8]) {
    for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((v >> UInt32(shift)) & 0xFF)) }
  }

  /// CRC-32 of ZIP (IEEE 802.3, reflected polynomial 0xEDB88320).
  static let table: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    return c ^ 0xFFFF_FFFF
  }
}
