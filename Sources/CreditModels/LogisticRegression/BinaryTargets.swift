/// The 0/1 outcomes of a logistic fit and their sample weights.
///
/// Given as Doubles (any non-negative weights), or, when every weight is 0 or 1, as two bits
/// of a byte a row: 1 byte a row instead of 16 (a training sample's delinquency targets, the
/// rows whose outcome is not known yet weighing 0). A fit or a metric reads the same 0 and 1
/// either way, so it gives the same numbers to the bit.
public struct BinaryTargets: Sendable {
  enum Storage: Sendable {
    case values(y: [Double], weights: [Double]?)
    case bits([UInt8], outcome: UInt8, weight: UInt8)
  }
  let storage: Storage

  /// Outcomes `y` (each 0 or 1) with weights (nil: all 1).
  public init(_ y: [Double], weights: [Double]? = nil) {
    storage = .values(y: y, weights: weights)
  }

  /// Row i's outcome is 1 where `bits[i] & outcome` is not zero, its weight 1 where
  /// `bits[i] & weight` is not zero (else 0).
  public init(bits: [UInt8], outcome: UInt8, weight: UInt8) {
    precondition(outcome != 0 && weight != 0, "a bit for each")
    storage = .bits(bits, outcome: outcome, weight: weight)
  }

  /// Number of rows.
  public var count: Int {
    switch storage {
    case .values(let y, _): y.count
    case .bits(let bits, _, _): bits.count
    }
  }

  /// The outcomes as Doubles (made, for bits).
  public var outcomes: [Double] {
    switch storage {
    case .values(let y, _): y
    case .bits(let bits, let outcome, _): bits.map { $0 & outcome != 0 ? 1 : 0 }
    }
  }

  /// The weights as Doubles, nil when they are all 1 (made, for bits).
  public var weights: [Double]? {
    switch storage {
    case .values(_, let weights): weights
    case .bits(let bits, _, let weight): bits.map { $0 & weight != 0 ? 1 : 0 }
    }
  }

  /// The first row of positive weight (0 when there is none).
  var firstWeighted: Int {
    withRows { rows in (0..<rows.count).first { rows.weight($0) > 0 } ?? 0 }
  }

  /// Calls `body` with the rows read in place.
  package func withRows<R>(_ body: (Rows) -> R) -> R {
    switch storage {
    case .values(let y, let weights):
      return y.withUnsafeBufferPointer { ys in
        withOptionalPointer(weights) { ws in
          body(Rows(count: ys.count, values: ys.baseAddress, weights: ws, bits: nil))
        }
      }
    case .bits(let bits, let outcome, let weight):
      return bits.withUnsafeBufferPointer { bs in
        body(
          Rows(
            count: bs.count, values: nil, weights: nil, bits: bs.baseAddress,
            outcomeBit: outcome, weightBit: weight))
      }
    }
  }

  /// The outcome and weight of each row, read where they are (valid inside `withRows`).
  package struct Rows {
    package let count: Int
    let values: UnsafePointer<Double>?
    let weights: UnsafePointer<Double>?
    let bits: UnsafePointer<UInt8>?
    var outcomeBit: UInt8 = 0
    var weightBit: UInt8 = 0

    /// Whether every weight is 0 or 1.
    var zeroOrOneWeights: Bool {
      guard bits == nil, let weights else { return true }
      return (0..<count).allSatisfy { weights[$0] == 0 || weights[$0] == 1 }
    }

    @inline(__always)
    package func outcome(_ i: Int) -> Double {
      if let bits { return bits[i] & outcomeBit != 0 ? 1 : 0 }
      return values.unsafelyUnwrapped[i]
    }

    @inline(__always)
    package func weight(_ i: Int) -> Double {
      if let bits { return bits[i] & weightBit != 0 ? 1 : 0 }
      return weights?[i] ?? 1
    }
  }
}
