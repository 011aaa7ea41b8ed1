/// A textual date layout found in ERP exports.
///
/// Detection (see `HistoryLoader`) works per column from all of its values: ISO and dotted
/// dates are unambiguous; for slash dates a first part above 12 means `D/M/YYYY`, a second
/// part above 12 means `M/D/YYYY`. The raw values are the layouts themselves, so
/// `--date-format M/D/YYYY` reads naturally; `init?(name:)` also accepts short names.
public enum DateFormat: String, CaseIterable, Sendable, CustomStringConvertible {
  /// ISO 8601 `YYYY-MM-DD` (a trailing time such as `T10:00:00` is ignored).
  case iso = "YYYY-MM-DD"
  /// US order, `M/D/YYYY` (one or two digits for month and day).
  case monthDayYear = "M/D/YYYY"
  /// European order with slashes, `D/M/YYYY`.
  case dayMonthYear = "D/M/YYYY"
  /// European order with dots, `D.M.YYYY`.
  case dayMonthYearDots = "D.M.YYYY"

  /// The layout, such as `M/D/YYYY`.
  public var description: String { rawValue }

  /// A format from its layout (`M/D/YYYY`, any case) or short name (`iso`, `mdy`, `dmy`,
  /// `dmy-dots`); nil for anything else.
  public init?(name: String) {
    let key = name.lowercased()
    if let f = DateFormat.allCases.first(where: { $0.rawValue.lowercased() == key }) {
      self = f
      return
    }
    switch key {
    case "iso", "ymd", "yyyy-mm-dd": self = .iso
    case "mdy", "us", "mm/dd/yyyy": self = .monthDayYear
    case "dmy", "dd/mm/yyyy": self = .dayMonthYear
    case "dmy-dots", "dmy.", "dots", "dd.mm.yyyy": self = .dayMonthYearDots
    default: return nil
    }
  }
}
