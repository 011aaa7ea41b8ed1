import Foundation
import TestSupport
import Testing

/// Runs the built `creditrisk` binary and inspects what it leaves behind.
enum CLI {
  /// `.build/debug/creditrisk` under the repository root.
  static let binaryPath = repositoryRoot() + "/.build/debug/creditrisk"

  /// The folder of the malformed-input corpus.
  static let badFixtures = fixturesDirectory() + "/bad"

  /// What one run produced.
  struct Run {
    var status: Int32
    /// True when the process ended by a signal (a trap or crash), with `status` the signal.
    var signaled: Bool
    var stdout: String
    var stderr: String

    /// Non-empty stderr lines.
    var stderrLines: [String] {
      stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
  }

  /// Fails the current test with a clear message when the binary has not been built.
  static func requireBinary() throws {
    try #require(
      FileManager.default.isExecutableFile(atPath: binaryPath),
      "\(binaryPath) is missing: build it first (swift build, or swift build --build-tests)")
  }

  /// Runs the binary with `arguments` in `directory`; stdout and stderr go through files so
  /// a large output cannot fill a pipe and stall the child.
  static func run(
    _ arguments: [String], in directory: String = CLI.badFixtures,
    environment: [String: String]? = nil, executable: String = CLI.binaryPath
  ) throws -> Run {
    try requireBinary()
    let scratch = try temporaryDirectory("run")
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let outPath = scratch + "/stdout", errPath = scratch + "/stderr"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    if let environment { process.environment = environment }
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Run(
      status: process.terminationStatus,
      signaled: process.terminationReason == .uncaughtSignal,
      stdout: try String(contentsOfFile: outPath, encoding: .utf8),
      stderr: try String(contentsOfFile: errPath, encoding: .utf8))
  }

  /// A new empty folder under the system's temporary folder.
  static func temporaryDirectory(_ label: String) throws -> String {
    try ScratchFolder.make("cli-\(label)")
  }

  /// Where `baseModel` is written (nil when it cannot be made).
  private static let baseModelFolder = try? ScratchFolder.make("cli-model")

  /// The model every `{model}` in the corpus manifest refers to.
  ///
  /// Trained once on `valid-small.csv`; nil (and the cases that need it fail) when that fails.
  static let baseModel: String? = {
    guard let folder = baseModelFolder else { return nil }
    // Removed when the test process exits (a static is never released).
    atexit {
      if let folder = CLI.baseModelFolder { try? FileManager.default.removeItem(atPath: folder) }
    }
    let path = folder + "/model.json"
    guard let run = try? CLI.run(["train", "--history", "valid-small.csv", "--model", path]),
      run.status == 0
    else { return nil }
    return path
  }()

  // MARK: - Output checks

  /// Files in `folder` (recursively), relative paths, sorted.
  static func files(in folder: String) -> [String] {
    (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
      .filter { path in
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(
          atPath: folder + "/" + path, isDirectory: &isDirectory)
        return exists && !isDirectory.boolValue
      }
      .sorted()
  }

  /// Problems with the files in `folder`: leftover temporaries, non-finite numbers in CSV
  /// cells or JSON values, ragged CSV rows, empty required numbers.
  static func outputProblems(in folder: String) -> [String] {
    var problems: [String] = []
    for name in files(in: folder) {
      let path = folder + "/" + name
      if name.contains(".tmp-") { problems.append("\(name): temporary file left behind") }
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        problems.append("\(name): not UTF-8")
        continue
      }
      if name.hasSuffix(".json") {
        for token in ["\"nan\"", "\"inf\"", "\"-inf\"", "NaN", "Infinity"]
        where text.contains(token) {
          problems.append("\(name): contains \(token)")
        }
      } else if name.hasSuffix(".csv") {
        problems += csvProblems(name, text)
      }
    }
    return problems
  }

  /// Columns that are legitimately empty for some rows (no limit known, fewer reasons).
  static let optionalColumns: Set<String> = [
    "current_limit", "reason_1", "reason_2", "reason_3", "promise_keeping_rate", "distress",
    "distress_score", "distress_reason",
  ]

  static func csvProblems(_ name: String, _ text: String) -> [String] {
    let rows = parseCSV(text)
    guard let header = rows.first else { return ["\(name): no header"] }
    var problems: [String] = []
    for (r, row) in rows.enumerated().dropFirst() {
      if row.count != header.count {
        problems.append("\(name) row \(r + 1): \(row.count) cells, header has \(header.count)")
        continue
      }
      for (cell, column) in zip(row, header) {
        let lower = cell.lowercased()
        if ["nan", "-nan", "inf", "-inf", "+inf", "infinity", "-infinity"].contains(lower) {
          problems.append("\(name) row \(r + 1) \(column): '\(cell)'")
        }
        if cell.isEmpty, !optionalColumns.contains(column) {
          problems.append("\(name) row \(r + 1) \(column): empty (a non-finite number?)")
        }
      }
    }
    return problems
  }

  /// The rows of the CSV file at `path` by its header's names (blank lines left out).
  static func rowsByName(_ path: String) throws -> [[String: String]] {
    let table = parseCSV(try String(contentsOfFile: path, encoding: .utf8))
    guard let header = table.first else { return [] }
    return table.dropFirst().filter { $0.count > 1 }.map {
      Dictionary(uniqueKeysWithValues: zip(header, $0))
    }
  }

  /// RFC 4180 rows (quotes, doubled quotes, CR/LF inside quotes); rows end at LF or CRLF.
  static func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var cell: [Unicode.Scalar] = []
    var quoted = false
    var scalars = Array(text.unicodeScalars)[...]
    func endCell() {
      var s = ""
      s.unicodeScalars.append(contentsOf: cell)
      row.append(s)
      cell = []
    }
    while let c = scalars.popFirst() {
      if quoted {
        if c == "\"" {
          if scalars.first == "\"" {
            cell.append("\"")
            scalars.removeFirst()
          } else {
            quoted = false
          }
        } else {
          cell.append(c)
        }
      } else if c == "\"" && cell.isEmpty {
        quoted = true
      } else if c == "," {
        endCell()
      } else if c == "\n" || c == "\r" {
        if c == "\r", scalars.first == "\n" { scalars.removeFirst() }
        endCell()
        rows.append(row)
        row = []
      } else {
        cell.append(c)
      }
    }
    if !cell.isEmpty || !row.isEmpty {
      endCell()
      rows.append(row)
    }
    return rows
  }
}
