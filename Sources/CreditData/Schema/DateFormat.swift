/// A textual date layout found in ERP exports.
///
/// Detection (see `HistoryLoader`) works per column from all of its values: ISO and dotted
/// dates are unambiguous; for slash dates a first part above 12 means `D/M/YYYY`, a second
/// part above 12 means `M/D/YYYY`. The raw values are the layouts themselves, so
/// `--date-format M/D/YYYY` reads naturally; `init?(name:)` also accepts short names.
public enum DateFormat: String, CaseIterable, Sendable, NamedChoice {
  /// ISO 8601 `YYYY-MM-DD` (a trailing time such as `T10:00:00` is ignored).
  case iso = "YYYY-MM-DD"
  /// US order, `M/D/YYYY` (one or two digits for month and day).
  case monthDayYear = "M/D/YYYY"
  /// European order with slashes, `D/M/YYYY`.
  case dayMonthYear = "D/M/YYYY"
  /// European order with dots, `D.M.YYYY`.
  case dayMonthYearDots = "D.M.YYYY"

  /// The short names: `iso`, `mdy`, `dmy`, `dmy-dots` and the like (a layout, any case, is
  /// its own name).
  public static let spellings: [String: DateFormat] = [
    "iso": .iso, "ymd": .iso, "mdy": .monthDayYear, "us": .monthDayYear,
    "mm/dd/yyyy": .monthDayYear, "dmy": .dayMonthYear, "dd/mm/yyyy": .dayMonthYear,
    "dmy-dots": .dayMonthYearDots, "dmy.": .dayMonthYearDots, "dots": .dayMonthYearDots,
    "dd.mm.yyyy": .dayMonthYearDots,
  ]
}
