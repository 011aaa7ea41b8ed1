/// How to read an input file when the header and values do not speak for themselves.
public struct LoadOptions: Sendable {
  /// Canonical column name -> source header name (the CLI's `--map canonical=Source`);
  /// overrides the built-in aliases.
  public var columnMap: [String: String]
  /// Forces one date layout for every date column (the CLI's `--date-format`); nil detects
  /// the layout per column.
  public var dateFormat: DateFormat?

  /// Options with the given overrides; the defaults detect everything.
  public init(columnMap: [String: String] = [:], dateFormat: DateFormat? = nil) {
    self.columnMap = columnMap
    self.dateFormat = dateFormat
  }
}
