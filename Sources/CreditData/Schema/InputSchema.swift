/// The canonical columns of an input file and the header names accepted for each.
///
/// Header names are compared after lower-casing and removing `_`, `-` and spaces, so
/// `InvoiceDate`, `invoice_date` and `Invoice Date` are the same name. For each canonical
/// column the canonical name is tried first, then the aliases in the order listed; the
/// first header column that matches (and is not already taken) is used. An explicit
/// column map (`--map canonical=SourceColumn`) overrides all of this.
public struct InputSchema: Sendable {
  /// One canonical column.
  public struct Column: Sendable {
    /// The canonical name, such as `issue_date`.
    public var name: String
    /// Other header names accepted, in order of preference.
    public var aliases: [String]
    /// True when the file must provide the column.
    public var required: Bool
  }

  /// The columns, in canonical order.
  public var columns: [Column]

  /// Canonical names in order.
  public var names: [String] { columns.map(\.name) }

  /// The money columns of the schemas, read as money (`ExportNormalizer`) and which may be
  /// named with their currency.
  static let moneyColumns = ["amount", "open_amount", "credit_limit"]

  /// The currency codes a money column's name may end with (normalised).
  ///
  /// ISO codes, and `lcy` (local currency, as Dynamics writes it). Only codes: `Amount Due`
  /// is not `Amount`.
  static let currencySuffixes: Set<String> = [
    "usd", "eur", "gbp", "jpy", "chf", "cad", "aud", "nzd", "sek", "nok", "dkk", "pln", "czk",
    "huf", "inr", "cny", "hkd", "sgd", "brl", "mxn", "zar", "try", "lcy",
  ]

  /// True when the normalised header `key` is the normalised column `name` followed by a
  /// currency code (`creditlimitusd`, `amounteur`).
  static func isWithCurrency(_ key: String, name: String) -> Bool {
    key.count == name.count + 3 && key.hasPrefix(name)
      && currencySuffixes.contains(String(key.suffix(3)))
  }

  /// The currency code a money column's name ends with (`Credit Limit (EUR)` is EUR), or
  /// nil; `LCY` (local currency) names none.
  func currency(inName header: String) -> String? {
    let key = InputSchema.normalize(header)
    let names = columns.filter { InputSchema.moneyColumns.contains($0.name) }.flatMap {
      ([$0.name] + $0.aliases).map(InputSchema.normalize)
    }
    guard names.contains(where: { InputSchema.isWithCurrency(key, name: $0) }) else {
      return nil
    }
    let code = key.suffix(3).uppercased()
    return code == "LCY" ? nil : code
  }

  /// The comparison key of a header name: lower case, letters and digits only, umlauts, `ß`
  /// and the accents of French, Spanish, Portuguese and Italian folded (`Währung` and
  /// `Waehrung` are both `wahrung`; `Doc. No.` is `docno`; `Número` is `numero`).
  ///
  /// ASCII punctuation and spaces are dropped; other characters (invisible ones too) stay, so
  /// a header with a hidden mark matches nothing. An accent written as a combining mark after
  /// its letter (`e` + U+0301) folds as the precomposed letter does. Written over Unicode
  /// scalars by value: comparing `Character`s against a list of accented letters, with
  /// Unicode's canonical equivalence on every comparison, took 60,000 instructions a name,
  /// and a history's first look normalizes hundreds of names.
  public static func normalize(_ name: String) -> String {
    var out = String.UnicodeScalarView()
    var previous: Unicode.Scalar?
    /// Appends `s`, except an `e` after `a`, `o` or `u`: `ae`, `oe`, `ue` written for umlauts
    /// read like the umlauts.
    func append(_ s: Unicode.Scalar) {
      if s == "e", let p = previous, p == "a" || p == "o" || p == "u" {
        previous = nil
        return
      }
      out.append(s)
      previous = s
    }
    for s in name.lowercased().unicodeScalars {
      switch s.value {
      case 0x61...0x7A, 0x30...0x39: append(s)
      case 0x00...0x7F: continue
      case 0xE0...0xE4: append("a")  // à á â ã ä
      case 0xE8...0xEB: append("e")  // è é ê ë
      case 0xEC...0xEF: append("i")  // ì í î ï
      case 0xF2...0xF6: append("o")  // ò ó ô õ ö
      case 0xF9...0xFC: append("u")  // ù ú û ü
      case 0xE7: append("c")  // ç
      case 0xF1: append("n")  // ñ
      case 0xDF:  // ß
        append("s")
        append("s")
      case 0x300...0x36F: continue  // a combining accent of the letter before it
      default: append(s)
      }
    }
    return String(out)
  }

  // MARK: - Resolving a header

