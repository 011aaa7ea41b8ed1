import CreditData
import CreditEngine

/// A reminder letter template: plain text with `{{placeholder}}`s (`LetterPlaceholder`).
///
/// A line with an invoice placeholder (`{{invoice_id}}`, `{{amount}}`, ...) is written once
/// per invoice of the letter, in worklist order. A line with `{{promise}}`, `{{plan}}` or
/// `{{currency}}` is left out when the customer has none. Everything else is copied as it is.
/// An unknown placeholder or a `{{` without `}}` is an error naming the file and line.
public struct LetterTemplate: Sendable, Equatable {
  /// The file the template came from, as named in errors.
  public var fileName: String
  /// The lines, each as text and placeholders.
  var lines: [[Piece]]

  enum Piece: Sendable, Equatable {
    case text(String)
    case value(LetterPlaceholder)
  }

  /// Parses template text.
  /// - Throws: `LetterTemplateError` naming `fileName` and the line.
  public init(text: String, fileName: String) throws {
    self.fileName = fileName
    var lines: [[Piece]] = []
    for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      var pieces: [Piece] = []
      var rest = Substring(line)
      while let open = rest.range(of: "{{") {
        if open.lowerBound > rest.startIndex {
          pieces.append(.text(String(rest[..<open.lowerBound])))
        }
        guard let close = rest[open.upperBound...].range(of: "}}") else {
          throw LetterTemplateError(
            fileName: fileName, line: n + 1, "'{{' without a closing '}}'")
        }
        let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: " ")
        guard let placeholder = LetterPlaceholder(rawValue: name) else {
          // The suggestion, or else the placeholders there are (both would not fit on one
          // line).
          let known = LetterPlaceholder.allCases.map(\.rawValue)
          throw LetterTemplateError(
            fileName: fileName, line: n + 1,
            "unknown placeholder {{\(name)}}"
              + (MessageText.closest(to: name, among: known).map { " (did you mean {{\($0)}}?)" }
                ?? "; known: " + known.joined(separator: ", ")))
        }
        pieces.append(.value(placeholder))
        rest = rest[close.upperBound...]
      }
      if !rest.isEmpty { pieces.append(.text(String(rest))) }
      lines.append(pieces)
    }
    self.lines = lines
  }

  /// The letter's text.
  public func render(_ letter: CustomerLetter, asOf: Day, currency: String?) -> String {
    let values = LetterValues(letter: letter, asOf: asOf, currency: currency)
    var out: [String] = []
    for pieces in lines {
      let placeholders = pieces.compactMap { piece -> LetterPlaceholder? in
        if case .value(let p) = piece { return p }
        return nil
      }
      if placeholders.contains(where: { $0.isOptional && values.text($0, invoice: nil).isEmpty }) {
        continue
      }
      let invoices: [CustomerLetter.Invoice?] =
        placeholders.contains(where: \.isInvoice) ? letter.invoices.map { $0 } : [nil]
      for invoice in invoices {
        out.append(
          pieces.map { piece in
            switch piece {
            case .text(let t): return t
            case .value(let p): return values.text(p, invoice: invoice)
            }
          }.joined())
      }
    }
    return out.joined(separator: "\n")
  }
}

/// A template that cannot be used: file, line and why.
public struct LetterTemplateError: Error, CustomStringConvertible, Equatable {
  public var fileName: String
  /// 1-based; 0 when the problem is not on a line (a missing template).
  public var line: Int
  public var problem: String

  public init(fileName: String, line: Int, _ problem: String) {
    self.fileName = fileName
    self.line = line
    self.problem = problem
  }

  public var description: String {
    line > 0 ? "\(fileName):\(line): \(problem)" : "\(fileName): \(problem)"
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: Character) -> String {
    String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
  }
}
