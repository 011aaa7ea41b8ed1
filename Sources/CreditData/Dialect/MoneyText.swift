/// The decimal mark of a money column: `1,234.56` (point) or `1.234,56` (comma).
public enum DecimalMark: String, CaseIterable, Sendable, Codable, NamedChoice {
  case point
  case comma

  /// Besides `point` and `comma`: `.`, `dot`, `period` and `,`.
  public static let spellings: [String: DecimalMark] = [
    ".": .point, "dot": .point, "period": .point, ",": .comma,
  ]

  var byte: UInt8 { self == .point ? 46 : 44 }
}

/// Money as accounting systems print it, read into the plain decimal text the loaders take.
///
/// Accepted around the digits: a currency symbol or three-letter code before or after
/// (`$1,234.56`, `1.234,56 €`, `EUR 12.50`), digit grouping by the other mark, spaces,
/// no-break spaces or apostrophes (`1'234.56`), a negative written `-123.45`,
/// `123,45-` (SAP's trailing minus), `(123.45)`, `123.45 CR` (a credit; `DR`, a debit, is
/// positive) or with a minus sign (U+2212). The digits
/// are kept as they are, so `DecimalParser` reads the same value as from a plain export.
enum MoneyText {
  /// A money cell taken apart.
  struct Parsed: Equatable {
    /// `-1234.56`: optional minus, digits, optional point and digits.
    var plain: String
    /// The currency a symbol or code named, as an ISO code (`$` is USD).
    var currency: String?
    /// True when the text used grouping, a symbol, a trailing minus or parentheses.
    var rewritten: Bool
  }

  /// Symbols and the ISO code each stands for.
  static let symbols: [(String, String)] = [
    ("US$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"),
    ("CHF", "CHF"), ("Fr.", "CHF"), ("kr", "SEK"), ("zł", "PLN"), ("R$", "BRL"),
  ]

