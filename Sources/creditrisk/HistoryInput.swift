import CreditData
import CreditWorkbook
import Foundation

/// Reading a history from a text export or a workbook, by the file's kind: a name ending
/// in `.xlsx`, or `--sheet`, reads a workbook; anything else is text.
enum HistoryInput {
  /// The history at `path` and the content hash of its bytes.
  static func loadHashed(path: String, options: LoadOptions) throws -> (
    history: InvoiceHistory, contentHash: String
  ) {
    guard isWorkbook(path, options) else {
      return try HistoryLoader.loadHashed(path: path, options: options)
    }
    let name = InputFile.displayName(path)
    return try InputFile.withContents(path: path, mapped: false) { buf in
      let hash = ContentHash.hex(UnsafeRawBufferPointer(buf))
      let book = try WorkbookReader.rows(
        data: Data(buffer: buf), sheet: options.sheet, fileName: name)
      do {
        let history = try HistoryLoader.parse(
          rows: book.rows, fileName: name, sheet: book.sheet, dateSystem: book.dateSystem,
          options: options)
        return (history, hash)
      } catch var error as DataError
        where error.kind == .header && options.sheet == nil
        && book.sheets.count > 1
      {
        // The first sheet is often a summary or a cover: the others may hold the invoices.
        // Said first, as a long list of missing columns is cut short.
        error.message =
          "sheet '\(book.sheet)' (the first of "
          + book.sheets.map { "'\($0)'" }.joined(separator: ", ")
          + "; give --sheet NAME for another): " + error.message
        throw error
      }
    }
  }

  /// The history at `path`, not hashed.
  static func load(path: String, options: LoadOptions) throws -> InvoiceHistory {
    guard isWorkbook(path, options) else {
      return try HistoryLoader.load(path: path, options: options)
    }
    return try loadHashed(path: path, options: options).history
  }

  private static func isWorkbook(_ path: String, _ options: LoadOptions) -> Bool {
    options.sheet != nil || path.lowercased().hasSuffix(".xlsx")
  }
}

extension InputProfile {
  /// Reads a profile written by `write(path:)`.
  static func read(path: String) throws -> InputProfile {
    let bytes = try CSVReader.readFile(path: path)
    do {
      let profile = try JSONDecoder().decode(InputProfile.self, from: Data(bytes))
      guard profile.format.hasPrefix("creditrisk-input-profile/") else {
        throw CommandError("\(path): '\(profile.format)' is not a reading profile")
      }
      return profile
    } catch let error as CommandError {
      throw error
    } catch {
      throw CommandError(
        "\(path): not a reading profile (expected the JSON that inspect --save-profile writes)")
    }
  }

  /// Writes the profile as indented JSON with sorted keys, atomically (`AtomicFile`).
  /// - Returns: warnings about leftovers of interrupted runs that were removed.
  /// - Throws: `OutputError` naming `path` and the cause (a missing folder, a folder or a
  ///   FIFO at `path`).
  func write(path: String) throws -> [String] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data = try encoder.encode(self)
    return try AtomicFile.write(Array(data) + Array("\n".utf8), to: path)
  }
}
