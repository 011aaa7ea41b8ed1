import CreditData
import CreditEngine

/// The files of `score --letters DIR`: a text file per customer with a due action, named by
/// its place in the worklist and its id (`0001-C000142.txt`), and `letters.csv` listing them
/// (`rank, customer_id, file, templates, actions, action_date, invoices, total_due`, then
/// `currency` when known and `as_of`).
///
/// A customer whose invoices have different actions (a follow-up on one, dispute resolution
/// on another) gets a letter per action in its file, each from that action's template with
/// its invoices, the most urgent first, separated by a form feed (a page break in print).
public enum LetterFiles {
  /// The index file's name.
  public static let indexName = "letters.csv"

  /// Every letter's text and the index, made before anything is written.
  /// - Throws: `LetterTemplateError` when an action has no template.
  public static func render(_ result: ScoreResult, templates: LetterTemplates) throws
    -> [(name: String, bytes: [UInt8])]
  {
    var files: [(name: String, bytes: [UInt8])] = []
    var entries: [(letter: CustomerLetter, file: String, templates: String, actions: String)] =
      []
    for letter in result.collections.letters {
      let parts = letter.byAction
      let used = try parts.map { try templates.template(for: $0.action) }
      let name = fileName(letter)
      let text = zip(parts, used).map { part, template in
        let text = template.render(part, asOf: result.asOf, currency: result.currency)
        return text.hasSuffix("\n") ? text : text + "\n"
      }.joined(separator: "\u{0C}\n")
      files.append((name, Array(text.utf8)))
      entries.append(
        (
          letter, name, used.map(\.fileName).joined(separator: "; "),
          parts.map(\.action).joined(separator: "; ")
        ))
    }
    let index = CSVWriter(
      entries,
      columns: [
        .integer("rank") { $0.letter.rank }, .text("customer_id") { $0.letter.customerID },
        .text("file") { $0.file }, .text("templates") { $0.templates },
        .text("actions") { $0.actions }, .day("action_date") { $0.letter.actionDate },
        .integer("invoices") { $0.letter.invoices.count },
        .money("total_due") { $0.letter.totalDue },
      ] + ScoreFiles.ending(result))
    return files + [(indexName, index.bytes)]
  }

  /// `rank-id.txt`: the rank with four digits (more when needed), then the customer id with
  /// every character other than ASCII letters, digits, `.`, `_` and `-` as `_`, at most 100.
  public static func fileName(_ letter: CustomerLetter) -> String {
    let safe = letter.customerID.prefix(100).map { ch -> Character in
      ch.isASCII && (ch.isLetter || ch.isNumber || ch == "." || ch == "_" || ch == "-")
        ? ch : "_"
    }
    return String(zeroPadded: String(letter.rank), width: 4) + "-" + String(safe)
      + ".txt"
  }
}
