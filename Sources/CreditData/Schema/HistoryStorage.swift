/// The columns of a history under construction: uninitialized array storage that the chunks
/// of a pass write in place, each at its own row offset.
///
/// Writing every row straight into the arrays the history keeps, rather than into columns
/// per chunk that are then appended one after the other, saves the copy of the later
/// chunks' rows (on one thread: 17-20 ms for a 1M-row file) and the page faults of the
/// memory copied into (fresh memory costs about 35 ms per 100 MB in page faults on the
/// project's machine).
struct HistoryStorage {
  let customer: UnsafeMutablePointer<Int32>
  /// Issue and due dates: days, or packed slash dates (see `RawDateColumn`) until their
  /// order is decided; an empty due or payment date is `HistoryStorage.noDay`.
  let issue: UnsafeMutablePointer<Day>
  let due: UnsafeMutablePointer<Day>
  let paid: UnsafeMutablePointer<Day>
  let terms: UnsafeMutablePointer<Int32>
  let amount: UnsafeMutablePointer<Double>
  let currency: UnsafeMutablePointer<Int32>
  let region: UnsafeMutablePointer<Int32>
  let industry: UnsafeMutablePointer<Int32>
  let disputed: UnsafeMutablePointer<Bool>
  let paperless: UnsafeMutablePointer<Bool>
  let writtenOff: UnsafeMutablePointer<Bool>
  let limit: UnsafeMutablePointer<Double>
  let open: UnsafeMutablePointer<Double>
  let line: UnsafeMutablePointer<Int32>

  /// Marks an empty due or payment date (no real or packed date is negative this far): the
  /// payment dates become the history's `OptionalDays` as they are.
  static let noDay = OptionalDays.missing

  /// The finished columns; those the file does not have are empty.
  struct Arrays {
    var customer: [Int32] = []
    var issue: [Day] = []
    var due: [Day] = []
    var paid: [Day] = []
    var terms: [Int32] = []
    var amount: [Double] = []
    var currency: [Int32] = []
    var region: [Int32] = []
    var industry: [Int32] = []
    var disputed: [Bool] = []
    var paperless: [Bool] = []
    var writtenOff: [Bool] = []
    var limit: [Double] = []
    var open: [Double] = []
    var line: [Int32] = []

    /// Stores `columns`, one for each key path, in the order given.
    mutating func set<T>(_ paths: [WritableKeyPath<Arrays, [T]>], _ columns: [[T]]) {
      precondition(paths.count == columns.count, "one column per key path")
      for (path, column) in zip(paths, columns) { self[keyPath: path] = column }
    }
  }

  /// Calls `fill` with storage for `capacity` rows and returns the columns holding the
  /// number of rows it returns.
  ///
  /// `fill` must initialize rows `0..<count` of every column the file has (the invoice ids are
  /// not among them: `HistoryRows` collects those).
  static func build<R>(
    capacity m: Int, _ columns: HistoryColumns,
    _ fill: (HistoryStorage) throws -> (count: Int, result: R)
  ) throws -> (Arrays, R) {
    var a = Arrays()
    var result: R?
    // One nested `Array(unsafeUninitializedCapacity:)` per column type, so that every
    // column is written in place and only `fill`'s row count is marked initialized.
    let int32 = [
      m, columns.terms >= 0 ? m : 0, columns.currency >= 0 ? m : 0,
      columns.region >= 0 ? m : 0, columns.industry >= 0 ? m : 0, m,
    ]
    let (ints, _) = try columnsOf(Int32.self, int32) { i32 in
      let (days, count) = try columnsOf(Day.self, [m, m, m]) { days in
        let limit = columns.limit >= 0 ? m : 0
        let open = columns.open >= 0 ? m : 0
        let (doubles, count) = try columnsOf(Double.self, [m, limit, open]) { doubles in
          let (flags, count) = try columnsOf(Bool.self, [m, m, m]) { flags in
            let storage = HistoryStorage(
              customer: i32[0], issue: days[0], due: days[1], paid: days[2],
              terms: i32[1], amount: doubles[0], currency: i32[2], region: i32[3],
              industry: i32[4], disputed: flags[0], paperless: flags[1],
              writtenOff: flags[2], limit: doubles[1], open: doubles[2], line: i32[5])
            let (count, r) = try fill(storage)
            result = r
            return count
          }
          a.set([\.disputed, \.paperless, \.writtenOff], flags)
          return count
        }
        a.set([\.amount, \.limit, \.open], doubles)
        return count
      }
      a.set([\.issue, \.due, \.paid], days)
      return count
    }
    a.set([\.customer, \.terms, \.currency, \.region, \.industry, \.line], ints)
    guard let result else { preconditionFailure("fill did not run") }
    return (a, result)
  }

  /// Arrays of `T` (plain values: nothing to release) with the given capacities, nested
  /// around `body`, which gets their storage and returns the row count; a column of capacity
  /// 0 (absent from the file) ends up empty.
  private static func columnsOf<T>(
    _ type: T.Type, _ capacities: [Int], _ body: ([UnsafeMutablePointer<T>]) throws -> Int
  ) throws -> ([[T]], Int) {
    var pointers: [UnsafeMutablePointer<T>] = []
    var arrays: [[T]] = []
    var count = 0
    func nest(_ k: Int) throws {
      guard k < capacities.count else {
        count = try body(pointers)
        return
      }
      let array = try [T](unsafeUninitializedCapacity: max(capacities[k], 1)) { buffer, n in
        guard let p = buffer.baseAddress else { preconditionFailure("no storage") }
        pointers.append(p)
        try nest(k + 1)
        n = capacities[k] > 0 ? count : 0
      }
      arrays.append(array)
    }
    try nest(0)
    return (arrays.reversed(), count)
  }
}
