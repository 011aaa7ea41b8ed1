import Testing

@testable import CreditData

/// Money, dates, encodings and separators as exports write them.
@Suite struct ExportValueTests {
  // MARK: - Money

  @Test(arguments: [
    ("1.234,56", DecimalMark.comma, "1234.56", nil as String?),
    ("1,234.56", .point, "1234.56", nil),
    ("$1,234.56", .point, "1234.56", "USD"),
    ("1.234,56 €", .comma, "1234.56", "EUR"),
    ("EUR 12.50", .point, "12.50", "EUR"),
    ("123,45-", .comma, "-123.45", nil),
    ("(1,234.50)", .point, "-1234.50", nil),
    ("-$5.00", .point, "-5.00", "USD"),
    ("1'234.56", .point, "1234.56", nil),
    ("1 234 567,8", .comma, "1234567.8", nil),
    ("\u{2212}7", .point, "-7", nil),
    ("55.94", .point, "55.94", nil),
    ("£0,99-", .comma, "-0.99", "GBP"),
    // Credits and debits as Sage and other ledgers mark them.
    ("1,234.56 CR", .point, "-1234.56", nil), ("250.00cr", .point, "-250.00", nil),
    ("1.234,56 DR", .comma, "1234.56", nil), ("£99.50 Cr", .point, "-99.50", "GBP"),
    // Excel's accounting format: the symbol apart, a negative in parentheses after it.
    (" $ 1,234.56 ", .point, "1234.56", "USD"), (" $ (250.00)", .point, "-250.00", "USD"),
    ("€ (5,00)", .comma, "-5.00", "EUR"), ("(5,00) €", .comma, "-5.00", "EUR"),
    // A dash alone is zero in Excel's accounting and comma styles.
    ("-", .point, "0", nil), (" $ -   ", .point, "0", "USD"), ("- €", .comma, "0", "EUR"),
  ])
  func moneyIsRead(text: String, mark: DecimalMark, plain: String, currency: String?) throws {
    let parsed = try #require(MoneyText.parse(text, mark: mark))
    #expect(parsed.plain == plain)
    #expect(parsed.currency == currency)
  }

  @Test(arguments: [
    ("12,50", DecimalMark.point), ("1,2345.00", .point), ("1.23.45", .comma), ("abc", .point),
    ("12,50 EUR", .point), ("", .point), ("1.2e5", .point), ("--5", .point),
    ("-5 CR", .point), ("(5) CR", .point), ("CR", .point), ("5-CR", .point),
    ("$ (-5.00)", .point), ("-$ (5.00)", .point), ("$ ()", .point),
    ("(-)", .point), ("--", .point), ("\u{2212}", .point), ("+", .point), ("$", .point),
  ])
  func notMoney(text: String, mark: DecimalMark) {
    #expect(MoneyText.parse(text, mark: mark) == nil)
  }

