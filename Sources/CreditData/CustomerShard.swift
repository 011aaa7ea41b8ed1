/// Which of `count` shards a customer belongs to, the same in every command that splits a
/// history by customer (`score --shard`, `train --shard`).
///
/// ```
/// h = FNV-1a 64(UTF-8 bytes of customer_id)   offset 0xcbf29ce484222325, prime 0x100000001b3
/// shard = h mod count                        (0-based; `--shard i/n` takes i in 1...n)
/// ```
///
/// Plain FNV-1a over the id's bytes, so any language can reproduce it (a Spark job that
/// partitions a history the same way, say), on the id as the loader reads it: the field
/// without the spaces and tabs around it. All of a customer's invoices land in one shard,
/// which is what makes its point-in-time features exact there.
public struct CustomerShard: Sendable, Equatable {
  /// This shard, 0-based.
  public let index: Int
  /// How many shards there are.
  public let count: Int

  /// Shard `index` (0-based) of `count`.
  public init(index: Int, count: Int) {
    precondition(count >= 1 && (0..<count).contains(index), "shard index out of range")
    self.index = index
    self.count = count
  }

  /// Parses `i/n` with 1 ≤ i ≤ n (the command-line form; `index` is then i − 1).
  public init?(argument: String) {
    let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1,
      (1...n).contains(i)
    else { return nil }
    self.init(index: i - 1, count: n)
  }

  /// FNV-1a 64 of the id's UTF-8 bytes.
  public static func hash(_ customerID: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in customerID.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    return h
  }

  /// The 0-based shard of `customerID` among `count`.
  public static func index(of customerID: String, count: Int) -> Int {
    Int(hash(customerID) % UInt64(count))
  }

  /// Whether `customerID` belongs to this shard.
  public func contains(_ customerID: String) -> Bool {
    Self.index(of: customerID, count: count) == index
  }

  /// `i/n`, 1-based as on the command line.
  public var description: String { "\(index + 1)/\(count)" }
}
