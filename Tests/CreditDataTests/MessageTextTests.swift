import CreditData
import Testing

@Suite("Messages: one line, bounded, every character visible")
struct MessageTextTests {
  @Test(arguments: [
    ("plain text, é 中文 🙂", "plain text, é 中文 🙂"),
    ("a\nb\r\nc\td\0", "a\\nb\\r\\nc\\td\\0"),
    ("\u{1B}[31mred", "\\u{001B}[31mred"),
    ("abc\u{202E}fed\u{202C}", "abc\\u{202E}fed\\u{202C}"),
    ("\u{FEFF}amount", "\\u{FEFF}amount"),
    (
      "zero\u{200B}width\u{200D}joiner\u{2066}isolate\u{2069}",
      "zero\\u{200B}width\\u{200D}joiner\\u{2066}isolate\\u{2069}"
    ),
    (
      "c1\u{85}del\u{7F}soft\u{AD}line\u{2028}", "c1\\u{0085}del\\u{007F}soft\\u{00AD}line\\u{2028}"
    ),
    ("tag\u{E0041}hangul\u{3164}", "tag\\u{E0041}hangul\\u{3164}"),
  ])
  func escapesWhatWouldNotShow(text: String, expected: String) {
    #expect(MessageText.oneLine(text) == expected)
  }

  @Test func longTextIsCutWithACount() {
    let text = String(repeating: "x", count: 1_000_000)
    let line = MessageText.oneLine(text)
    #expect(line.count <= MessageText.defaultLimit)
    #expect(line.hasPrefix(String(repeating: "x", count: 200)))
    let shown = line.prefix { $0 == "x" }.count
    #expect(line.hasSuffix(" … (\(MessageText.grouped(1_000_000 - shown)) more characters)"))
    // A text of exactly the limit is not cut.
    let exact = String(repeating: "y", count: MessageText.defaultLimit)
    #expect(MessageText.oneLine(exact) == exact)
  }

  @Test func escapesCountTowardsTheLimit() {
    let line = MessageText.oneLine(String(repeating: "\u{202E}", count: 10_000))
    #expect(line.count <= MessageText.defaultLimit)
    #expect(line.hasPrefix("\\u{202E}\\u{202E}"))
    #expect(line.hasSuffix(" more characters)"))
  }

  @Test func listsNameTheFirstFewAndCountTheRest() {
    let names = (0..<1_244).map { "c\($0)" }
    #expect(
      MessageText.list(names)
        == "c0, c1, c2, c3, c4, c5, c6, c7, c8, c9 … and 1,234 more")
    #expect(MessageText.list(["a", "b"], quoted: true) == "'a', 'b'")
    let long = MessageText.list([String(repeating: "z", count: 500)], itemLimit: 40)
    #expect(long.count <= 40)
  }

  @Test func groupsThousands() {
    #expect(MessageText.grouped(0) == "0")
    #expect(MessageText.grouped(999) == "999")
    #expect(MessageText.grouped(1_000) == "1,000")
    #expect(MessageText.grouped(-1_234_567) == "-1,234,567")
    #expect(MessageText.grouped(-999) == "-999")
    #expect(MessageText.grouped(100_000) == "100,000")
    #expect(MessageText.grouped(Int.max) == "9,223,372,036,854,775,807")
    #expect(MessageText.grouped(Int.min) == "-9,223,372,036,854,775,808")
  }

  /// A long path is cut in the middle, not the cause at the end: the file's name, its line
  /// and column and the whole message stay.
  @Test func aLongPathIsCutInTheMiddleAndTheCauseKept() {
    let folder = "/srv/exports/" + String(repeating: "accounts-receivable-team/", count: 10)
    let error = DataError(
      .row, file: folder + "history-2025-12-31.csv", line: 32, column: 1,
      columnName: "invoice_id", text: "INV00000005",
      message: "is a duplicate of the invoice id on line 6; expected each invoice once")
    let text = error.description
    #expect(text.count <= MessageText.defaultLimit, "\(text)")
    #expect(text.hasPrefix("/srv/exports/"), "\(text)")
    #expect(text.contains("…"), "\(text)")
    #expect(
      text.hasSuffix(
        "history-2025-12-31.csv:32:1 (invoice_id): 'INV00000005' is a duplicate of the invoice "
          + "id on line 6; expected each invoice once"), "\(text)")
    // A short path, or prose before the first colon, is left alone.
    let short = DataError(.row, file: "h.csv", line: 2, message: String(repeating: "x", count: 400))
    #expect(MessageText.oneLine(short.description).hasPrefix("h.csv:2: xxx"))
    #expect(MessageText.oneLine(folder + ": ok") == folder + ": ok")
  }

  /// A DataError stays one bounded line whatever it quotes.
  @Test func dataErrorsAreOneBoundedLine() {
    let error = DataError(
      .header, file: "h\u{202E}.csv", line: 1, columnName: String(repeating: "A", count: 50_000),
      text: "x\u{FEFF}\n", message: "bad\nthing")
    let text = error.description
    #expect(!text.contains("\n"))
    #expect(text.hasPrefix("h\\u{202E}.csv:1 (AAAA"))
    #expect(text.count <= MessageText.defaultLimit)
  }

  /// A count of one takes the singular: "1 row", as a load report says of a one-row file.
  @Test func countsOfOneAreSingular() {
    #expect(MessageText.counted(1, "row") == "1 row")
    #expect(MessageText.counted(0, "row") == "0 rows")
    #expect(MessageText.counted(2, "customer") == "2 customers")
    #expect(MessageText.counted(3, "entry", plural: "entries") == "3 entries")
    var report = LoadReport(fileName: "h.csv")
    report.rowsRead = 1
    report.blankLinesSkipped = 1
    #expect(report.lines.first == "h.csv: 1 row, 1 blank line skipped")
  }
}
