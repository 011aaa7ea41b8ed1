/// xoshiro256**, a fast seedable 64-bit generator (Blackman & Vigna, 2018).
///
/// The simulator needs a generator it can seed: Swift's `SystemRandomNumberGenerator` is not
/// seedable, and the standard library's algorithms behind `random(in:using:)` may change between
/// toolchains. Every draw the simulator makes therefore goes through this type and the
/// distributions in `Xoshiro256StarStar+Distributions.swift`, whose algorithms are fixed here.
///
/// Streams: `init(seed:stream:)` derives an independent generator for each (seed, stream) pair,
/// so work split by customer gives the same numbers whatever the number of threads.
///
/// - Complexity: O(1) per draw, 32 bytes of state.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64
  /// The second normal deviate of the last Box-Muller pair, if not used yet.
  var spareNormal: Double?

  /// A generator whose state is four SplitMix64 outputs from `seed`.
  public init(seed: UInt64) {
    var expander = SplitMix64(seed: seed)
    s0 = expander.next()
    s1 = expander.next()
    s2 = expander.next()
    s3 = expander.next()
    spareNormal = nil
  }

  /// An independent generator for sub-stream `stream` of `seed` (for example one per customer).
  public init(seed: UInt64, stream: UInt64) {
    // Mix the stream number before combining it so consecutive streams start far apart.
    self.init(seed: SplitMix64.mix(seed) ^ SplitMix64.mix(stream &+ 0xD1B5_4A32_D192_ED03))
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = Xoshiro256StarStar.rotateLeft(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = Xoshiro256StarStar.rotateLeft(s3, 45)
    return result
  }

  private static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }
}
