import Parallelism

#if canImport(Glibc)
  import Glibc
#endif

/// Invoice ids as written (leading zeros kept), row `i` the id of invoice `i`: a collection of
/// `String`s held in one buffer.
///
/// A `[String]` keeps an id of up to 15 bytes in its 16-byte slot but a longer one in a heap
/// block of its own, about 80 bytes an id in all: 8 GB for 100M invoices whose ids are 16 bytes
/// (`INV-2024-00012345` is 17). When no id holds a zero byte, the ids are stored `width` bytes
/// each, zero-padded, `width` being the longest id's length; when the ids' lengths differ so
/// much that the padding would cost more than strings, they are kept as strings.
public struct InvoiceIDs: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
  enum Storage: Sendable {
    /// `count` ids of `width` bytes each, zero bytes after an id shorter than `width`.
    case padded(bytes: [UInt8], width: Int, count: Int)
    case strings([String])
  }

  private(set) var storage: Storage

  /// No ids.
  public init() { storage = .strings([]) }

  /// The ids of `ids`, kept as strings.
  public init(_ ids: some Sequence<String>) { storage = .strings(Array(ids)) }

  public init(arrayLiteral ids: String...) { self.init(ids) }

  public var startIndex: Int { 0 }
  public var endIndex: Int {
    switch storage {
    case .padded(_, _, let count): return count
    case .strings(let ids): return ids.count
    }
  }

  public subscript(i: Int) -> String {
    switch storage {
    case .strings(let ids): return ids[i]
    case .padded: return withUTF8(i) { String(decoding: $0, as: UTF8.self) }
    }
  }

  /// Calls `body` with the bytes of id `i`.
  func withUTF8<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    switch storage {
    case .strings(let ids):
      var id = ids[i]
      return id.withUTF8(body)
    case .padded(let bytes, let width, let count):
      precondition(i >= 0 && i < count, "invoice id index out of range")
      return bytes.withUnsafeBufferPointer { b in
        let start = i * width
        var end = start + width
        while end > start, b[end - 1] == 0 { end -= 1 }
        return body(UnsafeBufferPointer(rebasing: b[start..<end]))
      }
    }
  }

  /// The ids of `rows`, in their order, stored as these are.
  public func picking(_ rows: [Int]) -> InvoiceIDs {
    switch storage {
    case .strings(let ids): return InvoiceIDs(rows.map { ids[$0] })
    case .padded(let bytes, let width, _):
      var picked: [UInt8] = []
      picked.reserveCapacity(rows.count * width)
      for k in rows { picked.append(contentsOf: bytes[(k * width)..<((k + 1) * width)]) }
      return InvoiceIDs(storage: .padded(bytes: picked, width: width, count: rows.count))
    }
  }

  public static func == (a: InvoiceIDs, b: InvoiceIDs) -> Bool {
    a.count == b.count && a.indices.allSatisfy { a[$0] == b[$0] }
  }

  private init(storage: Storage) { self.storage = storage }
}

// MARK: - Reading

/// The invoice ids of a run of rows as they are read: their bytes one after the other and
/// their lengths (one byte a row; the rare id of 255 bytes or more has its length aside).
struct InvoiceIDRun {
  private(set) var bytes: [UInt8] = []
  private(set) var lengths: [UInt8] = []
  /// The lengths of ids of 255 bytes or more, by row (`lengths` holds 255 for them).
  private var longLengths: [Int: Int] = [:]
  /// The longest id's length.
  private(set) var longest = 0

  /// Room for `rows` ids of about `bytesPerID` bytes (address space: pages are only used as
  /// they are written).
  init(rows: Int, bytesPerID: Int) {
    bytes.reserveCapacity(rows * bytesPerID)
    lengths.reserveCapacity(rows)
  }

  var count: Int { lengths.count }

  @inline(__always) mutating func append(_ id: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: id)
    if id.count >= 255 { longLengths[lengths.count] = id.count }
    lengths.append(UInt8(truncatingIfNeeded: Swift.min(id.count, 255)))
    longest = Swift.max(longest, id.count)
  }

  /// Calls `body` with the bytes of each id in turn.
  func forEachID(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    bytes.withUnsafeBufferPointer { b in
      var start = 0
      for (row, short) in lengths.enumerated() {
        let length = short < 255 ? Int(short) : longLengths[row] ?? 0
        body(UnsafeBufferPointer(rebasing: b[start..<(start + length)]))
        start += length
      }
    }
  }
}

extension InvoiceIDs {
  /// The ids of `runs`, one after the other, padded to the longest when that costs no more
  /// than strings would (see the type's description) and no id holds a zero byte.
  init(_ runs: [InvoiceIDRun]) {
    let n = runs.reduce(0) { $0 + $1.count }
    let width = runs.reduce(0) { Swift.max($0, $1.longest) }
    let hasZero = runs.contains { run in
      run.bytes.withUnsafeBytes { b in b.baseAddress.map { memchr($0, 0, b.count) != nil } ?? false
      }
    }
    // A string's cost: its 16-byte slot, and above 15 bytes a heap block (a 32-byte header,
    // the bytes and a terminating zero, in 16-byte steps after malloc's 8).
    var stringCost = 16 * n
    if width > 15 {
      for run in runs {
        run.forEachID { id in
          if id.count > 15 { stringCost += (32 + id.count + 1 + 8 + 15) / 16 * 16 }
        }
      }
    }
    guard !hasZero, width * n <= stringCost else {
      var ids: [String] = []
      ids.reserveCapacity(n)
      for run in runs { run.forEachID { ids.append(String(decoding: $0, as: UTF8.self)) } }
      storage = .strings(ids)
      return
    }
    var firsts = [0]
    for run in runs { firsts.append((firsts.last ?? 0) + run.count) }
    let bytes = [UInt8](unsafeUninitializedCapacity: Swift.max(width * n, 1)) { out, initialized in
      guard let base = out.baseAddress else { preconditionFailure("no storage") }
      _ = Parallel.perform(runs.count) { r in
        var to = base + firsts[r] * width
        runs[r].forEachID { id in
          if let from = id.baseAddress { to.initialize(from: from, count: id.count) }
          (to + id.count).initialize(repeating: 0, count: width - id.count)
          to += width
        }
      }
      initialized = width * n
    }
    storage = .padded(bytes: bytes, width: width, count: n)
  }
}

extension InvoiceIDs {
  /// The bytes each id is padded to, or nil when the ids are kept as strings.
  @_spi(Testing) public var paddedWidth: Int? {
    if case .padded(_, let width, _) = storage { return width }
    return nil
  }
}