  /// Which header column feeds each canonical column.
  struct Mapping {
    /// Canonical name -> 0-based header index.
    var index: [String: Int] = [:]
    /// Header names not used, in file order.
    var ignored: [String] = []
    /// Canonical name -> header name used.
    var used: [String: String] = [:]
    /// What the matching set aside, as warnings' texts (`pairCurrency`).
    var warnings: [String] = []

    /// The header index for `name`, or -1.
    func column(_ name: String) -> Int { index[name] ?? -1 }
  }

  /// Matches `header` (the row on physical line `line`) against the schema.
  ///
  /// - Throws: `DataError` for a map naming an unknown canonical column or a column not in
  ///   the header, and for missing required columns: all of them in one message, each with
  ///   the closest header name.
  func resolve(
    header: [String], columnMap: [String: String], fileName: String, line: Int = 1
  ) throws -> Mapping {
    var mapping = Mapping()
    var taken = Set<Int>()
    let keys = header.map(InputSchema.normalize)
    let canonicalByKey = Dictionary(
      columns.map { (InputSchema.normalize($0.name), $0.name) }, uniquingKeysWith: { a, _ in a })
    for (canonical, source) in columnMap.sorted(by: { $0.key < $1.key }) {
      guard let name = canonicalByKey[InputSchema.normalize(canonical)] else {
        throw DataError(
          .header, file: fileName, text: canonical,
          message: "is not a canonical column in --map \(canonical)=\(source); expected one of "
            + names.joined(separator: ", "))
      }
      let trimmed = source.trimmingSpaces
      guard
        let k = header.firstIndex(of: trimmed)
          ?? keys.firstIndex(of: InputSchema.normalize(trimmed))
      else {
        throw DataError(
          .header, file: fileName, line: line, text: source,
          message: "is not a column of the header (in --map \(canonical)=\(source)); expected "
            + "one of " + header.joined(separator: ", "))
      }
      if let previous = mapping.index.first(where: { $0.value == k }) {
        throw DataError(
          .header, file: fileName, line: line, column: k + 1, text: header[k],
          message: "is mapped to both \(previous.key) and \(name) by --map; expected each "
            + "source column once")
      }
      mapping.index[name] = k
      mapping.used[name] = header[k]
      taken.insert(k)
    }
    for column in columns where mapping.index[column.name] == nil {
      for candidate in [column.name] + column.aliases {
        let key = InputSchema.normalize(candidate)
        if let k = keys.indices.first(where: { keys[$0] == key && !taken.contains($0) }) {
          mapping.index[column.name] = k
          mapping.used[column.name] = header[k]
          taken.insert(k)
          break
        }
      }
    }
    // A money column named with its currency (`Amount (EUR)`, `Credit Limit USD`).
    for column in columns where mapping.index[column.name] == nil {
      guard InputSchema.moneyColumns.contains(column.name) else { continue }
      let names = ([column.name] + column.aliases).map(InputSchema.normalize)
      if let k = keys.indices.first(where: { k in
        !taken.contains(k) && names.contains { InputSchema.isWithCurrency(keys[k], name: $0) }
      }) {
        mapping.index[column.name] = k
        mapping.used[column.name] = header[k]
        taken.insert(k)
      }
    }
    InputSchema.pairCurrency(
      &mapping, keys: keys, header: header, taken: &taken, given: columnMap)
    // `due_date` may come from `terms_days` instead.
    let needsDue =
      columns.contains { $0.name == "terms_days" } && mapping.index["due_date"] == nil
      && mapping.index["terms_days"] == nil
    let missing = columns.filter {
      mapping.index[$0.name] == nil && ($0.required || ($0.name == "due_date" && needsDue))
    }
    if !missing.isEmpty {
      throw self.missing(missing, header: header, mapping: mapping, fileName: fileName, line: line)
    }
    mapping.ignored = header.indices.filter { !taken.contains($0) }.map {
      header[$0].isEmpty ? "column \($0 + 1)" : header[$0]
    }
    return mapping
  }

  /// Each column's comparison keys (its canonical name's, then its aliases') and whether it
  /// is required: what `score(header:keys:)` looks for.
  var headerKeys: [(keys: [String], required: Bool)] {
    columns.map { (([$0.name] + $0.aliases).map(InputSchema.normalize), $0.required) }
  }

  /// Scores how well `header` matches the schema, whose `headerKeys` are `keys`: the number
  /// of canonical columns that some cell names (by canonical name or alias), the required
  /// ones counting double.
  func score(header: [String], keys: [(keys: [String], required: Bool)]) -> Int {
    let cells = Set(header.map(InputSchema.normalize))
    var score = 0
    for column in keys where column.keys.contains(where: cells.contains) {
      score += column.required ? 2 : 1
    }
    return score
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return String(s)
  }
}
