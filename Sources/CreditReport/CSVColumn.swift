import CreditData

/// A column of an output CSV file: its header and the cell each row gives (empty for nil).
///
/// A file is written from one list of columns (`CSVWriter(_:columns:)`), so a header and
/// its cells stand side by side and cannot drift apart. The cell formats are `CSVWriter`'s:
/// money 2 decimals, probabilities 6, ISO dates, text neutralised against formulas.
struct CSVColumn<Row>: Sendable {
  let header: String
  let append: @Sendable (inout CSVWriter, Row) -> Void

  /// Text; empty for nil.
  static func text(_ header: String, _ value: @escaping @Sendable (Row) -> String?) -> Self {
    Self(header: header) { w, row in
      if let v = value(row) { w.appendText(v) } else { w.appendEmpty() }
    }
  }

  /// `true` or `false`; empty for nil.
  static func flag(_ header: String, _ value: @escaping @Sendable (Row) -> Bool?) -> Self {
    Self(header: header) { w, row in
      if let v = value(row) { w.appendText(v ? "true" : "false") } else { w.appendEmpty() }
    }
  }

  /// A whole number; empty for nil.
  static func integer(_ header: String, _ value: @escaping @Sendable (Row) -> Int?) -> Self {
    Self(header: header) { w, row in
      if let v = value(row) { w.appendInteger(v) } else { w.appendEmpty() }
    }
  }

  /// Money, 2 decimals; empty for nil.
  static func money(_ header: String, _ value: @escaping @Sendable (Row) -> Double?) -> Self {
    Self(header: header) { w, row in
      if let v = value(row) { w.appendMoney(v) } else { w.appendEmpty() }
    }
  }

  /// A probability, 6 decimals; empty for nil.
  static func probability(_ header: String, _ value: @escaping @Sendable (Row) -> Double?) -> Self {
    Self(header: header) { w, row in
      if let v = value(row) { w.appendProbability(v) } else { w.appendEmpty() }
    }
  }

  /// A number with `decimals` decimals; empty for nil.
  static func fixed(_ header: String, decimals: Int, _ value: @escaping @Sendable (Row) -> Double?)
    -> Self
  {
    Self(header: header) { w, row in
      if let v = value(row) { w.appendFixed(v, decimals: decimals) } else { w.appendEmpty() }
    }
  }

  /// This column for rows of another type, each read through the row of this type it holds
  /// (`part`): one file's columns written again inside another's.
  func reading<Outer>(_ part: @escaping @Sendable (Outer) -> Row) -> CSVColumn<Outer> {
    let append = self.append
    return CSVColumn<Outer>(header: header) { w, outer in append(&w, part(outer)) }
  }

  /// An ISO date; empty for nil.
  static func day(_ header: String, _ value: @escaping @Sendable (Row) -> Day?) -> Self {
    Self(header: header) { w, row in
      if let v = value(row) { w.appendDay(v) } else { w.appendEmpty() }
    }
  }
}

extension CSVWriter {
  /// A CSV file with a row per element of `rows`, a cell per column.
  ///
  /// Once a few rows are written, the document reserves room for the rest at their size
  /// instead of growing by doubling (a copy of all it holds at every step).
  init<Rows: Collection>(_ rows: Rows, columns: [CSVColumn<Rows.Element>]) {
    self.init(header: columns.map(\.header))
    var written = 0
    for row in rows {
      for column in columns { column.append(&self, row) }
      endRow()
      written += 1
      if written == Self.sampledRows { reserveCapacity(rows: rows.count, written: written) }
    }
  }

  /// Rows written before the document's room is reserved from their size.
  private static let sampledRows = 64
}
