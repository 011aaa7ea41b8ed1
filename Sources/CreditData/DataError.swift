/// A problem with an input file, located as precisely as the input allows.
///
/// The description is always one line, in the compiler-like form
///
/// ```
/// history.csv:12:5 (amount): 'abc' is not a number; expected a decimal such as 1234.56
/// history.csv:40: row has 7 fields; expected 12 as in the header
/// history.csv: missing required column 'amount' (also accepted: InvoiceAmount, ...)
/// ```
///
/// `line` is the 1-based physical line of the file (the header is line 1, a quoted field
/// with embedded newlines spans several lines), `column` the 1-based field index.
/// Offending text is shown quoted, control characters escaped, cut to about 40 characters.
public struct DataError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What went wrong, broadly; the message says precisely.
  public enum Kind: String, Sendable, Equatable {
    /// The file could not be opened or read.
    case io
    /// Invalid UTF-8, a NUL byte, or a UTF-16 file.
    case encoding
    /// CSV structure: unterminated quote, ragged row, text after a closing quote.
    case syntax
    /// Header problems: missing, duplicate or unknown columns, a bad column map.
    case header
    /// A field that cannot be read as its column's type.
    case value
    /// A row that is well-formed but inconsistent (paid before issued, duplicate id).
    case row
    /// Dates whose format cannot be decided from the data.
    case ambiguousDates
    /// Amounts in several currencies with no exchange rates, or a currency without a rate.
    case currency
  }

  /// The broad category.
  public var kind: Kind
  /// The file name as given by the caller.
  public var file: String
  /// The 1-based physical line, when the problem has one.
  public var line: Int?
  /// The 1-based field index, when the problem is in one field.
  public var column: Int?
  /// The column's name: the canonical name when known, else the header text.
  public var columnName: String?
  /// The offending text, untruncated.
  public var text: String?
  /// What is wrong and what was expected.
  public var message: String

  /// Creates an error; see the type documentation for the meaning of each part.
  public init(
    _ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil,
    text: String? = nil, message: String
  ) {
    self.kind = kind
    self.file = file
    self.line = line
    self.column = column
    self.columnName = columnName
    self.text = text
    self.message = message
  }

  /// The error for a file with no bytes, or none but blank lines, before its header.
  static func emptyFile(_ fileName: String) -> DataError {
    DataError(.header, file: fileName, message: "file is empty; expected a header line")
  }

  /// One line: `file:line:column (name): 'text' message`.
  public var description: String {
    var s = file
    if let line {
      s += ":\(line)"
      if let column { s += ":\(column)" }
    }
    if let columnName { s += " (\(columnName))" }
    s += ": "
    if let text { s += "'\(DataError.excerpt(text))' " }
    s += DataError.oneLine(message)
    return MessageText.oneLine(s)
  }

  /// The text cut to at most `limit` characters, with control characters escaped.
  public static func excerpt(_ text: String, limit: Int = 40) -> String {
    var out = ""
    var n = 0
    for ch in text.unicodeScalars {
      if n >= limit {
        out += "..."
        break
      }
      out += MessageText.escaped(ch)
      n += 1
    }
    return out
  }

  private static func oneLine(_ text: String) -> String {
    guard text.contains(where: { $0 == "\n" || $0 == "\r" }) else { return text }
    return text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
  }
}
