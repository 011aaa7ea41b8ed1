/// A text column stored as small integer codes into a list of distinct levels.
///
/// Levels are in order of first appearance in the file, so codes are stable for a given
/// file. Any text is a level, including `NA` (North America) and the empty string.
public struct Categorical: Sendable, Equatable {
  /// Distinct values, in order of first appearance.
  public var levels: [String]
  /// For each row, the index of its value in `levels`.
  public var codes: [Int32]

  /// A column from its levels and codes.
  public init(levels: [String], codes: [Int32]) {
    self.levels = levels
    self.codes = codes
  }

  /// A column from plain values, levels in order of first appearance.
  public init(values: [String]) {
    var index: [String: Int32] = [:]
    var levels: [String] = []
    codes = values.map { v in
      if let c = index[v] { return c }
      let c = Int32(levels.count)
      index[v] = c
      levels.append(v)
      return c
    }
    self.levels = levels
  }

  /// Number of rows.
  public var count: Int { codes.count }

  /// The value of row `i`.
  public subscript(i: Int) -> String { levels[Int(codes[i])] }
}
