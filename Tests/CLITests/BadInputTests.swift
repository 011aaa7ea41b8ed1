import Foundation
import TestSupport
import Testing

/// One row of the corpus manifest (`Tests/Fixtures/bad/README.md`).
struct BadInputCase: CustomTestStringConvertible, Sendable {
  var file: String
  var command: String
  var exit: Int32
  var stderr: String

  var testDescription: String { "\(file): \(command)" }

  /// The manifest's rows, in order.
  ///
  /// A malformed row is left out, which `manifestIsComplete` notices.
  static let all: [BadInputCase] = {
    guard
      let text = try? String(contentsOfFile: CLI.badFixtures + "/README.md", encoding: .utf8)
    else { return [] }
    return text.split(separator: "\n").compactMap { line -> BadInputCase? in
      guard line.hasPrefix("| ") else { return nil }
      let cells = line.split(separator: "|", omittingEmptySubsequences: false)
        .dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count == 4, let exit = Int32(cells[2]) else { return nil }
      return BadInputCase(file: cells[0], command: cells[1], exit: exit, stderr: cells[3])
    }
  }()

  /// The command's arguments with `{file}`, `{out}` and `{model}` filled in.
  func arguments(out: String, model: String) -> [String] {
    command.split(separator: " ").map {
      $0.replacingOccurrences(of: "{file}", with: file)
        .replacingOccurrences(of: "{out}", with: out)
        .replacingOccurrences(of: "{model}", with: model)
    }
  }
}

@Suite("Malformed and hostile inputs, run through the built binary")
struct BadInputTests {
  @Test func manifestIsComplete() throws {
    let cases = BadInputCase.all
    #expect(
      cases.count >= 30, "the manifest in Tests/Fixtures/bad/README.md lists \(cases.count) cases")
    let readme = try String(contentsOfFile: CLI.badFixtures + "/README.md", encoding: .utf8)
    let tableRows = readme.split(separator: "\n").filter { $0.hasPrefix("| ") }.count - 1
    #expect(cases.count == tableRows, "\(tableRows - cases.count) table rows could not be read")
    let listed = Set(cases.map(\.file))
    let onDisk = try FileManager.default.contentsOfDirectory(atPath: CLI.badFixtures)
      .filter { !$0.hasPrefix(".") && $0 != "README.md" }
    #expect(onDisk.count >= 30)
    for file in onDisk {
      #expect(listed.contains(file), "\(file) is in Tests/Fixtures/bad but not in its README table")
    }
  }

  @Test(arguments: BadInputCase.all)
  func corpusEntry(_ entry: BadInputCase) throws {
    let model = try #require(CLI.baseModel, "could not train the base model on valid-small.csv")
    let out = try CLI.temporaryDirectory("out")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let run = try CLI.run(entry.arguments(out: out, model: model))
    let context = "\(entry.testDescription)\nstderr:\n\(run.stderr)"

    #expect(!run.signaled, "crashed with signal \(run.status)\n\(context)")
    #expect(
      run.status == entry.exit, "exit status \(run.status), expected \(entry.exit)\n\(context)")
    let lines = run.stderrLines
    if entry.exit != 0 {
      let errors = lines.filter { $0.hasPrefix("Error: ") }
      #expect(errors.count == 1, "expected exactly one 'Error: ' line\n\(context)")
      let error = errors.first ?? ""
      #expect(error.contains(entry.stderr), "error line lacks '\(entry.stderr)'\n\(context)")
      if entry.exit == 64 {
        // ArgumentParser's usage errors: the cause, then the usage hint.
        #expect(lines.first == error, "\(context)")
        #expect(
          lines.dropFirst().allSatisfy { $0.hasPrefix("Usage:") || $0.hasPrefix("  See") },
          "\(context)")
      } else {
        #expect(lines.last == error, "the error must be the last stderr line\n\(context)")
        let notes = lines.dropLast()
        #expect(
          notes.allSatisfy { $0.hasPrefix("read ") || $0.hasPrefix("warning: ") },
          "stderr has lines besides progress notes and the error\n\(context)")
      }
      #expect(
        CLI.files(in: out).isEmpty, "failed run left files: \(CLI.files(in: out))\n\(context)")
    } else if entry.stderr != "-" {
      #expect(
        lines.contains { $0.contains(entry.stderr) },
        "no stderr line has '\(entry.stderr)'\n\(context)")
      #expect(!lines.contains { $0.hasPrefix("Error") }, "\(context)")
    }
    let problems = CLI.outputProblems(in: out)
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))\n\(context)")
    for line in lines {
      #expect(line.count <= 520, "a stderr line of \(line.count) characters\n\(context)")
      #expect(!BadInputTests.hasHiddenCharacters(line), "raw control characters: \(line)")
    }
  }

  /// Whether `line` holds a character a terminal would not show as itself.
  static func hasHiddenCharacters(_ line: String) -> Bool {
    line.unicodeScalars.contains { s in
      s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.properties.generalCategory == .format
        || s.properties.isDefaultIgnorableCodePoint
    }
  }

  /// Text quoted from the command line (a file name, an option's value) is escaped too, in
  /// run-time errors and in usage errors.
  @Test(arguments: [
    (
      ["train", "--history", "evil\u{202E}vsc.csv\u{7}", "--model", "m.json"], Int32(1),
      "Error: evil\\u{202E}vsc.csv\\u{0007}: cannot open"
    ),
    (
      ["backtest", "--history", "valid-small.csv", "--cutoff", "\u{FEFF}2025-01-01\nx"], 64,
      "Error: --cutoff '\\u{FEFF}2025-01-01\\nx' is not a date"
    ),
    (
      ["train", "--history", String(repeating: "h", count: 100_000) + ".csv", "--model", "m.json"],
      1, " more characters)"
    ),
  ])
  func argumentsAreEscaped(arguments: [String], status: Int32, expected: String) throws {
    let run = try CLI.run(arguments)
    #expect(run.status == status && !run.signaled, "\(run.stderr)")
    let error = try #require(run.stderrLines.first { $0.hasPrefix("Error: ") })
    #expect(error.contains(expected), "\(error)")
    #expect(error.count <= 320)
    #expect(!BadInputTests.hasHiddenCharacters(run.stderr.replacingOccurrences(of: "\n", with: "")))
  }
}
