import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// Each row's log duration, as a Weibull fit reads it: from an array of the logs, or, for
/// durations in whole days, from a table of each day's log through the days where the
/// caller keeps them (no array of n logs).
struct LogDurations: Sendable {
  /// The logs, or the whole days.
  private let values: [Double]
  /// With days: `log(max(day, floor))` for each day from 0 to the largest; else nil.
  private let table: [Double]?

  /// The logs themselves.
  init(logs: [Double]) {
    values = logs
    table = nil
  }

  /// The logs of `max(days[i], floor)`; nil unless every day is a whole number from 0 to
  /// 2²⁰.
  init?(days: [Double], atLeast floor: Double) {
    guard let top = days.max(), top <= Double(1 << 20),
      days.allSatisfy({ $0 >= 0 && $0.rounded(.towardZero) == $0 })
    else { return nil }
    values = days
    table = (0...Int(top)).map { log(max(Double($0), floor)) }
  }

  /// Row `i`'s log duration.
  subscript(i: Int) -> Double { table.map { $0[Int(values[i])] } ?? values[i] }

  /// Calls `body` with a reader of the rows' logs.
  func withRows<R>(_ body: (Rows) throws -> R) rethrows -> R {
    try values.withUnsafeBufferPointer { v in
      guard let table else { return try body(Rows(values: v.start, table: nil)) }
      return try table.withUnsafeBufferPointer { try body(Rows(values: v.start, table: $0.start)) }
    }
  }

  /// The rows' logs where they are.
  struct Rows {
    let values: UnsafePointer<Double>
    let table: UnsafePointer<Double>?

    /// Row `i`'s log duration.
    @inline(__always) subscript(i: Int) -> Double {
      if let table { return table[Int(values[i])] }
      return values[i]
    }
  }
}
