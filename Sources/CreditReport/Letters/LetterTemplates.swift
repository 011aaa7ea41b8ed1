import CreditData
import CreditEngine

/// The templates of `score --letters`: one file per action, named after it (`follow-up.txt`
/// for `follow-up`, `demand-letter.txt` for `demand letter`), and `default.txt` for any
/// action without its own.
public struct LetterTemplates: Sendable {
  /// Templates by file name.
  public var byName: [String: LetterTemplate]
  /// Where they came from, for errors: a folder, or "the default templates".
  public var source: String

  /// The default set (the repository's `templates/letters/`).
  public static func defaults() -> LetterTemplates {
    do {
      return try LetterTemplates(
        files: DefaultLetterTemplates.files, source: "the default letter templates")
    } catch {
      preconditionFailure("a default letter template does not parse: \(error)")
    }
  }

  /// Templates from (file name, text) pairs.
  /// - Throws: `LetterTemplateError` for the first template that does not parse.
  public init(files: [(name: String, text: String)], source: String) throws {
    var byName: [String: LetterTemplate] = [:]
    for file in files {
      byName[file.name] = try LetterTemplate(text: file.text, fileName: file.name)
    }
    self.byName = byName
    self.source = source
  }

  /// Every `.txt` file of `folder`, each checked.
  /// - Throws: `LetterTemplateError` naming the file and line, `DataError` for a file that
  ///   cannot be read.
  public static func load(folder: String) throws -> LetterTemplates {
    guard let all = FolderListing.names(folder) else {
      throw LetterTemplateError(fileName: folder, line: 0, "not a folder that can be read")
    }
    let names = all.filter { $0.hasSuffix(".txt") }
    guard !names.isEmpty else {
      throw LetterTemplateError(
        fileName: folder, line: 0, "no letter templates (.txt files) in the folder")
    }
    let files = try names.map { name -> (name: String, text: String) in
      let bytes = try CSVReader.readFile(path: folder + "/" + name)
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw LetterTemplateError(fileName: folder + "/" + name, line: 0, "not UTF-8 text")
      }
      return (name, text)
    }
    do {
      return try LetterTemplates(files: files, source: folder)
    } catch let error as LetterTemplateError {
      var named = error
      named.fileName = folder + "/" + error.fileName
      throw named
    }
  }

  /// The file name of an action's own template: lowercase letters and digits, every other run
  /// of characters a `-` (`demand letter` → `demand-letter.txt`, `relance écrite` →
  /// `relance-écrite.txt`).
  ///
  /// Letters of any script are kept, as the README says: only ASCII ones were, so a ladder's
  /// `relance écrite` looked for `relance-crite.txt` and took `default.txt` beside the user's
  /// `relance-écrite.txt`, and an action in Greek or Japanese looked for `.txt`.
  public static func fileName(for action: String) -> String {
    var slug = ""
    for ch in action.lowercased() {
      if ch.isLetter || ch.isNumber {
        slug.append(ch)
      } else if !slug.isEmpty && slug.last != "-" {
        slug.append("-")
      }
    }
    while slug.last == "-" { slug.removeLast() }
    return slug + ".txt"
  }

  /// The template for `action`: its own, else `default.txt`.
  /// - Throws: `LetterTemplateError` when neither is there.
  public func template(for action: String) throws -> LetterTemplate {
    let own = Self.fileName(for: action)
    if let t = byName[own] ?? byName["default.txt"] { return t }
    throw LetterTemplateError(
      fileName: source, line: 0,
      "no template for the action '\(action)': expected \(own) or default.txt")
  }
}