  /// Symbols that several currencies write, with the code `symbols` reads them as and the
  /// other currencies they stand for: `$` is the Canadian and Australian dollar's symbol too.
  static let sharedSymbols: [(symbol: String, code: String, others: Set<String>)] = [
    ("$", "USD", ["CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "TWD", "ARS", "CLP", "COP"]),
    ("kr", "SEK", ["NOK", "DKK", "ISK"]), ("¥", "JPY", ["CNY"]),
  ]

  /// True when `text`, read as in `named`, names it only by a symbol that `stated` writes too
  /// (`$1,234.56` in a row whose currency column says CAD), so the row's code decides.
  static func symbol(in text: String, named: String, alsoStandsFor stated: String) -> Bool {
    guard !text.contains(named), !text.contains("US$") else { return false }
    return sharedSymbols.contains {
      $0.code == named && $0.others.contains(stated) && text.contains($0.symbol)
    }
  }

  /// What a cell says about the decimal mark: `.point` when only a point can be the mark
  /// (`12.5`, `1,234.56`, `1,234,567`), `.comma` likewise, nil when it says nothing (no
  /// separator, or one separator followed by exactly three digits, as in `1,234`).
  static func evidence(_ text: String) -> DecimalMark? {
    if let after = plainDigitsAfterPoint(text) { return after == 0 || after == 3 ? nil : .point }
    let s = Array(core(text).digits.utf8)
    let points = s.filter { $0 == 46 }.count
    let commas = s.filter { $0 == 44 }.count
    if let lastPoint = s.lastIndex(of: 46), let lastComma = s.lastIndex(of: 44) {
      return lastPoint > lastComma ? .point : .comma
    }
    if points > 1 { return .comma }
    if commas > 1 { return .point }
    if points == 1 || commas == 1 {
      let mark: UInt8 = points == 1 ? 46 : 44
      guard let k = s.lastIndex(of: mark) else { return nil }
      let after = s.count - k - 1
      if after == 3 { return nil }
      return mark == 46 ? .point : .comma
    }
    return nil
  }

  /// True when the cell has one separator followed by exactly three digits, which reads as
  /// grouping or as a decimal mark.
  static func isAmbiguous(_ text: String) -> Bool {
    if let after = plainDigitsAfterPoint(text) { return after == 3 }
    let s = Array(core(text).digits.utf8)
    let marks = s.filter { $0 == 46 || $0 == 44 }.count
    guard marks == 1, let k = s.firstIndex(where: { $0 == 46 || $0 == 44 }) else { return false }
    return s.count - k - 1 == 3 && k > 0
  }

  /// What the cells of one money column say about its decimal mark, all of them together.
  enum ColumnMark: Equatable {
    /// The cells show this mark, or nothing against it.
    case decided(DecimalMark)
    /// The cell at `comma` has a decimal comma, the one at `point` a decimal point.
    case both(point: Int, comma: Int)
    /// No cell shows a mark, and the cell at `index` has one separator followed by three
    /// digits: a thousands separator or a decimal mark.
    case ambiguous(index: Int)
  }

  /// The decimal mark of a column of `count` cells, `text(i)` each.
  ///
  /// A cell that shows a mark decides it (`evidence`); cells of both marks are `.both`. When
  /// none does, a column with a cell like `1.234` or `1,234` is `.ambiguous`: read as a
  /// decimal, `3.311` in a whole-number export grouped by points (yen, or rounded euros)
  /// would be 1,000 times too small, and in a fixed three-decimal export as a grouped whole
  /// number 1,000 times too large. `ambiguousComma` (a semicolon-separated file: the locales
  /// that write them mark decimals with the comma) and `ambiguousPoint` (a workbook's numeric
  /// cells, written with a point and no grouping) decide those cells instead. Without any
  /// separator the mark is `.point` (it changes nothing).
  static func columnMark(
    count: Int, ambiguousComma: Bool = false, ambiguousPoint: Bool = false,
    _ text: (Int) -> String
  ) -> ColumnMark {
    var point: Int?
    var comma: Int?
    var ambiguous: Int?
    for i in 0..<count {
      let t = text(i)
      switch evidence(t) {
      case .point: if point == nil { point = i }
      case .comma: if comma == nil { comma = i }
      case nil: if ambiguous == nil, isAmbiguous(t) { ambiguous = i }
      }
      if let point, let comma { return .both(point: point, comma: comma) }
    }
    if point != nil { return .decided(.point) }
    if comma != nil { return .decided(.comma) }
    guard let a = ambiguous else { return .decided(.point) }
    if ambiguousComma { return .decided(.comma) }
    if ambiguousPoint { return .decided(.point) }
    return .ambiguous(index: a)
  }

  /// The message for a `.ambiguous` column.
  static let ambiguousMessage =
    "reads as a whole number with a thousands separator or as a decimal: every amount in "
    + "this column has one separator followed by three digits; expected --decimal point or "
    + "--decimal comma"

  /// For a plain decimal (`isPlainDecimal`), the digits after its point (0 without one);
  /// nil for any other text.
  ///
  /// Most money cells are plain decimals: `evidence`, `isAmbiguous` and `parse` answer for
  /// them from this one scan instead of taking the text apart, which cost a fifteenth of
  /// training's CPU on a customers file of 20,000 limits.
  static func plainDigitsAfterPoint(_ text: String) -> Int? {
    guard isPlainDecimal(text) else { return nil }
    guard let point = text.utf8.firstIndex(of: 46) else { return 0 }
    return text.utf8.distance(from: point, to: text.utf8.endIndex) - 1
  }

  /// True for `-?[0-9]+(\.[0-9]+)?`, which `parse(_:mark:)` with `.point` gives back as it
  /// is.
  static func isPlainDecimal(_ text: String) -> Bool {
    var u = text.utf8[...]
    if u.first == UInt8(ascii: "-") { u = u.dropFirst() }
    let whole = u.prefix { $0 &- 48 < 10 }.count
    guard whole > 0 else { return false }
    u = u.dropFirst(whole)
    guard let mark = u.first else { return true }
    u = u.dropFirst()
    return mark == UInt8(ascii: ".") && !u.isEmpty && u.allSatisfy { $0 &- 48 < 10 }
  }

  /// The cell read with `mark` as the decimal mark; nil when it is not money in any of the
  /// accepted shapes.
  static func parse(_ text: String, mark: DecimalMark) -> Parsed? {
    // A plain decimal is its own plain text (`isPlainDecimal`).
    if mark == .point, isPlainDecimal(text) {
      return Parsed(plain: text, currency: nil, rewritten: false)
    }
    let c = core(text)
    guard !c.digits.isEmpty else {
      // A dash alone, with or without a currency (`-`, `$ -`, `- €`), is how Excel's
      // accounting and comma styles write zero.
      return c.negative && c.dashAlone
        ? Parsed(plain: "0", currency: c.currency, rewritten: true) : nil
    }
    var out = c.negative ? "-" : ""
    var sawMark = false
    var digitsBefore = 0
    // Digits since the last group separator, nil before the first: each group has three.
    var sinceGroup: Int?
    var grouped = false
    let group: Character = mark == .point ? "," : "."
    let decimal: Character = mark == .point ? "." : ","
    for ch in c.digits {
      if ch.isASCII, ch.isNumber {
        out.append(ch)
        if !sawMark {
          digitsBefore += 1
          sinceGroup = sinceGroup.map { $0 + 1 }
        }
      } else if ch == decimal, !sawMark {
        if let g = sinceGroup, g != 3 { return nil }
        sawMark = true
        out.append(".")
      } else if ch == group || ch == " " || ch == "'" || ch == "\u{2019}" || ch == "\u{A0}"
        || ch == "\u{202F}", !sawMark, digitsBefore > 0
      {
        if let g = sinceGroup, g != 3 { return nil }
        sinceGroup = 0
        grouped = true
      } else {
        return nil
      }
    }
    if !sawMark, let g = sinceGroup, g != 3 { return nil }
    guard out.last?.isNumber == true else { return nil }
    let rewritten = grouped || c.decorated || (mark == .comma && sawMark)
    return Parsed(plain: out, currency: c.currency, rewritten: rewritten)
  }

  /// The text without the decorations around the digits: sign, parentheses and currency;
  /// `dashAlone` when the sign was a hyphen and nothing but a currency stood beside it.
  private static func core(_ text: String) -> (
    digits: Substring, negative: Bool, currency: String?, decorated: Bool, dashAlone: Bool
  ) {
    var s = Substring(text.trimmingSpacesAndNBSP)
    var negative = false
    var decorated = false
    var parenthesised = false
    var hyphen = false
    var currency: String?
    func trim() { s = Substring(String(s).trimmingSpacesAndNBSP) }
    // Parentheses around the amount, or inside the currency as Excel's accounting format
    // writes it (`$ (1,234.56)`).
    func parentheses() {
      guard !negative, s.hasPrefix("("), s.hasSuffix(")"), s.count >= 3 else { return }
      s = s.dropFirst().dropLast()
      negative = true
      decorated = true
      parenthesised = true
      trim()
    }
    parentheses()
    for pass in 0..<2 {
      if !negative, let f = s.first, f == "-" || f == "\u{2212}" || (pass == 0 && f == "+") {
        if f != "+" { negative = true }
        hyphen = f == "-"
        if f != "-" { decorated = true }
        s = s.dropFirst()
        trim()
      }
      if !negative, let l = s.last, l == "-" || l == "\u{2212}" {
        negative = true
        hyphen = l == "-"
        decorated = true
        s = s.dropLast()
        trim()
      }
      if let code = stripCurrency(&s) {
        currency = code
        decorated = true
        trim()
        parentheses()
      }
      if !negative, let credit = creditOrDebit(s) {
        negative = credit
        decorated = true
        s = s.dropLast(2)
        trim()
      }
    }
    return (s, negative, currency, decorated, hyphen && !parenthesised && s.isEmpty)
  }

  /// For text ending in `CR` or `DR` (any case) after a digit or a space, as Sage and other
  /// ledgers mark credits and debits: true for a credit (a negative amount), false for a
  /// debit; nil for any other text.
  private static func creditOrDebit(_ s: Substring) -> Bool? {
    guard s.count >= 3 else { return nil }
    let end = s.suffix(2).uppercased()
    guard end == "CR" || end == "DR", let before = s.dropLast(2).last,
      before == " " || before == "\u{A0}" || (before.isASCII && before.isNumber)
    else { return nil }
    return end == "CR"
  }

  /// Removes a leading or trailing currency symbol or three-letter upper-case code from `s`
  /// and returns its ISO code.
  private static func stripCurrency(_ s: inout Substring) -> String? {
    for (symbol, code) in symbols {
      if s.hasPrefix(symbol) {
        s = s.dropFirst(symbol.count)
        return code
      }
      if s.hasSuffix(symbol) {
        s = s.dropLast(symbol.count)
        return code
      }
    }
    func isCode(_ t: Substring) -> Bool {
      t.count == 3 && t.allSatisfy { $0.isASCII && $0.isUppercase }
    }
    if s.count > 3, isCode(s.prefix(3)) {
      let code = String(s.prefix(3))
      s = s.dropFirst(3)
      return code
    }
    if s.count > 3, isCode(s.suffix(3)) {
      let code = String(s.suffix(3))
      s = s.dropLast(3)
      return code
    }
    return nil
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and no-break spaces.
  var trimmingSpacesAndNBSP: String {
    var s = Substring(self)
    func isSpace(_ c: Character) -> Bool {
      c == " " || c == "\t" || c == "\u{A0}" || c == "\u{202F}"
    }
    while let f = s.first, isSpace(f) { s.removeFirst() }
    while let l = s.last, isSpace(l) { s.removeLast() }
    return String(s)
  }
}
