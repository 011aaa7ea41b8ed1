import CreditData
import TestSupport
import Testing

@Suite struct DecimalParsingTests {
  /// The fast path and its fallback must agree bit for bit with `Double(String)`.
  @Test func agreesWithStandardLibraryOnRandomDecimals() throws {
    var rng = SplitMix(seed: 42)
    var texts: [String] = []
    for _ in 0..<20_000 {
      let digits = Int(rng.next() % 20) + 1
      var s = rng.next() % 4 == 0 ? "-" : ""
      let dot = Int(rng.next() % UInt64(digits + 1))
      for k in 0..<digits {
        if k == dot { s += "." }
        s += String(rng.next() % 10)
      }
      if rng.next() % 5 == 0 { s += "e" + String(Int(rng.next() % 60) - 30) }
      if s.last == "." || s.hasSuffix("-.") { s += "5" }
      texts.append(s)
    }
    let table = try CSVTable(
      bytes: csvBytes("x\n" + texts.joined(separator: "\n") + "\n"), fileName: "n.csv")
    let parsed = try table.numbers(column: 0)
    for (text, value) in zip(texts, parsed) {
      let expected = try #require(Double(text), "\(text)")
      #expect(value.bitPattern == expected.bitPattern, "\(text)")
    }
  }

  @Test(arguments: ["1,234.56", "inf", "nan", "0x1p3", "1e", "--1", ".", "1.2.3", "12 34"])
  func rejectsNonDecimals(text: String) throws {
    let table = try CSVTable(bytes: csvBytes("x\n\"\(text)\"\n"), fileName: "n.csv")
    #expect(throws: DataError.self) { try table.numbers(column: 0) }
  }
}

/// A small deterministic generator for test inputs.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
