/// SplitMix64, the 64-bit generator used to expand one seed into independent state words.
///
/// Steele, Lea & Flood (2014), as recommended by Vigna for seeding the xoshiro family: every
/// output is a bijective mix of a Weyl sequence, so nearby seeds give unrelated streams and the
/// all-zero state that xoshiro must avoid cannot come out four times in a row.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The Weyl-sequence counter.
  public var state: UInt64

  /// A generator that starts from `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// The SplitMix64 finaliser: a bijection on `UInt64` with full avalanche.
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
