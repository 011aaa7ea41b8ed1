// libFuzzer entry for the CSV reader, the history loader and the date parser.
//
// Compiled into one module with the CreditData sources (`make fuzz`), so it calls the
// loaders directly. Every input must either load or throw a DataError with a one-line
// description; anything else (a trap, an out-of-bounds access found by ASan, a description
// with a line break) is a crash for libFuzzer to report.

@_cdecl("LLVMFuzzerTestOneInput")
public func historyFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let formats: [DateFormat?] = [nil] + DateFormat.allCases.map { $0 }
  // The first byte picks a forced date format so every layout gets exercised.
  let forced = formats[Int(bytes.first ?? 0) % formats.count]
  check { _ = try HistoryLoader.parse(bytes: bytes, fileName: "fuzz.csv") }
  check {
    let history = try HistoryLoader.parse(
      bytes: bytes, fileName: "fuzz.csv", options: LoadOptions(columnMap: [:], dateFormat: forced))
    precondition(history.invoiceIDs.count == history.amount.count)
    precondition(history.amount.allSatisfy { $0.isFinite })
  }
  check {
    let table = try CSVTable(bytes: bytes, fileName: "fuzz.csv")
    for c in 0..<table.columnCount {
      _ = table.column(c)
      _ = try? table.numbers(column: c)
    }
  }
  check { _ = try CustomerLoader.parse(bytes: bytes, fileName: "fuzz.csv") }
  // The ISO parser behind --as-of, on the raw text.
  _ = Day(iso: String(decoding: bytes.prefix(32), as: UTF8.self))
  return 0
}

/// Runs `body`; a thrown DataError must describe itself on one line.
@inline(__always)
private func check(_ body: () throws -> Void) {
  do {
    try body()
  } catch let error as DataError {
    let text = error.description
    precondition(!text.contains("\n") && !text.contains("\r"), "multi-line error: \(text)")
  } catch {
    preconditionFailure("unexpected error type: \(error)")
  }
}
