/// Yes/no field values, read without regard to case or locale.
///
/// True: `1`, `true`, `t`, `yes`, `y`, `ja`, and SAP's checkbox `X`. False: `0`, `false`,
/// `f`, `no`, `n`, `nein`, and the empty field. With `paperless` set (the `paperless` column), also `Electronic` = true and
/// `Paper` = false, as in ERP exports that name the delivery channel instead of a flag.
enum FlagParser {
  /// What a yes/no field should look like, for error messages.
  static func expectation(paperless: Bool) -> String {
    "is not a yes/no value; expected 1/0, true/false, yes/no, y/n, t/f or X/empty"
      + (paperless ? " (or Electronic/Paper)" : "")
  }

  /// The flag in `f` (already trimmed), or nil when it is not one of the accepted words.
  @inline(__always)
  static func parse(_ f: UnsafeBufferPointer<UInt8>, paperless: Bool) -> Bool? {
    guard let p = f.baseAddress, !f.isEmpty else { return false }
    let n = f.count
    if n == 1 {
      if p[0] == UInt8(ascii: "1") { return true }
      if p[0] == UInt8(ascii: "0") { return false }
      switch p[0] | 0x20 {
      case UInt8(ascii: "t"), UInt8(ascii: "y"), UInt8(ascii: "x"): return true
      case UInt8(ascii: "f"), UInt8(ascii: "n"): return false
      default: return nil
      }
    }
    if equals(p, n, "true") || equals(p, n, "yes") || equals(p, n, "ja") { return true }
    if equals(p, n, "false") || equals(p, n, "no") || equals(p, n, "nein") { return false }
    if paperless {
      if equals(p, n, "electronic") { return true }
      if equals(p, n, "paper") { return false }
    }
    return nil
  }

  @inline(__always)
  private static func equals(_ p: UnsafePointer<UInt8>, _ n: Int, _ word: StaticString) -> Bool {
    guard n == word.utf8CodeUnitCount else { return false }
    let w = word.utf8Start
    for i in 0..<n where p[i] | 0x20 != w[i] { return false }
    return true
  }
}
