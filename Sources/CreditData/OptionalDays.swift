/// A column of days some of which are missing (an open invoice's payment date), in 4 bytes a
/// row: a missing day is stored as `OptionalDays.missing`.
///
/// `[Day?]` takes 8 bytes a row (a 4-byte day and its flag, padded), 80 MB at 10M invoices; this
/// column reads and writes as a collection of `Day?` in half that.
public struct OptionalDays: RandomAccessCollection, MutableCollection, Hashable, Sendable,
  ExpressibleByArrayLiteral
{
  /// The stored value of a missing day; no date a file or an option can give is this far back.
  public static let missing = Day(rawValue: Int32.min)

  /// The days, `OptionalDays.missing` where a day is missing.
  public var storage: [Day]

  /// A column whose days are `storage`'s, `OptionalDays.missing` marking a missing one.
  @inlinable public init(storage: [Day]) { self.storage = storage }

  /// An empty column.
  @inlinable public init() { storage = [] }

  @inlinable public init(_ days: some Sequence<Day?>) {
    storage = days.map { $0 ?? OptionalDays.missing }
  }

  @inlinable public init(arrayLiteral days: Day?...) { self.init(days) }

  @inlinable public init(repeating day: Day?, count: Int) {
    storage = [Day](repeating: day ?? OptionalDays.missing, count: count)
  }

  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { storage.count }

  @inlinable public subscript(i: Int) -> Day? {
    get {
      let day = storage[i]
      return day == OptionalDays.missing ? nil : day
    }
    set { storage[i] = newValue ?? OptionalDays.missing }
  }

  @inlinable public mutating func append(_ day: Day?) {
    storage.append(day ?? OptionalDays.missing)
  }

  @inlinable public mutating func reserveCapacity(_ n: Int) { storage.reserveCapacity(n) }
}
