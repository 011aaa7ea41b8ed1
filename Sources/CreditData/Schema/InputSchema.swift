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

  /// The invoice history schema.
  ///
  /// Required: `invoice_id, customer_id, issue_date, amount, paid_date`, and `due_date` unless
  /// `terms_days` is given. `due_date` and `terms_days` are both marked optional here; the
  /// loader enforces that one of them is present.
  public static let history = InputSchema(columns: [
    Column(
      name: "invoice_id",
      aliases: ["invoiceNumber", "invoice_number", "invoice", "invoice_no", "document_number"],
      required: true),
    Column(
      name: "customer_id",
      aliases: ["customerID", "customer", "customer_number", "account", "account_id"],
      required: true),
    Column(
      name: "issue_date",
      aliases: ["InvoiceDate", "invoice_date", "document_date", "date"], required: true),
    Column(name: "due_date", aliases: ["DueDate", "due"], required: false),
    Column(name: "terms_days", aliases: ["terms", "payment_terms"], required: false),
    Column(
      name: "amount", aliases: ["InvoiceAmount", "invoice_amount", "amount_due", "total"],
      required: true),
    Column(
      name: "paid_date",
      aliases: ["SettledDate", "settled_date", "payment_date", "cleared_date", "paid"],
      required: true),
    Column(name: "currency", aliases: ["currency_code", "curr"], required: false),
    Column(name: "disputed", aliases: ["Disputed", "in_dispute"], required: false),
    Column(
      name: "paperless", aliases: ["PaperlessBill", "paperless_bill", "e_invoice"],
      required: false),
    Column(name: "written_off", aliases: ["write_off", "bad_debt"], required: false),
    Column(name: "region", aliases: ["countryCode", "country", "country_code"], required: false),
    Column(name: "industry", aliases: ["sector"], required: false),
    Column(name: "credit_limit", aliases: ["creditLimit", "limit"], required: false),
  ])

  /// The customers file schema: only `customer_id` is required.
  public static let customers = InputSchema(columns: [
    Column(
      name: "customer_id",
      aliases: ["customerID", "customer", "customer_number", "account", "account_id"],
      required: true),
    Column(name: "credit_limit", aliases: ["creditLimit", "limit"], required: false),
    Column(name: "region", aliases: ["countryCode", "country", "country_code"], required: false),
    Column(name: "industry", aliases: ["sector"], required: false),
    Column(
      name: "customer_since",
      aliases: ["since", "customer_since_date", "account_opened", "opened", "start_date"],
      required: false),
  ])

  /// The comparison key of a header name: lower case without `_`, `-` and spaces.
  public static func normalize(_ name: String) -> String {
    String(name.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
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

    /// The header index for `name`, or -1.
    func column(_ name: String) -> Int { index[name] ?? -1 }
  }

  /// Matches `header` against the schema.
  ///
  /// - Throws: `DataError` for a map naming an unknown canonical column or a column not in
  ///   the header, and for a missing required column.
  func resolve(header: [String], columnMap: [String: String], fileName: String) throws -> Mapping {
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
          .header, file: fileName, line: 1, text: source,
          message: "is not a column of the header (in --map \(canonical)=\(source)); expected "
            + "one of " + header.joined(separator: ", "))
      }
      if let previous = mapping.index.first(where: { $0.value == k }) {
        throw DataError(
          .header, file: fileName, line: 1, column: k + 1, text: header[k],
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
      if column.required, mapping.index[column.name] == nil {
        throw missing(column, header: header, fileName: fileName)
      }
    }
    mapping.ignored = header.indices.filter { !taken.contains($0) }.map {
      header[$0].isEmpty ? "column \($0 + 1)" : header[$0]
    }
    return mapping
  }

  func missing(_ column: Column, header: [String], fileName: String) -> DataError {
    DataError(
      .header, file: fileName, line: 1,
      message: "missing required column '\(column.name)' (accepted names: "
        + ([column.name] + column.aliases).joined(separator: ", ") + "); the header has: "
        + header.joined(separator: ", ") + "; use --map \(column.name)=YourColumn")
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
