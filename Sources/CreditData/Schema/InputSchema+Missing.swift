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
      } else if let k = InputSchema.closest(to: column, among: free, of: header) {
        part += " (did you mean '\(DataError.excerpt(header[k]))'?)"
      }
      parts.append(part)
    }
    let what =
      columns.count == 1
      ? "missing required column " + parts[0]
      : "missing required columns " + parts.joined(separator: ", ")
    let map =
      columns.count == 1
      ? "use --map \(columns[0].name)=YourColumn"
      : "use --map canonical=YourColumn for each"
    // What to do comes before the header's names: a message is cut at about 300 characters,
    // and an accounting export's header alone can be longer.
    return DataError(
      .header, file: fileName, line: line,
      message: what + "; " + map + " (accepted names are listed in the README); the header has: "
        + MessageText.list(header, limit: 12))
  }

  /// The index in `candidates` of the header name closest to `column`'s names.
  ///
  /// Closest by the fewest edits between the normalized names, relative to the longer one;
  /// a name that contains or is contained in one of them counts as close. None when even the
  /// closest needs edits to more than half of its letters: `Status` is no suggestion for
  /// `paid_date`.
  static func closest(to column: Column, among candidates: [Int], of header: [String]) -> Int? {
    let names = ([column.name] + column.aliases).map(normalize).filter { !$0.isEmpty }
    var best: (index: Int, distance: Double)?
    for k in candidates {
      let key = normalize(header[k])
      guard !key.isEmpty else { continue }
      var d = 1.0
      for name in names {
        if key.count >= 3, name.count >= 3, key.contains(name) || name.contains(key) {
          d = min(d, 0.25)
        }
        let e = Double(editDistance(key, name)) / Double(max(key.count, name.count))
        d = min(d, e)
      }
      if best == nil || d < (best?.distance ?? 1) { best = (k, d) }
    }
    guard let best, best.distance <= 0.5 else { return nil }
    return best.index
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
