extension InputSchema {
  /// One error for every missing required column, each with the header name closest to it
  /// ("did you mean"), and what an open-amount column is when `amount` is missing; then the
  /// `--map` to give, and the header's first names.
  func missing(
    _ columns: [Column], header: [String], mapping: Mapping, fileName: String, line: Int
  ) -> DataError {
    let used = Set(mapping.index.values)
    let free = header.indices.filter { !used.contains($0) && !header[$0].isEmpty }
    var parts: [String] = []
    for column in columns {
      var part = "'\(column.name)'"
      if column.name == "due_date" { part += " (or 'terms_days')" }
      if column.name == "amount", let open = mapping.used["open_amount"] {
        part +=
          " ('\(open)' is the open amount still owed, not the invoice amount; if it is "
          + "the invoice amount, use --map amount=\(open))"
      } else if column.name == "paid_date", let open = mapping.used["open_amount"],
        !header.contains(where: { InputSchema.normalize($0).contains("paid") })
      {
        // An ageing report lists what is open, with no payments: nothing to learn from (an
        // invoice list with a paid amount, as Xero's, is not one).
        part +=
          " ('\(DataError.excerpt(open))' but no payment dates: export every invoice with the "
          + "day it was paid (an ageing report has none))"
      } else if let k = InputSchema.closest(to: column, among: free, of: header) {
        part += " (did you mean '\(DataError.excerpt(header[k]))'?)"
      }
      parts.append(part)
    }
    let label = columns.count == 1 ? "missing required column" : "missing required columns"
    let list = parts.joined(separator: ", ")
    let map =
      columns.count == 1
      ? "use --map \(columns[0].name)=YourColumn"
      : "use --map canonical=YourColumn for each"
    let readme = "accepted names are listed in the README"
    let names = "the header has: " + MessageText.list(header, limit: 12)
    // What to do comes before the header's names: a message is cut at about 300 characters,
    // and an accounting export's header alone can be longer. When the missing columns alone
    // would push the `--map` to give past the cut (a header in another language, none of
    // whose names are known), it comes before them. The file's place (`history.csv:1: `, a
    // long path cut to `shortestPath`) opens the message.
    let place = min(fileName.count, MessageText.shortestPath) + "\(line)".count + 3
    let shown = MessageText.defaultLimit - MessageText.markerRoom
    let message =
      place + label.count + list.count + map.count + 3 > shown
      ? label + " (" + map + "): " + list + "; " + readme + "; " + names
      : label + " " + list + "; " + map + " (" + readme + "); " + names
    return DataError(.header, file: fileName, line: line, message: message)
  }

  /// The index in `candidates` of the header name closest to `column`'s names.
  ///
  /// Closest by the fewest edits between the normalized names, relative to the longer one;
  /// a name that contains or is contained in one of them counts as close. None when even the
  /// closest needs edits to more than half of its letters: `Status` is no suggestion for
  /// `paid_date`. A name that says it holds the other kind of value (`ValueKind`), or a date or
  /// an amount for an id, is never suggested, and one that says it holds the column's kind goes before the others:
  /// `Paid Amount` is no payment date, `Payment Dt` is one.
  static func closest(to column: Column, among candidates: [Int], of header: [String]) -> Int? {
    let names = ([column.name] + column.aliases).map(normalize).filter { !$0.isEmpty }
    let kind = ValueKind(column: column.name)
    var best: (index: Int, distance: Double, rank: Double)?
    for k in candidates {
      let key = normalize(header[k])
      guard !key.isEmpty else { continue }
      let keyKind = ValueKind(header: key)
      if let kind, let keyKind, kind != keyKind { continue }
      // Nor is a date or an amount an id (a French `Montant` for `customer_id`).
      if keyKind != nil, column.name.hasSuffix("_id") { continue }
      var d = 1.0
      for name in names {
        if key.count >= 3, name.count >= 3, key.contains(name) || name.contains(key) {
          d = min(d, 0.25)
        }
        let e = Double(editDistance(key, name)) / Double(max(key.count, name.count))
        d = min(d, e)
      }
      guard d <= 0.5 else { continue }
      let rank = d - (kind != nil && keyKind == kind ? 0.5 : 0)
      if best == nil || rank < (best?.rank ?? 1) { best = (k, d, rank) }
    }
    return best?.index
  }

  /// What a column holds, as far as its name says: dates, money or a count of days.
  enum ValueKind {
    case date, money, days

    /// The kind of a canonical column: dates for the date columns, money for the money
    /// columns, nil for the others.
    init?(column name: String) {
      if ExportNormalizer.dateColumns.contains(name) {
        self = .date
      } else if InputSchema.moneyColumns.contains(name) {
        self = .money
      } else {
        return nil
      }
    }

    /// The kind a normalized header name says, by its words (`date`, `dt`, `datum`; `amount`,
    /// `amt`, `total`, `betrag`, ...; `days`, `aging`, `past due`, ...); nil for a name that
    /// says none, or more than one (`Amount Due Date`).
    init?(header key: String) {
      let said = [
        (ValueKind.date, ValueKind.dateWords), (.money, ValueKind.moneyWords),
        (.days, ValueKind.dayWords),
      ].filter { _, words in words.contains { key.contains($0) } }
      guard said.count == 1 else { return nil }
      self = said[0].0
    }

    static let dateWords = ["date", "datum", "dt", "data", "fecha"]
    static let moneyWords = [
      "amount", "amt", "total", "balance", "betrag", "sum", "value", "gross", "price", "limit",
      "outstanding", "owed", "montant", "valor", "importe",
    ]
    /// Words of a count of days: `Days Past Due`, `Aging`, `DaysToSettle`.
    ///
    /// Such a column holds a number, not a date: `Past Due` is no `paid_date`. Normalized,
    /// `due` reads `du` (`ue` folds).
    static let dayWords = ["days", "aging", "ageing", "pastdu", "overdu", "dpd", "tage"]
  }

  /// The Levenshtein distance between two strings, by characters.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    if x.isEmpty { return y.count }
    var previous = Array(0...y.count)
    var current = previous
    for i in 1...x.count {
      current[0] = i
      for j in stride(from: 1, through: y.count, by: 1) {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }
}
