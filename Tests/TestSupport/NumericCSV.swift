import Foundation

/// Reads the all-numeric CSV fixtures (one header row, comma-separated, no quoting).
public enum NumericCSV {
  /// The header names and the columns as `Double`s.
  public static func read(_ path: String) throws -> (header: [String], columns: [[Double]]) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    guard !lines.isEmpty else { return ([], []) }
    let header = lines.removeFirst().split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    var columns = [[Double]](repeating: [], count: header.count)
    for (row, line) in lines.enumerated() where !line.isEmpty {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      precondition(
        fields.count == header.count, "\(path): row \(row + 1) has \(fields.count) fields")
      for (j, field) in fields.enumerated() {
        guard let value = Double(field.trimmingCharacters(in: .whitespaces)) else {
          preconditionFailure("\(path): row \(row + 1), column \(header[j]): '\(field)'")
        }
        columns[j].append(value)
      }
    }
    return (header, columns)
  }

  /// The column named `name`.
  public static func column(_ name: String, header: [String], columns: [[Double]]) -> [Double] {
    guard let j = header.firstIndex(of: name) else { preconditionFailure("no column \(name)") }
    return columns[j]
  }
}
