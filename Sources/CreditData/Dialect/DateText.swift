/// Date cells in the layouts ERPs and spreadsheets write besides the ones the loaders read
/// directly, rewritten as ISO `YYYY-MM-DD`.
///
/// - `05-JAN-13`, `5-Jan-2013`, `05 Jan 2013`, `05.Jan.2013`, `Jan 5, 2013`, `5. Januar
///   2013`, `5 févr. 2013`, `05/fev/2013`: month names or abbreviations in English,
///   German, French, Portuguese or Spanish, any case;
/// - two-digit years (`05-JAN-13`, `05.01.13`, `1/5/13`): 00-49 are 2000-2049, 50-99 are
///   1950-1999 (Oracle's `RR` rule);
/// - Excel serial dates (`41279`, `41279.5`): days since 1899-12-30, the time dropped (in
///   a workbook of the 1904 date system, days since 1904-01-01);
/// - `YYYYMMDD` (SAP's internal layout) and `YYYY/MM/DD`, `YYYY.MM.DD`;
/// - day and month with hyphens, `31-12-2025` or `12-31-2025` (`D-M-YYYY`, `M-D-YYYY`, and
///   with a two-digit year): rewritten with slashes in the same order, so that the loader
///   finds the column's order as it does for slash dates.
///
/// Cells the loaders read directly (ISO with or without a time, `M/D/YYYY`, `D/M/YYYY`,
/// `D.M.YYYY`) are left alone, so slash dates keep their per-column order detection.
enum DateText {
  /// What a rewrite did, for the report.
  enum Layout: String, Sendable, Codable {
    case monthName = "DD-MON-YY"
    case twoDigitYear = "two-digit year"
    case excelSerial = "Excel serial"
    case compact = "YYYYMMDD"
    case yearFirst = "YYYY/MM/DD"
    case hyphens = "D-M-YYYY or M-D-YYYY"
  }

  /// The cell as ISO text and the layout it had; nil when it needs no rewrite or is not a
  /// date in any layout here (the loader then reads or rejects it).
  ///
  /// Serials count in `dateSystem`, the workbook's (text exports count from 1900).
  static func rewrite(_ text: String, dateSystem: ExcelDateSystem = .from1900) -> (
    iso: String, layout: Layout
  )? {
    let s = text.trimmingSpacesAndNBSP
    guard let first = s.utf8.first else { return nil }
    if first >= 48, first <= 57 {
      if let r = numeric(s, dateSystem) { return r }
      if let r = twoDigitYear(s) { return r }
      if let r = hyphenated(s) { return r }
    }
    return monthName(s)
  }

  /// True for `YYYY-MM-DD` (ten bytes, digits around the two hyphens), which `rewrite` leaves
  /// alone.
  static func isISODay(_ text: String) -> Bool {
    let u = text.utf8
    guard u.count == 10 else { return false }
    for (i, b) in u.enumerated() {
      let expected = i == 4 || i == 7 ? b == UInt8(ascii: "-") : b &- 48 < 10
      if !expected { return false }
    }
    return true
  }

  /// Months by the first three letters of their names in five languages.
  ///
  /// English, German (and `MRZ`, `MAE`), French, Portuguese and Spanish; French `juin` and
  /// `juil` by four. No three letters name two months.
  private static let months: [String: Int] = [
    "jan": 1, "ene": 1, "feb": 2, "fev": 2, "fév": 2, "mar": 3, "mrz": 3, "mär": 3, "mae": 3,
    "apr": 4, "avr": 4, "abr": 4, "may": 5, "mai": 5, "jun": 6, "juin": 6, "jul": 7,
    "juil": 7, "aug": 8, "aoû": 8, "aou": 8, "ago": 8, "sep": 9, "set": 9, "oct": 10,
    "okt": 10, "out": 10, "nov": 11, "dec": 12, "dez": 12, "déc": 12, "dic": 12,
  ]

  static func iso(_ y: Int, _ m: Int, _ d: Int) -> String? {
    guard RawDateColumn.yearRange.contains(y), m >= 1, m <= 12, d >= 1,
      d <= Day.daysIn(month: m, year: y)
    else { return nil }
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(y)-\(two(m))-\(two(d))"
  }

  private static func pivot(_ yy: Int) -> Int { yy < 50 ? 2000 + yy : 1900 + yy }