  /// The shortcut of a plain file's first look: what it calls plain, `parse` gives back as
  /// it is.
  @Test(arguments: [
    ("2768.93", true), ("-5.00", true), ("0", true), ("007.5", true), ("12", true),
    ("5.", false), (".5", false), ("-", false), ("", false), ("+5", false), ("1,234.56", false),
    ("1.2.3", false), ("1e5", false), (" 5", false), ("5 ", false), ("--5", false),
    ("\u{2212}7", false), ("$5", false), ("5-", false),
  ])
  func plainDecimals(text: String, plain: Bool) {
    #expect(MoneyText.isPlainDecimal(text) == plain)
    if plain { #expect(MoneyText.parse(text, mark: .point)?.plain == text) }
  }

  @Test func decimalMarkEvidence() {
    #expect(MoneyText.evidence("12,5") == .comma)
    #expect(MoneyText.evidence("1.234,56") == .comma)
    #expect(MoneyText.evidence("1.234.567") == .comma)
    #expect(MoneyText.evidence("1,234.56") == .point)
    #expect(MoneyText.evidence("$12.50") == .point)
    #expect(MoneyText.evidence("1,234") == nil)
    #expect(MoneyText.evidence("1234") == nil)
    #expect(MoneyText.isAmbiguous("1,234"))
    #expect(!MoneyText.isAmbiguous("12,34"))
  }

  // MARK: - Header names

  /// Header names compare by their letters and digits, case, umlauts and accents folded; an
  /// accent written as a combining mark folds too, a hidden mark does not.
  @Test(arguments: [
    ("Währung", "wahrung"), ("Waehrung", "wahrung"), ("Doc. No.", "docno"),
    ("Número de factura", "numerodefactura"), ("Nu\u{301}mero", "numero"),
    ("STRAẞE", "strasse"), ("Straße", "strasse"), ("Date d'échéance", "datedecheance"),
    ("Ação", "acao"), ("Año", "ano"), ("Due\u{200B}", "du\u{200B}"), ("Ø-Betrag", "øbetrag"),
    ("Amount (LCY)", "amountlcy"), ("Überfällig", "uberfallig"),
  ])
  func headerNamesAreNormalized(name: String, key: String) {
    #expect(InputSchema.normalize(name) == key)
  }

  // MARK: - Dates

  @Test(arguments: [
    ("05-JAN-13", "2013-01-05"), ("5-Jan-2013", "2013-01-05"), ("05 Jan 2013", "2013-01-05"),
    ("Jan 5, 2013", "2013-01-05"), ("5. Januar 2013", "2013-01-05"), ("05-OKT-99", "1999-10-05"),
    ("31-DEZ-49", "2049-12-31"), ("41279", "2013-01-05"), ("41279.75", "2013-01-05"),
    ("20130105", "2013-01-05"), ("2013/01/05", "2013-01-05"), ("05.01.13", "05.01.2013"),
    ("1/5/13", "1/5/2013"), ("05-JAN-13 14:30:00", "2013-01-05"),
    // French, Portuguese and Spanish months; French June and July by four letters.
    ("5 févr. 2013", "2013-02-05"), ("05/fev/2013", "2013-02-05"), ("1 juin 2013", "2013-06-01"),
    ("1 juil. 2013", "2013-07-01"), ("15-août-2013", "2013-08-15"), ("3 déc. 2013", "2013-12-03"),
    ("02/abr/2013", "2013-04-02"), ("02-out-13", "2013-10-02"), ("7 dic 2013", "2013-12-07"),
    ("7 ene 2013", "2013-01-07"), ("1 june 2013", "2013-06-01"), ("9 sept. 2013", "2013-09-09"),
    // Day and month with hyphens: slashes in the same order, for the column's detection.
    ("31-12-2025", "31/12/2025"), ("12-31-2025", "12/31/2025"), ("5-1-2013", "5/1/2013"),
    ("05-01-13", "05/01/2013"),
  ])
  func datesAreRewritten(text: String, iso: String) {
    #expect(DateText.rewrite(text)?.iso == iso)
  }

  @Test(arguments: [
    "2013-01-05", "1/5/2013", "5.1.2013", "2013-01-05T10:00:00Z", "", "abc",
    "31-FOO-13", "30-FEB-13", "12",
  ])
  func datesLeftAlone(text: String) {
    #expect(DateText.rewrite(text) == nil)
  }

  /// The shortcut of a plain file's first look: the dates it calls ISO need no rewrite.
  @Test(arguments: [
    ("2013-01-05", true), ("9999-99-99", true), ("2013-1-05", false), ("2013/01/05", false),
    ("20130105", false), ("2013-01-05 ", false), ("2013-01-0x", false), ("", false),
    ("05-JAN-2013", false), ("2013-01-05T10", false),
  ])
  func isoDays(text: String, iso: Bool) {
    #expect(DateText.isISODay(text) == iso)
    if iso { #expect(DateText.rewrite(text) == nil) }
  }

  // MARK: - Encodings

  @Test func windows1252IsDetectedAndConverted() throws {
    let bytes: [UInt8] = Array("Kunde;W".utf8) + [0xE4] + Array("hrung;".utf8) + [0x80]
    let (encoding, bom) = try withBytes(bytes) { p, n in
      TextEncoding.detect(p, count: n)
    }
    #expect(encoding == .windows1252 && bom == 0)
    let text = try withBytes(bytes) { p, n in
      try TextEncoding.windows1252.utf8(p, count: n, fileName: "f")
    }
    #expect(String(decoding: text, as: UTF8.self) == "Kunde;Währung;€")
  }

  @Test func runsOfHighBytesAreNotWindows1252() throws {
    // Two bytes of a UTF-16 byte order mark; three letters of a Cyrillic word (Windows-1251).
    for high: [UInt8] in [[0xFF, 0xFE], [0xE4, 0xE0, 0xED]] {
      let bytes: [UInt8] = Array("C".utf8) + high + Array("01".utf8)
      let (encoding, _) = try withBytes(bytes) { p, n in
        TextEncoding.detect(p, count: n)
      }
      #expect(encoding == .utf8)
    }
  }

  /// Two accented letters together, as in Portuguese `ção` and `ções` (`Distribuição`,
  /// `Construções`), are Windows-1252 too: such a Brazilian export was refused as invalid
  /// UTF-8.
  @Test func twoAccentedLettersTogetherAreWindows1252() throws {
    let bytes: [UInt8] =
      Array("Distribui".utf8) + [0xE7, 0xE3] + Array("o;Constru".utf8) + [0xE7, 0xF5]
      + Array("es".utf8)
    let (encoding, _) = try withBytes(bytes) { p, n in
      TextEncoding.detect(p, count: n)
    }
    #expect(encoding == .windows1252)
    let text = try withBytes(bytes) { p, n in
      try TextEncoding.windows1252.utf8(p, count: n, fileName: "f")
    }
    #expect(String(decoding: text, as: UTF8.self) == "Distribuição;Construções")
  }

  @Test(arguments: [TextEncoding.utf16LittleEndian, .utf16BigEndian])
  func utf16WithMarkIsConverted(encoding: TextEncoding) throws {
    let units = Array("a;b\nä;€\n".utf16)
    var bytes: [UInt8] = encoding == .utf16LittleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
    for u in units {
      let pair = [UInt8(u & 0xFF), UInt8(u >> 8)]
      bytes += encoding == .utf16LittleEndian ? pair : pair.reversed()
    }
    let detected = try withBytes(bytes) { p, n in
      TextEncoding.detect(p, count: n)
    }
    #expect(detected.0 == encoding && detected.bom == 2)
    let text = try withBytes(bytes) { p, n in
      try encoding.utf8(p, count: n, fileName: "f")
    }
    #expect(String(decoding: text, as: UTF8.self) == "a;b\nä;€\n")
  }

  // MARK: - Separators

  @Test(arguments: [
    ("Report\n\na;b;c\n1,5;2;3\n4,5;5;6\n", UInt8(59)),
    ("a\tb\tc\n1\t2\t3\n", 9),
    ("a|b|c\n1|2|3\n", 124),
    ("a,b,c\n\"1;2\",2,3\n", 44),
    ("Title, with a comma\na;b;c;d\n1;2;3;4\n5;6;7;8\n", 59),
  ])
  func separatorIsDetected(text: String, delimiter: UInt8) throws {
    let bytes = Array(text.utf8)
    let found = try withBytes(bytes) { p, n in
      DelimitedText.detectDelimiter(p, count: n)
    }
    #expect(found == delimiter)
  }

  @Test func rowsKeepTheirLines() throws {
    let bytes = Array("a;b\n\n\"x\ny\";2\r\n3;\"q\"\"\"\n".utf8)
    let rows = try withBytes(bytes) { p, n in
      try DelimitedText.rows(p, count: n, delimiter: 59, fileName: "f").rows
    }
    #expect(rows.map(\.line) == [1, 3, 5])
    #expect(rows.map(\.fields) == [["a", "b"], ["x\ny", "2"], ["3", "q\""]])
  }

  @Test func totalsLabels() {
    for label in [
      "Total", "TOTAL", "Total 0379-NEVHP", "Grand Total", "Summe", "*", "**", "Subtotal:",
    ] {
      #expect(ExportNormalizer.isTotalsLabel(label), "\(label)")
    }
    for text in ["Totalview GmbH", "INV-1", "", "Summer Ltd"] {
      #expect(!ExportNormalizer.isTotalsLabel(text), "\(text)")
    }
  }

  private func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) throws -> R)
    throws -> R
  {
    try bytes.withUnsafeBufferPointer { buf in
      try body(try #require(buf.baseAddress), buf.count)
    }
  }
}
