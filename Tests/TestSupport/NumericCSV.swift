import Foundation

/// Reads the simple all-numeric CSV fixtures: a header row, then comma-separated numbers
/// (no quoting, no missing values).
public enum NumericCSV {
  /// Errors reading a fixture.
  public enum ReadError: Error, CustomStringConvertible {
    case unreadable(path: String)
    case badRow(line: Int, text: String)

    public var description: String {
      switch self {
      case .unreadable(let path): return "cannot read \(path)"
      case .badRow(let line, let text): return "line \(line): cannot parse '\(text)'"
      }
    }
  }

  /// The header names and one array of values per column.
  public static func read(_ path: String) throws -> (header: [String], columns: [[Double]]) {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else { throw ReadError.unreadable(path: path) }
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    guard !lines.isEmpty else { throw ReadError.unreadable(path: path) }
    let header = lines.removeFirst().split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    var columns = [[Double]](repeating: [], count: header.count)
    for (k, line) in lines.enumerated() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == header.count else { throw ReadError.badRow(line: k + 2, text: line) }
      for (j, field) in fields.enumerated() {
        guard let value = Double(field.trimmingCharacters(in: .whitespaces)) else {
          throw ReadError.badRow(line: k + 2, text: line)
        }
        columns[j].append(value)
      }
    }
    return (header, columns)
  }
}