  /// Excel serials, `YYYYMMDD`, `YYYY/MM/DD` and `YYYY.MM.DD`.
  private static func numeric(_ s: String, _ dateSystem: ExcelDateSystem) -> (
    iso: String, layout: Layout
  )? {
    let u = Array(s.utf8)
    if u.count == 10, u[4] == 47 || u[4] == 46, u[7] == u[4],
      let y = Int(String(decoding: u[0..<4], as: UTF8.self)),
      let m = Int(String(decoding: u[5..<7], as: UTF8.self)),
      let d = Int(String(decoding: u[8..<10], as: UTF8.self))
    {
      return iso(y, m, d).map { ($0, .yearFirst) }
    }
    let intPart = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard intPart.count <= 2, let whole = Int(intPart[0]), intPart[0].allSatisfy(\.isNumber),
      intPart.count == 1 || intPart[1].allSatisfy(\.isNumber)
    else { return nil }
    if intPart.count == 1, u.count == 8 {
      if let r = iso(whole / 10_000, whole / 100 % 100, whole % 100) { return (r, .compact) }
    }
    // 1900-01-01 is serial 1 in Excel's count (which also has a 29 February 1900), so
    // serials from 61 on are days since 1899-12-30. A serial of either system is read when
    // its day is one of those.
    let day = dateSystem.day(serial: whole)
    let serial1900 = ExcelDateSystem.from1900.serial(of: day)
    guard serial1900 >= 61, serial1900 <= 109_938 else { return nil }
    return (day.description, .excelSerial)
  }

  /// `D.M.YY` and `M/D/YY` (or `D/M/YY`): the year widened, the order kept for the loader.
  private static func twoDigitYear(_ s: String) -> (iso: String, layout: Layout)? {
    for sep in [Character("."), Character("/")] {
      let parts = s.split(separator: sep, omittingEmptySubsequences: false)
      guard parts.count == 3, parts[2].count == 2, parts[0].count <= 2, parts[1].count <= 2,
        parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
        let yy = Int(parts[2])
      else { continue }
      return ("\(parts[0])\(sep)\(parts[1])\(sep)\(pivot(yy))", .twoDigitYear)
    }
    return nil
  }

  /// `D-M-YYYY` or `M-D-YYYY` (and `D-M-YY`): the same parts with slashes, the year widened,
  /// the order left to the loader's detection over the column.
  private static func hyphenated(_ s: String) -> (iso: String, layout: Layout)? {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2,
      parts[2].count == 2 || parts[2].count == 4,
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let year = Int(parts[2])
    else { return nil }
    let widened = parts[2].count == 2 ? pivot(year) : year
    return ("\(parts[0])/\(parts[1])/\(widened)", .hyphens)
  }

  /// Dates with a month name, day first or month first.
  private static func monthName(_ s: String) -> (iso: String, layout: Layout)? {
    // Split into runs of letters and of digits; separators are anything else.
    var tokens: [Substring] = []
    var start: String.Index?
    var letters = false
    for i in s.indices {
      let c = s[i]
      let isLetter = c.isLetter
      let isDigit = c.isASCII && c.isNumber
      if let st = start, !(isLetter && letters) && !(isDigit && !letters) {
        tokens.append(s[st..<i])
        start = nil
      }
      if start == nil, isLetter || isDigit {
        start = i
        letters = isLetter
      }
    }
    if let st = start { tokens.append(s[st...]) }
    guard tokens.count >= 3 else { return nil }
    func month(_ t: Substring) -> Int? {
      guard t.first?.isLetter == true, t.count >= 3 else { return nil }
      return months[String(t.prefix(4)).lowercased()] ?? months[String(t.prefix(3)).lowercased()]
    }
    func number(_ t: Substring) -> Int? { t.first?.isNumber == true ? Int(t) : nil }
    let y: Int
    let m: Int
    let d: Int
    if let dd = number(tokens[0]), let mm = month(tokens[1]), let yy = number(tokens[2]) {
      (d, m, y) = (dd, mm, tokens[2].count == 2 ? pivot(yy) : yy)
    } else if let mm = month(tokens[0]), let dd = number(tokens[1]), let yy = number(tokens[2]) {
      (d, m, y) = (dd, mm, tokens[2].count == 2 ? pivot(yy) : yy)
    } else {
      return nil
    }
    guard tokens[2].count == 2 || tokens[2].count == 4 else { return nil }
    return iso(y, m, d).map { ($0, .monthName) }
  }
}
