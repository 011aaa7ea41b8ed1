import CreditData
import Foundation

/// Reading a history from a text export or a workbook, by the file's kind.
enum HistoryInput {
  /// The history at `path` and the content hash of its bytes.
  static func loadHashed(path: String, options: LoadOptions) throws -> (
    history: InvoiceHistory, contentHash: String
  ) {
    try HistoryLoader.loadHashed(path: path, options: options)
  }

  /// The history at `path`, not hashed.
  static func load(path: String, options: LoadOptions) throws -> InvoiceHistory {
    try HistoryLoader.load(path: path, options: options)
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

  /// Writes the profile as indented JSON with sorted keys.
  func write(path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data = try encoder.encode(self)
    guard FileManager.default.createFile(atPath: path, contents: data + Data("\n".utf8)) else {
      throw CommandError("\(path): cannot write the profile")
    }
  }
}
