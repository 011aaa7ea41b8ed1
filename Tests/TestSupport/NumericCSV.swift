import Foundation

/// Reads the all-numeric fixture CSVs (one header row, comma separated, no quoting).
public enum NumericCSV {
  /// Why a fixture could not be read.
  public struct ReadError: Error, CustomStringConvertible {
    public let description: String
  }

  /// The header and the columns of the CSV at `path`, every field parsed as `Double`.
  public static func read(_ path: String) throws -> (header: [String], columns: [[Double]]) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.split(whereSeparator: \.isNewline).filter { !$0.isEmpty }
    guard let first = lines.first else { throw ReadError(description: "\(path): empty file") }
    let header = first.split(separator: ",").map(String.init)
    var columns = [[Double]](repeating: [], count: header.count)
    for (k, line) in lines.dropFirst().enumerated() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == header.count else {
        throw ReadError(description: "\(path): line \(k + 2) has \(fields.count) fields")
      }
      for (j, field) in fields.enumerated() {
        guard let v = Double(field) else {
          throw ReadError(description: "\(path): line \(k + 2): '\(field)' is not a number")
        }
        columns[j].append(v)
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
