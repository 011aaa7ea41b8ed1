/// How a workbook counts its date serials: from 1900 (Excel's default) or from 1904 (the
/// workbooks older Excel for Mac saved, marked `<workbookPr date1904="1"/>`).
///
/// The two count the same day 1,462 apart (four years and a day): serial 0 is 1904-01-01
/// in the 1904 system, serial 1,462 in the 1900 one. Read with the wrong system, every date
/// moves by that much, so a workbook's serials are read only with its own.
public enum ExcelDateSystem: Sendable, Equatable {
  /// Serial 1 is 1900-01-01; from serial 61 (1900-03-01) on, serials are days since
  /// 1899-12-30 (Excel counts a 29 February 1900 that never was).
  case from1900
  /// Serial 0 is 1904-01-01.
  case from1904

  /// The day of serial `serial` (a whole number: the time of day dropped).
  public func day(serial: Int) -> Day {
    Day(rawValue: 0).adding(days: serial - serialOf1970)
  }

  /// The serial of `day`.
  public func serial(of day: Day) -> Int { Int(day.rawValue) + serialOf1970 }

  /// The serial of 1970-01-01, the day `Day` counts from.
  private var serialOf1970: Int {
    switch self {
    case .from1900: return 25_569
    case .from1904: return 25_569 - 1_462
    }
  }
}
