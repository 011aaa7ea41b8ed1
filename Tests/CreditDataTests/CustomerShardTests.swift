import CreditData
import Testing

/// The customer hash that splits a history into shards.
@Suite struct CustomerShardTests {
  /// FNV-1a 64 reference values (the first two from the algorithm's published test vectors;
  /// the others from Python: h = ((h ^ b) * 0x100000001b3) mod 2⁶⁴ over the UTF-8 bytes).
  @Test func hashMatchesFNV1a() {
    #expect(CustomerShard.hash("") == 0xcbf2_9ce4_8422_2325)
    #expect(CustomerShard.hash("a") == 0xaf63_dc4c_8601_ec8c)
    #expect(CustomerShard.hash("C0001") == 0xbd38_bf29_45bb_bd65)
    #expect(CustomerShard.hash("Müller GmbH") == 0x14a0_4e40_1ac2_8506)
    #expect(CustomerShard.index(of: "C0001", count: 7) == 5)
    #expect(CustomerShard.index(of: "Müller GmbH", count: 7) == 1)
  }

  @Test func everyCustomerIsInExactlyOneShard() {
    let ids = (0..<500).map { "C\($0)" }
    for n in [1, 3, 5] {
      let shards = (0..<n).map { CustomerShard(index: $0, count: n) }
      for id in ids { #expect(shards.filter { $0.contains(id) }.count == 1) }
      // Every shard gets some of 500 customers.
      for s in shards { #expect(ids.contains { s.contains($0) }) }
    }
  }

  @Test func parsesOneBasedArgument() {
    #expect(CustomerShard(argument: "2/5") == CustomerShard(index: 1, count: 5))
    #expect(CustomerShard(argument: "1/1")?.description == "1/1")
    for bad in ["0/5", "6/5", "1/0", "a/b", "3", "1/2/3", "/2", ""] {
      #expect(CustomerShard(argument: bad) == nil)
    }
  }
}
